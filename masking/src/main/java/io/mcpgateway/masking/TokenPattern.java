package io.mcpgateway.masking;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An identifier mixing letters and digits ({@code 12345678Z}, {@code RSSMRA85T10A562S},
 * {@code AB123456C}), tried only at word starts whose first character and word length fit, then
 * confirmed by a regular expression anchored there and a check scheme.
 *
 * @param entity   the type
 * @param regex    anchored expression; group 1, when present, is the value to check
 * @param starts   which ASCII characters can begin a match
 * @param words    bit set of the lengths (1 to 63, 63 meaning longer) of the first word (run of
 *                 letters and digits) that can begin a match
 * @param check    the check scheme over the compact value
 * @param keepCase whether the compact value keeps its case (crypto addresses)
 * @param mixed    whether the first word must hold letters and digits (1EG4-TE5-MK73)
 * @param needsDigit whether a digit must be in or right after the first word (skips the
 *                 expression at ordinary words)
 * @param needsLetter whether a letter must be in the first word or right after a dash or space
 *                 (12345678Z, 00000023-T): skips the expression at plain numbers
 * @param next     when not null, the characters one of which must follow the first word
 *                 ({@code ~} in an Azure client secret, {@code :} in a Telegram token)
 */
record TokenPattern(EntityType entity, Pattern regex, boolean[] starts, long words,
                    Predicate<String> check, boolean keepCase, String next, boolean mixed, boolean needsDigit,
                    boolean needsLetter) {

    /** Whether a first word of this length can begin a match. */
    boolean wordLength(int length) {
        return (words & (1L << Math.min(length, 63))) != 0;
    }

    /**
     * Whether a value, as written, is an instance of this pattern: the expression matches it
     * whole and the check passes on group 1 (when present) or the whole value, compacted.
     *
     * @param value the value
     * @return true when valid
     */
    boolean valid(String value) {
        java.util.regex.Matcher m = regex.matcher(value);
        return m.matches() && checked(m);
    }

    /** The check applied to a successful match. */
    boolean checked(java.util.regex.Matcher m) {
        String v = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
        return check.test(Catalog.compact(v, keepCase));
    }
}
