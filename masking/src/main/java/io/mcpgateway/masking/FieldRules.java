package io.mcpgateway.masking;

import java.util.ArrayList;
import java.util.List;

/**
 * The field rules of one profile, resolved against the catalog and ready to match paths. The first
 * rule whose pattern matches wins.
 */
final class FieldRules {
    /**
     * A rule with its parsed pattern and resolved entity.
     *
     * @param rule   the configured rule
     * @param path   its pattern
     * @param entity the entity it reports
     */
    record Compiled(FieldRule rule, KeyPath path, EntityType entity) {
    }

    private final List<Compiled> rules;
    // single-segment patterns, for the key lookups done at every key=value in a text: exact keys by
    // hash (lowest rule index), wildcard patterns in rule order
    private final java.util.Map<String, Integer> exact = new java.util.HashMap<>();
    private final java.util.TreeMap<Integer, java.util.Map<String, Integer>> suffixes = new java.util.TreeMap<>();
    private final java.util.TreeMap<Integer, java.util.Map<String, Integer>> prefixes = new java.util.TreeMap<>();
    private final List<Integer> wildcards = new ArrayList<>();
    private final boolean letterless;

    FieldRules(List<FieldRule> configured, Catalog catalog) {
        List<Compiled> out = new ArrayList<>();
        for (FieldRule r : configured) {
            Compiled c = new Compiled(r, KeyPath.parse(r.match()), catalog.require(r.entity()));
            if (c.path().segments().size() == 1) {
                String seg = c.path().segments().get(0);
                int stars = seg.length() - seg.replace("*", "").length();
                if (stars == 0) {
                    exact.putIfAbsent(seg, out.size());
                } else if (stars == 1 && seg.startsWith("*")) {
                    suffixes.computeIfAbsent(seg.length() - 1, k -> new java.util.HashMap<>()).putIfAbsent(seg.substring(1), out.size());
                } else if (stars == 1 && seg.endsWith("*")) {
                    prefixes.computeIfAbsent(seg.length() - 1, k -> new java.util.HashMap<>())
                            .putIfAbsent(seg.substring(0, seg.length() - 1), out.size());
                } else {
                    wildcards.add(out.size());
                }
            }
            out.add(c);
        }
        this.rules = List.copyOf(out);
        this.letterless = out.stream().anyMatch(c -> c.path().segments().stream()
                .anyMatch(seg -> seg.chars().noneMatch(Character::isLetter)));
    }

    /**
     * Whether a key without letters ({@code 22} in {@code 10:22:11}) can match a rule: only when a
     * pattern has a segment without letters ({@code *}, {@code 2}); otherwise text keys without
     * letters need no lookup.
     *
     * @return true when some pattern could match such a key
     */
    boolean matchesLetterlessKeys() {
        return letterless;
    }

    private Compiled matchKey(String normalised) {
        int best = exact.getOrDefault(normalised, Integer.MAX_VALUE);
        int n = normalised.length();
        for (var e : suffixes.headMap(n, true).entrySet()) {
            Integer i = e.getValue().get(normalised.substring(n - e.getKey()));
            if (i != null && i < best) {
                best = i;
            }
        }
        for (var e : prefixes.headMap(n, true).entrySet()) {
            Integer i = e.getValue().get(normalised.substring(0, e.getKey()));
            if (i != null && i < best) {
                best = i;
            }
        }
        for (int i : wildcards) {
            if (i >= best) {
                break;
            }
            if (rules.get(i).path().matchesKey(normalised)) {
                best = i;
                break;
            }
        }
        return best == Integer.MAX_VALUE ? null : kept(rules.get(best));
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * The first rule matching a path of normalised segments.
     *
     * @param path outermost first
     * @return the rule, or null
     */
    Compiled match(List<String> path) {
        for (Compiled c : rules) {
            if (c.path().matches(path)) {
                return kept(c);
            }
        }
        return null;
    }

    /** A rule with the keep strategy stops the search: the value is left to text detection. */
    private static Compiled kept(Compiled c) {
        return c.rule().strategy() == MaskingStrategy.KEEP ? null : c;
    }

    /**
     * The first rule matching a key found in text, such as {@code spring.datasource.password},
     * {@code X-Api-Key} or {@code "customer_name"}.
     *
     * @param rawKey the key as written
     * @return the rule, or null
     */
    Compiled matchTextKey(CharSequence rawKey) {
        String key = rawKey.toString();
        return matchTextKey(key.toCharArray(), 0, key.length());
    }

    /**
     * {@link #matchTextKey(CharSequence)} for the key {@code cs[from, to)}, without copying it when
     * the answer is remembered.
     *
     * @param cs   the text
     * @param from start of the key
     * @param to   end of the key
     * @return the rule, or null
     */
    Compiled matchTextKey(char[] cs, int from, int to) {
        // logs and JSON repeat the same keys on every line: remember the answer (bounded)
        int h = 0;
        for (int k = from; k < to; k++) {
            h = 31 * h + cs[k];
        }
        CachedKey[] table = cache;
        int mask = table.length - 1;
        int home = (h ^ (h >>> 16)) & mask;
        for (int probe = 0; probe < MAX_PROBES; probe++) {
            CachedKey e = table[(home + probe) & mask];
            if (e == null) {
                break;
            }
            if (e.hash == h && java.util.Arrays.equals(e.chars, 0, e.chars.length, cs, from, to)) {
                return e.rule;
            }
        }
        String key = new String(cs, from, to - from);
        Compiled found = lookup(key);
        // racy but safe: entries are immutable, and a lost insert only costs a lookup later; the
        // probe bound keeps the table from filling up with the keys of one long text
        for (int probe = 0; probe < MAX_PROBES && key.length() <= 128; probe++) {
            int slot = (home + probe) & mask;
            if (table[slot] == null) {
                table[slot] = new CachedKey(key.toCharArray(), h, found);
                break;
            }
        }
        return found;
    }

    private static final int MAX_PROBES = 8;
    private final CachedKey[] cache = new CachedKey[8192];

    private record CachedKey(char[] chars, int hash, Compiled rule) {
    }

    private Compiled lookup(String key) {
        if (key.indexOf('.') < 0) {
            return matchKey(KeyPath.normalise(key));
        }
        List<String> segs = new ArrayList<>();
        for (String s : key.split("\\.")) {
            if (!s.isEmpty()) {
                segs.add(KeyPath.normalise(s));
            }
        }
        if (segs.isEmpty()) {
            return null;
        }
        Compiled path = match(segs);
        // properties-style keys name one thing with dots: api.key, secret.key
        return path != null ? path : matchKey(String.join("", segs));
    }
}
