package io.mcpgateway.guardrails;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A name pattern in policy rules: {@code *} matches any run of characters, {@code ?} one
 * character. For paths ({@link #path(String)}) {@code *} stays within one {@code /} segment and
 * {@code **} crosses segments.
 *
 * @param pattern as written
 * @param regex   compiled form
 */
record Glob(String pattern, Pattern regex) {

    /**
     * A pattern for names (tools, connections, users, parameter values), case-sensitive.
     *
     * @param pattern pattern
     * @return glob
     */
    static Glob name(String pattern) {
        return new Glob(pattern, compile(pattern, false, 0));
    }

    /**
     * A pattern for table names, case-insensitive, quotes ignored.
     *
     * @param pattern pattern
     * @return glob
     */
    static Glob table(String pattern) {
        String p = SqlTreeScan.unquote(pattern);
        return new Glob(p, compile(p, false, Pattern.CASE_INSENSITIVE));
    }

    /**
     * A pattern for URL paths and log files.
     *
     * @param pattern pattern
     * @return glob
     */
    static Glob path(String pattern) {
        return new Glob(pattern, compile(pattern, true, 0));
    }

    boolean matches(String value) {
        return value != null && regex.matcher(value).matches();
    }

    /**
     * Whether a table name matches: a pattern without a dot also matches the last part of a
     * qualified name ({@code orders} matches {@code public.orders}).
     *
     * @param table normalized table name
     * @return true on a match
     */
    boolean matchesTable(String table) {
        if (matches(table)) {
            return true;
        }
        int dot = table.lastIndexOf('.');
        return !pattern.contains(".") && dot >= 0 && matches(table.substring(dot + 1));
    }

    private static Pattern compile(String glob, boolean segments, int flags) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (segments && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    re.append(".*");
                    i++;
                } else {
                    re.append(segments ? "[^/]*" : ".*");
                }
            } else if (c == '?') {
                re.append(segments ? "[^/]" : ".");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), flags | Pattern.DOTALL);
    }

    /**
     * Lower-case form for comparisons that ignore case.
     *
     * @param s text
     * @return lower case
     */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
