package io.mcpgateway.masking;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates of birth written with a month name in a sentence (born 12 March 1985, born on March 12,
 * 1985, geboren am 15. Juni 1974), recognised at the day number when a birth context word is near.
 * Numeric dates (1985-03-12, 19/11/1987) are digit patterns of the catalog.
 */
final class BirthDates {
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(?iu)\\d{1,2}(?:st|nd|rd|th|\\.|º)?[ \\t]+(?:(?:de|of)[ \\t]+)?"
            + ValueCheck.MONTH + "\\.?,?[ \\t]+(?:(?:de|del)[ \\t]+)?\\d{4}\\b");
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile("(?iu)" + ValueCheck.MONTH
            + "\\.?[ \\t]+\\d{1,2}(?:st|nd|rd|th)?,?[ \\t]+\\d{4}\\b");

    private BirthDates() {
    }

    /**
     * A day and a month name (12 March 1985, 15. Juni 1974, 17 de diciembre de 1946, March 12, 1985)
     * next to a birth context word, at the day number {@code [p, runEnd)}.
     *
     * @return whether one was added to the scan
     */
    static boolean scan(ScanState st, int p, int runEnd, EntityType birthDate) {
        String s = st.text;
        int n = s.length();
        Matcher m = null;
        int from = p;
        int after = runEnd < n && (s.charAt(runEnd) == '.' || s.charAt(runEnd) == 'º') ? runEnd + 1 : runEnd;
        if (monthFollows(s, after)) {
            m = st.own(ScanState.DAY_MONTH_SLOT, DAY_MONTH_YEAR);
        } else if (p > 4 && s.charAt(p - 1) == ' ') {
            int ws = p - 1;
            if (ws > 0 && s.charAt(ws - 1) == '.') {
                ws--;
            }
            int we = ws;
            while (ws > 0 && Character.isLetter(s.charAt(ws - 1)) && we - ws < 12) {
                ws--;
            }
            if (we - ws >= 3 && monthStart(s, ws) && (ws == 0 || !Character.isLetterOrDigit(s.charAt(ws - 1)))) {
                m = st.own(ScanState.MONTH_DAY_SLOT, MONTH_DAY_YEAR);
                from = ws;
            }
        }
        if (m == null) {
            return false;
        }
        m.region(from, Math.min(n, from + 48));
        if (!m.lookingAt() || !st.hasContext(from, birthDate)) {
            return false;
        }
        st.add(from, m.end(), birthDate);
        return true;
    }

    private static final long[] MONTH_KEYS = ValueCheck.MONTH_STARTS.stream()
            .mapToLong(m -> monthKey(m.charAt(0), m.charAt(1), m.charAt(2))).sorted().toArray();

    private static long monthKey(char a, char b, char c) {
        return ((long) Character.toLowerCase(a) << 32) | ((long) Character.toLowerCase(b) << 16) | Character.toLowerCase(c);
    }

    /** Whether a space and a month name, or "de" / "of" and one, follow at {@code i}. */
    private static boolean monthFollows(String s, int i) {
        if (i + 4 >= s.length() || s.charAt(i) != ' ') {
            return false;
        }
        return monthStart(s, i + 1)
                || (s.regionMatches(true, i + 1, "de ", 0, 3) || s.regionMatches(true, i + 1, "of ", 0, 3)) && monthStart(s, i + 4);
    }

    private static boolean monthStart(String s, int i) {
        return i + 3 <= s.length() && Character.isLetter(s.charAt(i))
                && java.util.Arrays.binarySearch(MONTH_KEYS, monthKey(s.charAt(i), s.charAt(i + 1), s.charAt(i + 2))) >= 0;
    }
}
