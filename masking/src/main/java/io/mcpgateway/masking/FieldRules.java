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

    FieldRules(List<FieldRule> configured, Catalog catalog) {
        List<Compiled> out = new ArrayList<>();
        for (FieldRule r : configured) {
            out.add(new Compiled(r, KeyPath.parse(r.match()), catalog.require(r.entity())));
        }
        this.rules = List.copyOf(out);
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
        if (key.indexOf('.') < 0) {
            String n = KeyPath.normalise(key);
            for (Compiled c : rules) {
                if (c.path().segments().size() == 1 ? c.path().matchesKey(n) : c.path().matches(List.of(n))) {
                    return kept(c);
                }
            }
            return null;
        }
        List<String> segs = new ArrayList<>();
        for (String s : key.split("\\.")) {
            if (!s.isEmpty()) {
                segs.add(KeyPath.normalise(s));
            }
        }
        return segs.isEmpty() ? null : match(segs);
    }
}
