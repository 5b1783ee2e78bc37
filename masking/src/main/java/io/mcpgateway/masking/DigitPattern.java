package io.mcpgateway.masking;

import java.util.List;
import java.util.function.Predicate;

/**
 * A digits-only identifier recognised by the shape of its digit groups ({@code 3-2-4} for
 * {@code 123-45-6789}) and a check scheme. Shapes use the group lengths and the separators found in
 * the text; {@code ~} stands for any of dash, space or dot; a leading {@code ?} means the shape only
 * counts with a context word nearby (bare nine-digit numbers, for instance).
 *
 * @param entity the type
 * @param shapes accepted shapes
 * @param check  the checksum over the digits
 */
record DigitPattern(EntityType entity, List<Shape> shapes, Predicate<String> check) {

    /** Result of {@link #match}: no match. */
    static final int NO = 0;
    /** The shape matches and stands on its own. */
    static final int YES = 1;
    /** The shape matches but only counts with context. */
    static final int WITH_CONTEXT = 2;

    /**
     * One accepted shape.
     *
     * @param text         the shape as written, without the leading {@code ?}
     * @param digits       the number of digits it holds
     * @param needsContext whether a context word is required
     */
    record Shape(String text, int digits, boolean needsContext) {
        static Shape parse(String s) {
            boolean ctx = s.startsWith("?");
            String t = ctx ? s.substring(1) : s;
            int digits = 0;
            int n = 0;
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c >= '0' && c <= '9') {
                    n = n * 10 + (c - '0');
                } else {
                    digits += n;
                    n = 0;
                }
            }
            return new Shape(t, digits + n, ctx);
        }

        boolean matches(CharSequence signature) {
            if (signature.length() != text.length()) {
                return false;
            }
            for (int i = 0; i < text.length(); i++) {
                char p = text.charAt(i);
                char s = signature.charAt(i);
                if (p != s && !(p == '~' && (s == '-' || s == ' ' || s == '.'))) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Matches a window's shape signature.
     *
     * @param signature the signature of the candidate window
     * @return {@link #NO}, {@link #YES} or {@link #WITH_CONTEXT}
     */
    int match(CharSequence signature) {
        int best = NO;
        for (Shape shape : shapes) {
            if (shape.matches(signature)) {
                if (!shape.needsContext() && !entity.contextRequired()) {
                    return YES;
                }
                best = WITH_CONTEXT;
            }
        }
        return best;
    }
}
