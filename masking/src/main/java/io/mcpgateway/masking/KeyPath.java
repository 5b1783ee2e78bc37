package io.mcpgateway.masking;

import java.util.List;
import java.util.Locale;

/**
 * A pattern over JSON key paths and column names: {@code password}, {@code *.token},
 * {@code customer.email}, {@code *_secret}. Segments are separated by dots; {@code *} inside a
 * segment matches any characters. A pattern matches the end of a path, so {@code password} matches
 * the key {@code password} at any depth and {@code user.email} matches {@code data.user.email}.
 * Comparison ignores case, underscores, dashes and spaces: {@code card_number} matches
 * {@code cardNumber} and {@code Card Number}.
 *
 * @param pattern  the pattern as written
 * @param segments the normalised segments
 */
record KeyPath(String pattern, List<String> segments) {
    /**
     * Parses a pattern.
     *
     * @param pattern the pattern as configured
     * @return the key path
     * @throws IllegalArgumentException when the pattern is blank
     */
    static KeyPath parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("a field rule needs a non-blank 'match' pattern");
        }
        String p = pattern.strip();
        if (p.startsWith("$.")) {
            p = p.substring(2);
        }
        List<String> segs = java.util.Arrays.stream(p.split("\\."))
                .map(s -> s.replace("[]", "").replace("[*]", ""))
                .map(KeyPath::normalise)
                .toList();
        return new KeyPath(pattern, segs);
    }

    /**
     * Normalises one key: lower case, without underscores, dashes, spaces or quotes.
     *
     * @param key the key
     * @return the normalised key
     */
    static String normalise(CharSequence key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '_' || c == '-' || c == ' ' || c == '"' || c == '\'') {
                continue;
            }
            sb.append(c < 128 ? (char) (c >= 'A' && c <= 'Z' ? c + 32 : c) : Character.toLowerCase(c));
        }
        return sb.toString();
    }

    /**
     * Whether the path (outermost first, already normalised) ends with this pattern.
     *
     * @param path normalised segments
     * @return true on a match
     */
    boolean matches(List<String> path) {
        int k = segments.size();
        int m = path.size();
        if (k > m) {
            return false;
        }
        for (int i = 0; i < k; i++) {
            if (!glob(segments.get(i), path.get(m - k + i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a single normalised key matches a one-segment pattern.
     *
     * @param key the normalised key
     * @return true on a match
     */
    boolean matchesKey(String key) {
        return segments.size() == 1 && glob(segments.get(0), key);
    }

    static boolean glob(String pattern, String text) {
        int stars = 0;
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == '*') {
                stars++;
            }
        }
        int n = pattern.length();
        if (stars == 0) {
            return pattern.equals(text);
        }
        if (stars == 1 && pattern.charAt(0) == '*') {
            return text.endsWith(pattern.substring(1));
        }
        if (stars == 1 && pattern.charAt(n - 1) == '*') {
            return text.startsWith(pattern.substring(0, n - 1));
        }
        if (stars == 2 && n > 2 && pattern.charAt(0) == '*' && pattern.charAt(n - 1) == '*') {
            return text.contains(pattern.substring(1, n - 1));
        }
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public String toString() {
        return pattern.toLowerCase(Locale.ROOT);
    }
}
