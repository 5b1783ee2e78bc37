package io.mcpgateway.masking;

import java.util.regex.Pattern;

/**
 * Where the unquoted value after a key found in text ends ({@link TextFields}): a credential is one
 * token, a date of birth runs through its numbers and month name, an id or phone number through its
 * digit groups, a name or address through its words; every kind stops at another key or the end of
 * a sentence. Quoted and bracketed values end at their closing character.
 */
final class FieldValues {
    private static final int MAX_VALUE = 4096;
    private static final Pattern MONTH_WORD = Pattern.compile("(?iu)(?:" + ValueCheck.MONTH + "\\.?,?|de|del|of)");

    private FieldValues() {
    }

    /** How far an unquoted value runs past a space. */
    private enum Extent {
        /** A scheme and its credentials (Authorization: Bearer ..., Basic ...), a Digest header whole. */
        SCHEME,
        /** One token: API keys and tokens hold no spaces. */
        TOKEN,
        /** Words, up to another key or the end of a sentence (names, addresses, dates). */
        WORDS,
        /** A password: one token, or words of letters (correct horse battery staple). */
        PASSPHRASE,
        /** A date: numbers, month names and their connectors (12 March 1985, 17 de diciembre de 1946). */
        DATE,
        /** Groups holding digits ({@code 816 46 2759}, {@code +61 2 4236 3830}, {@code AB 12 34 56 C}). */
        GROUPS;

        static Extent of(EntityType entity) {
            return switch (entity.id()) {
                case "HTTP_AUTHORIZATION" -> SCHEME;
                case "PASSWORD" -> PASSPHRASE;
                case "DATE_OF_BIRTH" -> DATE;
                default -> entity.category() == EntityCategory.SECRET ? TOKEN
                        : entity.category() == EntityCategory.PERSONAL && !entity.id().equals("GEO_COORDINATES") ? WORDS
                        : GROUPS;
            };
        }
    }

    /** The span of the value starting at {@code vs}, without its quotes. */
    static int[] value(String s, int vs, char sep, EntityType entity) {
        boolean commas = entity.id().equals("STREET_ADDRESS");
        boolean date = entity.id().equals("DATE_OF_BIRTH");
        Extent extent = Extent.of(entity);
        int n = s.length();
        char c = s.charAt(vs);
        if (c == '"' || c == '\'' || c == '`' || (c == '\\' && vs + 1 < n && s.charAt(vs + 1) == '"')) {
            boolean escaped = c == '\\';
            char q = escaped ? '"' : c;
            int from = escaped ? vs + 2 : vs + 1;
            for (int k = from; k < n && k - from < MAX_VALUE; k++) {
                char ch = s.charAt(k);
                if (ch == '\n') {
                    return null;
                }
                if (escaped) {
                    if (ch == '\\' && k + 1 < n && s.charAt(k + 1) == '"') {
                        return k > from ? new int[] {from, k} : null;
                    }
                } else if (ch == '\\') {
                    k++;
                } else if (ch == q) {
                    return k > from ? new int[] {from, k} : null;
                }
            }
            return null;
        }
        if (c == '[' || c == '<' || c == '{') {
            // [PASSWORD], <redacted>, {{ secret }}: keep the bracketed value whole
            char close = c == '[' ? ']' : c == '<' ? '>' : '}';
            for (int k = vs + 1; k < n && k - vs < 256 && s.charAt(k) != '\n'; k++) {
                if (s.charAt(k) == close) {
                    int e = k + 1;
                    while (e < n && s.charAt(e) == close) {
                        e++;
                    }
                    return new int[] {vs, e};
                }
            }
        }
        int k = vs;
        int spaces = 0;
        while (k < n && k - vs < MAX_VALUE) {
            char ch = s.charAt(k);
            if (ch == '\n' || ch == '\r' || ch == '"' || ch == '}' || ch == ']' || ch == '|' || ch == ';' || ch == '\t') {
                break;
            }
            if (ch == ',' && !commas && !(date && year(s, k + 1))) {
                break;
            }
            if (ch == '&' && queryParameter(s, k + 1)) {
                break;
            }
            if (ch == ' ' && (sep == '=' ? (extent != Extent.GROUPS && extent != Extent.DATE) || !continues(s, vs, k, extent)
                    : extent == Extent.SCHEME ? !schemeGoesOn(s, vs, k, spaces) : !continues(s, vs, k, extent))) {
                break;
            }
            spaces += ch == ' ' ? 1 : 0;
            if (ch == '(' && k > vs) {
                break;
            }
            k++;
        }
        while (k > vs && (s.charAt(k - 1) == ' ' || s.charAt(k - 1) == ',' || s.charAt(k - 1) == '.')) {
            k--;
        }
        return k > vs ? new int[] {vs, k} : null;
    }

