package io.mcpgateway.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;

/**
 * The single pass over a text that generates candidates. It walks the characters once, classifying
 * each by a lookup table; only at a few positions does it call a recognizer:
 * <ul>
 *     <li>at a word start: credential prefixes (looked up by the first two characters), identifiers
 *     mixing letters and digits (by first character and word length), IPv6 and MAC addresses, runs
 *     of digit groups (cards, national ids, phones, IPv4, dates of birth, street numbers), and
 *     {@code key: value} / {@code key=value} pairs whose key a field rule names;</li>
 *     <li>at {@code @}: e-mail addresses; at {@code +} and {@code (}: phone numbers; at
 *     {@code -----BEGIN}: PEM keys; at {@code ://}: passwords in URLs.</li>
 * </ul>
 * Validators (checksums, dates, context words) run only on those candidates, so the cost grows with
 * the text and barely with the number of entity types.
 */
final class TextScanner {
    private static final byte OTHER = 0;
    private static final byte WORD = 1;
    private static final byte TRIGGER = 2;
    private static final byte[] KIND = new byte[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            KIND[c] = WORD;
            KIND[c - 32] = WORD;
        }
        for (char c = '0'; c <= '9'; c++) {
            KIND[c] = WORD;
        }
        KIND['_'] = WORD;
        for (char c : "@+(-:".toCharArray()) {
            KIND[c] = TRIGGER;
        }
    }

    /**
     * A credential format under one of its literal prefixes, with the characters every match of its
     * expression starts with.
     */
    private record SecretPrefix(SecretPattern pattern, char[] prefix, int id, RegexPrefix starts) {
    }

    // credential prefixes by their first two characters, in catalog order
    private final SecretPrefix[][] secretsByPair = new SecretPrefix[128 * 128][];
    private final java.util.Map<Object, Integer> patternIds = new java.util.IdentityHashMap<>();
    // keyword prefilter for context words (starting with two ASCII characters), each with the gates
    // (indexes in ScanState.lastContext) of the types that need them
    private final ContextTrie contextWords = new ContextTrie();
    private final java.util.Map<EntityType, Integer> typeGates = new java.util.IdentityHashMap<>();
    private final java.util.Map<EntityType, String[]> contextKeys = new java.util.IdentityHashMap<>();
    private final Identifiers identifiers;
    private final java.util.Map<Character, List<java.util.Map.Entry<String, Integer>>> nonAsciiContext = new java.util.HashMap<>();
    // the (lower-case) first characters of those words, checked before the map
    private final java.util.BitSet nonAsciiFirst = new java.util.BitSet(Character.MAX_VALUE + 1);
    private final NumericScanner numbers;
    private final TextFields fields;
    private final EntityType email;
    private final EntityType ipv6;
    private final EntityType mac;
    private final EntityType urlCredentials;

    TextScanner(Catalog catalog, Predicate<EntityType> enabled, FieldRules rules) {
        for (SecretPattern p : catalog.secretPatterns()) {
            if (enabled.test(p.entity())) {
                int id = patternIds.size();
                patternIds.put(p, id);
                RegexPrefix starts = RegexPrefix.of(p.regex().pattern());
                for (String prefix : p.prefixes()) {
                    int key = prefix.charAt(0) * 128 + prefix.charAt(1);
                    secretsByPair[key] = append(secretsByPair[key], new SecretPrefix(p, prefix.toCharArray(), id, starts),
                            SecretPrefix[]::new);
                }
            }
        }
        for (TokenPattern p : catalog.tokenPatterns()) {
            if (enabled.test(p.entity())) {
                patternIds.put(p, patternIds.size());
            }
        }
        for (EntityType t : catalog.types()) {
            contextKeys.put(t, t.context().stream().map(KeyPath::normalise).toArray(String[]::new));
        }
        // keyword prefilter: every enabled type with context words gets a gate, opened when one of
        // its words starts a word of the text (see ScanState.hasContext)
        for (EntityType t : catalog.types()) {
            List<String> words = t.context();
            if (enabled.test(t) && !words.isEmpty() && words.stream().allMatch(w -> w.length() >= 2)) {
                typeGates.put(t, typeGates.size());
            }
        }
        typeGates.forEach((t, gate) -> t.context().forEach(w -> openedBy(w, gate)));
        this.identifiers = new Identifiers(patternIds, typeGates);
        this.email = builtin(catalog, enabled, "email");
        this.ipv6 = builtin(catalog, enabled, "ipv6");
        this.mac = builtin(catalog, enabled, "mac");
        this.urlCredentials = builtin(catalog, enabled, "url-credentials");
        this.numbers = new NumericScanner(catalog, enabled,
                builtin(catalog, enabled, "ipv4"), builtin(catalog, enabled, "geo"),
                builtin(catalog, enabled, "street-address"));
        this.fields = new TextFields(rules);
    }

    private void openedBy(String word, int gate) {
        if (word.charAt(0) >= 128 || word.charAt(1) >= 128) {
            nonAsciiContext.computeIfAbsent(Character.toLowerCase(word.charAt(0)), k -> new ArrayList<>())
                    .add(java.util.Map.entry(word, gate));
            nonAsciiFirst.set(Character.toLowerCase(word.charAt(0)));
        } else {
            contextWords.add(word, gate);
        }
    }

    static EntityType builtin(Catalog catalog, Predicate<EntityType> enabled, String name) {
        for (var e : catalog.builtins().entrySet()) {
            if (e.getValue().equals(name)) {
                EntityType t = catalog.require(e.getKey());
                return enabled.test(t) ? t : null;
            }
        }
        return null;
    }

    static <T> T[] append(T[] arr, T p, java.util.function.IntFunction<T[]> make) {
        T[] out = make.apply(arr == null ? 1 : arr.length + 1);
        if (arr != null) {
            System.arraycopy(arr, 0, out, 0, arr.length);
        }
        out[out.length - 1] = p;
        return out;
    }

    /**
     * Scans a text.
     *
     * @param text  the text
     * @param field the key or column holding the text, used as context, or null
     * @return the scan, whose findings are unsorted and possibly overlapping
     */
    ScanState scan(String text, String field) {
        ScanState st = new ScanState(text, field, patternIds.size(), typeGates, contextKeys);
        fields.tables(st);
        char[] cs = st.chars;
        int n = cs.length;
        int i = 0;
        while (i < n) {
            char c = cs[i];
            if (c >= 128) {
                st.wide |= c > 255;
                if (Character.isLetterOrDigit(c)) {
                    nonAsciiContext(st, i, c);
                    i = skipWord(cs, i);
                } else {
                    i++;
                }
                continue;
            }
            byte k = KIND[c];
            if (k == WORD) {
                i = word(st, i);
            } else if (k == TRIGGER) {
                i = trigger(st, i, c);
            } else {
                i++;
            }
        }
        return st;
    }

    private static int skipWord(char[] s, int i) {
        int n = s.length;
        while (i < n) {
            char c = s[i];
            if (c < 128 ? KIND[c] != WORD : !Character.isLetterOrDigit(c)) {
                break;
            }
            i++;
        }
        return i;
    }

    static boolean alnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static boolean wordChar(char c) {
        return c < 128 ? KIND[c] == WORD : Character.isLetterOrDigit(c);
    }

    private int word(ScanState st, int i) {
        String s = st.text;
        char[] cs = st.chars;
        int n = cs.length;
        // one pass over the word: its run of ASCII letters and digits (what identifiers read), then
        // the rest of the word (underscores, non-ASCII letters)
        int j = i;
        boolean digit = false;
        boolean letter = false;
        while (j < n) {
            char c = cs[j];
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if ((c | 32) >= 'a' && (c | 32) <= 'z') {
                letter = true;
            } else {
                break;
            }
            j++;
        }
        int alnumEnd = j;
        boolean underscore = false;
        while (j < n) {
            char c = cs[j];
            if (c < 128 ? KIND[c] != WORD : !Character.isLetterOrDigit(c)) {
                break;
            }
            underscore |= c == '_';
            j++;
        }
        int end = j;
        char c0 = cs[i];
        for (int u = i + 1; underscore && u + 2 < end; u++) {
            if (cs[u] == '_' && cs[u + 1] < 128 && cs[u + 2] < 128) {
                contextWords(st, u + 1);
            }
        }
        if (i + 1 < n && cs[i + 1] >= 128) {
            nonAsciiContext(st, i, c0);
        }
        if (i + 1 < n) {
            char c1 = cs[i + 1];
            if (c1 < 128) {
                contextWords(st, i);
                SecretPrefix[] candidates = secretsByPair[c0 * 128 + c1];
                if (candidates != null) {
                    int r = secrets(st, i, candidates);
                    if (r > 0) {
                        return r;
                    }
                }
            }
        }
        if (end < n && end - i <= 4 && (ipv6 != null || mac != null)) {
            char next = s.charAt(end);
            if (next == ':' || next == '-' || next == '.') {
                int r = NetworkAddress.scan(st, i, end, ipv6, mac);
                if (r > 0) {
                    return r;
                }
            }
        }
        if (identifiers.startWith(c0)) {
            int r = identifiers.scan(st, i, alnumEnd, digit, letter);
            if (r > 0) {
                return r;
            }
        }
        if (c0 >= '0' && c0 <= '9') {
            int r = numbers.scan(st, i);
            if (r > 0) {
                return Math.max(r, end);
            }
        }
        int r = fields.keyValue(st, i, end);
        return r > 0 ? r : end;
    }

    /** Opens the gates of context words written with non-ASCII letters (cédula, ičo, 身份证). */
    private void nonAsciiContext(ScanState st, int i, char c0) {
        char first = Character.toLowerCase(c0);
        if (!nonAsciiFirst.get(first)) {
            return;
        }
        var words = nonAsciiContext.get(first);
        if (words != null) {
            for (var w : words) {
                if (st.contextAt(i, w.getKey())) {
                    st.lastContext[w.getValue()] = Math.max(st.lastContext[w.getValue()], i + w.getKey().length());
                }
            }
        }
    }

    /** Opens the gates of the context words starting at i (keys such as patient_nhs are checked after _). */
    private void contextWords(ScanState st, int i) {
        contextWords.open(st.chars, i, st.lastContext);
    }

    private int trigger(ScanState st, int i, char c) {
        String s = st.text;
        int n = s.length();
        switch (c) {
            case '@' -> {
                if (email != null) {
                    int r = Addresses.email(st, i, email);
                    if (r > 0) {
                        return r;
                    }
                }
            }
            case '+', '(' -> {
                if (i + 1 < n && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '9'
                        && (i == 0 || !wordChar(s.charAt(i - 1)))) {
                    int r = numbers.scan(st, i);
                    if (r > 0) {
                        return r;
                    }
                }
            }
            case '-' -> {
                if (i + 1 < n) {
                    SecretPrefix[] candidates = secretsByPair['-' * 128 + '-'];
                    if (candidates != null && s.charAt(i + 1) == '-') {
                        int r = secrets(st, i, candidates);
                        if (r > 0) {
                            return r;
                        }
                    }
                }
            }
            case ':' -> {
                if (i + 2 < n && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/' && urlCredentials != null) {
                    int r = Addresses.urlCredentials(st, i, urlCredentials);
                    if (r > 0) {
                        return r;
                    }
                } else if (i + 1 < n && s.charAt(i + 1) == ':' && ipv6 != null && (i == 0 || !wordChar(s.charAt(i - 1)))) {
                    int r = NetworkAddress.scan(st, i, i, ipv6, null);
                    if (r > 0) {
                        return r;
                    }
                }
            }
            default -> {
            }
        }
        return i + 1;
    }

    private int secrets(ScanState st, int i, SecretPrefix[] candidates) {
        String s = st.text;
        char[] cs = st.chars;
        int n = cs.length;
        for (SecretPrefix c : candidates) {
            char[] prefix = c.prefix;
            if (i + prefix.length > n || !java.util.Arrays.equals(prefix, 2, prefix.length, cs, i + 2, i + prefix.length)
                    || !c.starts.accepts(cs, i)) {
                continue;
            }
            SecretPattern p = c.pattern;
            Matcher m = st.matcher(c.id, p.regex());
            m.region(i, n);
            if (m.lookingAt()) {
                int e = m.end();
                if ((e == n || !alnum(cs[e]))
                        && (p.minEntropy() <= 0 || SecretPattern.entropy(s, i, e) >= p.minEntropy())) {
                    st.add(i, e, p.entity());
                    return e;
                }
            }
        }
        return -1;
    }
}
