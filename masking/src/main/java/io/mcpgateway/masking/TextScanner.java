package io.mcpgateway.masking;

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

    private final SecretPattern[][] secretsByPair = new SecretPattern[128 * 128][];
    private final TokenPattern[][] tokensByChar = new TokenPattern[128][];
    private final java.util.Map<Object, Integer> patternIds = new java.util.IdentityHashMap<>();
    private final NumericScanner numbers;
    private final TextFields fields;
    private final EntityType email;
    private final EntityType ipv6;
    private final EntityType mac;
    private final EntityType urlCredentials;

    TextScanner(Catalog catalog, Predicate<EntityType> enabled, FieldRules rules) {
        for (SecretPattern p : catalog.secretPatterns()) {
            if (enabled.test(p.entity())) {
                patternIds.put(p, patternIds.size());
                for (String prefix : p.prefixes()) {
                    int key = prefix.charAt(0) * 128 + prefix.charAt(1);
                    secretsByPair[key] = append(secretsByPair[key], p, SecretPattern[]::new);
                }
            }
        }
        for (TokenPattern p : catalog.tokenPatterns()) {
            if (enabled.test(p.entity())) {
                patternIds.put(p, patternIds.size());
                for (int c = 0; c < 128; c++) {
                    if (p.starts()[c]) {
                        tokensByChar[c] = append(tokensByChar[c], p, TokenPattern[]::new);
                    }
                }
            }
        }
        this.email = builtin(catalog, enabled, "email");
        this.ipv6 = builtin(catalog, enabled, "ipv6");
        this.mac = builtin(catalog, enabled, "mac");
        this.urlCredentials = builtin(catalog, enabled, "url-credentials");
        this.numbers = new NumericScanner(catalog, enabled,
                builtin(catalog, enabled, "ipv4"), builtin(catalog, enabled, "geo"),
                builtin(catalog, enabled, "street-address"));
        this.fields = new TextFields(rules);
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

    private static <T> T[] append(T[] arr, T p, java.util.function.IntFunction<T[]> make) {
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
     * @return the findings, unsorted and possibly overlapping
     */
    List<Finding> scan(String text, String field) {
        ScanState st = new ScanState(text, field, patternIds.size());
        fields.tables(st);
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c >= 128) {
                i = Character.isLetterOrDigit(c) ? skipWord(text, i) : i + 1;
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
        return st.findings;
    }

    private static int skipWord(String s, int i) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
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
        int n = s.length();
        int end = skipWord(s, i);
        char c0 = s.charAt(i);
        if (i + 1 < n) {
            char c1 = s.charAt(i + 1);
            if (c1 < 128) {
                SecretPattern[] candidates = secretsByPair[c0 * 128 + c1];
                if (candidates != null) {
                    int r = secrets(st, i, candidates);
                    if (r > 0) {
                        return r;
                    }
                }
            }
        }
        if (end < n && (ipv6 != null || mac != null)) {
            char next = s.charAt(end);
            if (next == ':' || next == '-' || next == '.') {
                int r = NetworkAddress.scan(st, i, end, ipv6, mac);
                if (r > 0) {
                    return r;
                }
            }
        }
        TokenPattern[] tokens = tokensByChar[c0];
        if (tokens != null) {
            int alnumEnd = i;
            while (alnumEnd < n && alnum(s.charAt(alnumEnd))) {
                alnumEnd++;
            }
            int r = tokens(st, i, alnumEnd - i, tokens);
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

    private int trigger(ScanState st, int i, char c) {
        String s = st.text;
        int n = s.length();
        switch (c) {
            case '@' -> {
                if (email != null) {
                    int r = emailAt(st, i);
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
                    SecretPattern[] candidates = secretsByPair['-' * 128 + '-'];
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
                    int r = urlCredentials(st, i);
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

    private int secrets(ScanState st, int i, SecretPattern[] candidates) {
        String s = st.text;
        for (SecretPattern p : candidates) {
            for (String prefix : p.prefixes()) {
                if (!s.startsWith(prefix, i)) {
                    continue;
                }
                Matcher m = st.matcher(patternIds.get(p), p.regex());
                m.region(i, s.length());
                if (m.lookingAt()) {
                    int e = m.end();
                    if ((e == s.length() || !alnum(s.charAt(e)))
                            && (p.minEntropy() <= 0 || SecretPattern.entropy(s, i, e) >= p.minEntropy())) {
                        st.add(i, e, p.entity());
                        return e;
                    }
                }
            }
        }
        return -1;
    }

    private int tokens(ScanState st, int i, int wordLen, TokenPattern[] candidates) {
        String s = st.text;
        TokenPattern best = null;
        int bestEnd = -1;
        for (TokenPattern p : candidates) {
            if (wordLen < p.minWord() || wordLen > p.maxWord()) {
                continue;
            }
            Matcher m = st.matcher(patternIds.get(p), p.regex());
            m.region(i, Math.min(s.length(), i + 160));
            if (!m.lookingAt()) {
                continue;
            }
            int e = m.end();
            if ((e < s.length() && (alnum(s.charAt(e)) || s.charAt(e) == '_')) || !p.checked(m)) {
                continue;
            }
            // a candidate with its context word present wins; else the first that needs none
            if (st.hasContext(i, p.entity())) {
                best = p;
                bestEnd = e;
                break;
            }
            if (!p.entity().contextRequired() && best == null) {
                best = p;
                bestEnd = e;
            }
        }
        if (best == null) {
            return -1;
        }
        st.add(i, bestEnd, best.entity());
        return bestEnd;
    }

    private int emailAt(ScanState st, int at) {
        String s = st.text;
        int n = s.length();
        int ls = at;
        while (ls > 0 && at - ls < 64) {
            char c = s.charAt(ls - 1);
            if (alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'') {
                ls--;
            } else {
                break;
            }
        }
        while (ls < at && (s.charAt(ls) == '.' || s.charAt(ls) == '\'')) {
            ls++;
        }
        if (ls == at) {
            return -1;
        }
        int d = at + 1;
        int lastDot = -1;
        while (d < n) {
            char c = s.charAt(d);
            if (alnum(c) || c == '-') {
                d++;
            } else if (c == '.' && d + 1 < n && alnum(s.charAt(d + 1)) && d > at + 1) {
                lastDot = d++;
            } else {
                break;
            }
        }
        if (lastDot < 0 || d - lastDot - 1 < 2) {
            return -1;
        }
        for (int j = lastDot + 1; j < d; j++) {
            char c = s.charAt(j);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return -1;
            }
        }
        st.add(ls, d, email);
        return d;
    }

    private int urlCredentials(ScanState st, int colon) {
        String s = st.text;
        int n = s.length();
        int scheme = colon;
        while (scheme > 0 && (alnum(s.charAt(scheme - 1)) || "+.-".indexOf(s.charAt(scheme - 1)) >= 0)) {
            scheme--;
        }
        if (colon - scheme < 2) {
            return -1;
        }
        int u = colon + 3;
        int at = -1;
        int pass = -1;
        for (int j = u; j < n && j < u + 512; j++) {
            char c = s.charAt(j);
            if (c == '@') {
                at = j;
            } else if (c == ':' && pass < 0 && at < 0) {
                pass = j + 1;
            } else if (c == '/' || c == '?' || c == '#' || c <= ' ' || c == '"' || c == '\'' || c == '>') {
                break;
            }
        }
        if (at < 0) {
            return -1;
        }
        int from = pass > 0 && pass < at ? pass : u;
        if (from == at) {
            return -1;
        }
        String secret = s.substring(from, at);
        if (pass < 0 && !ValueCheck.SECRET_LIKE.accepts(secret)) {
            return -1;
        }
        if (ValueCheck.placeholder(secret)) {
            return at;
        }
        st.add(from, at, urlCredentials);
        return at;
    }
}