    /** Past a space in an authorization value: after the scheme word, or anywhere in a Digest header. */
    private static boolean schemeGoesOn(String s, int vs, int k, int spaces) {
        if (s.regionMatches(true, vs, "Digest ", 0, 7)) {
            return true;
        }
        if (spaces > 0) {
            return false;
        }
        for (int i = vs; i < k; i++) {
            if (!Character.isLetterOrDigit(s.charAt(i)) && s.charAt(i) != '-') {
                return false;
            }
        }
        return k + 1 < s.length() && s.charAt(k + 1) != ' ';
    }

    /** Whether {@code " 1950"} (a space and a four-digit year) starts at i: {@code July 13, 1950}. */
    private static boolean year(String s, int i) {
        if (i + 5 > s.length() || s.charAt(i) != ' ') {
            return false;
        }
        for (int k = i + 1; k < i + 5; k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                return false;
            }
        }
        return i + 5 == s.length() || !Character.isLetterOrDigit(s.charAt(i + 5));
    }

    /**
     * Whether an unquoted value goes on past the space at {@code k}: not when the next token is
     * another key ({@code port=6379}, {@code status:}) or starts a sentence, and for digit groups
     * only while the next token holds a digit or is a one- or two-letter capital suffix.
     */
    private static boolean continues(String s, int vs, int k, Extent extent) {
        if (extent == Extent.TOKEN) {
            return false;
        }
        int n = s.length();
        int t = k + 1;
        while (t < n && s.charAt(t) == ' ') {
            t++;
        }
        int te = t;
        boolean digit = false;
        boolean capitals = true;
        boolean letters = true;
        boolean numeric = true;
        while (te < n && " \t\r\n\"}]|;".indexOf(s.charAt(te)) < 0) {
            char c = s.charAt(te);
            if (c == '=' || (c == ':' && (te + 1 == n || s.charAt(te + 1) == ' '))) {
                return false;
            }
            digit |= c >= '0' && c <= '9';
            capitals &= c >= 'A' && c <= 'Z';
            // a word of letters, with the comma or full stop that may end it
            letters &= Character.isLetter(c) || ((c == '.' || c == ',') && (te + 1 == n || s.charAt(te + 1) == ' '));
            numeric &= (c >= '0' && c <= '9') || "+-.()/".indexOf(c) >= 0;
            te++;
        }
        if (te == t) {
            return false;
        }
        // "... 0x8765...9c32. Ethereum address": a sentence ends; "Dr. Smith", "St. Louis" go on
        if (k > 0 && s.charAt(k - 1) == '.' && Character.isUpperCase(s.charAt(t))) {
            int ps = k - 1;
            while (ps > vs && s.charAt(ps - 1) != ' ') {
                ps--;
            }
            if (k - ps > 3) {
                return false;
            }
        }
        return switch (extent) {
            // digits and separators (555-2671, (415)), a short group holding a digit (DE15, T969), a
            // one- or two-letter capital suffix (the C of AB 12 34 56 C)
            case GROUPS -> numeric || (digit && te - t <= 6) || (capitals && te - t <= 2);
            // a passphrase of words (Correct Horse Battery Staple), not the log line after
            // a password
            case PASSPHRASE -> letters && letterWord(s, vs, k);
            case DATE -> digit || MONTH_WORD.matcher(s).region(t, te).matches();
            default -> true;
        };
    }

    /** Whether the token ending at {@code k} is a word of letters. */
    private static boolean letterWord(String s, int vs, int k) {
        int ps = k;
        while (ps > vs && s.charAt(ps - 1) != ' ' && s.charAt(ps - 1) != '\t') {
            ps--;
        }
        if (ps == k) {
            return false;
        }
        for (int i = ps; i < k; i++) {
            if (!Character.isLetter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name=} starts at i, as after the {@code &} of a query string. */
    private static boolean queryParameter(String s, int i) {
        int j = i;
        while (j < s.length() && j - i < 40 && (TextScanner.alnum(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '-')) {
            j++;
        }
        return j > i && j < s.length() && s.charAt(j) == '=';
    }
}
