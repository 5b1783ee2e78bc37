package io.mcpgateway.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Field rules applied to plain text, where the structure has been flattened: {@code key: value},
 * {@code key=value} and {@code "key": "value"} pairs (logs, YAML, .env files, JSON printed as text),
 * and delimited tables whose header row names the columns (CSV, TSV, psql and markdown output).
 */
final class TextFields {
    private static final int MAX_VALUE = 4096;

    private final FieldRules rules;

    TextFields(FieldRules rules) {
        this.rules = rules;
    }

    /**
     * Examines the word {@code [start, end)} as a key followed by {@code :} or {@code =}.
     *
     * @return -1: a pair a rule names adds a finding for its value, which is scanned all the same
     */
    int keyValue(ScanState st, int start, int end) {
        if (rules.isEmpty()) {
            return -1;
        }
        String s = st.text;
        int n = s.length();
        int j = end;
        if (j + 1 < n && s.charAt(j) == '\\' && s.charAt(j + 1) == '"') {
            j += 2;
        } else if (j < n && (s.charAt(j) == '"' || s.charAt(j) == '\'')) {
            j++;
        }
        while (j < n && s.charAt(j) == ' ' && j - end < 6) {
            j++;
        }
        if (j + 1 >= n) {
            return -1;
        }
        char sep = s.charAt(j);
        if (sep == ':') {
            char next = s.charAt(j + 1);
            if (next == ':' || (next == '/' && j + 2 < n && s.charAt(j + 2) == '/')) {
                return -1;
            }
            if (next == '=') {
                j++;
            }
        } else if (sep == '=') {
            char next = s.charAt(j + 1);
            if (next == '=') {
                return -1;
            }
            if (next == '>') {
                j++;
            }
        } else {
            if (s.charAt(end) == ' ' && s.charAt(end + 1) != ' ' && credentialNoun(st.chars, start, end)) {
                proseSecret(st, start, end);
            }
            return -1;
        }
        int ks = start;
        while (ks > 0 && start - ks < 80) {
            char c = s.charAt(ks - 1);
            if (TextScanner.alnum(c) || c == '_' || c == '-' || c == '.') {
                ks--;
            } else {
                break;
            }
        }
        if (!rules.matchesLetterlessKeys() && !hasLetter(s, ks, end) && (sep != ':' || ks == 0 || s.charAt(ks - 1) != ' ')) {
            // times (10:22:11), ratios, ports: no rule names a key without letters
            return -1;
        }
        FieldRules.Compiled rule = rules.matchTextKey(st.chars, ks, end);
        int keyStart = ks;
        // prose keys of several words: "Date of birth:", "API key:", "Full name:"
        int ws = ks;
        for (int words = 1; words <= 3 && sep == ':' && ws > 1 && s.charAt(ws - 1) == ' '; words++) {
            int p = ws - 1;
            while (p > 0 && Character.isLetter(s.charAt(p - 1)) && ws - p < 24) {
                p--;
            }
            if (p == ws - 1) {
                break;
            }
            ws = p;
            FieldRules.Compiled longer = rules.matchTextKey(st.chars, ws, end);
            if (longer != null) {
                rule = longer;
                keyStart = ws;
            }
        }
        if (rule == null) {
            return -1;
        }
        String key = s.substring(keyStart, end);
        int vs = j + 1;
        while (vs < n && (s.charAt(vs) == ' ' || s.charAt(vs) == '\t')) {
            vs++;
        }
        if (vs >= n) {
            return -1;
        }
        int[] span = value(s, vs, sep, rule.entity());
        if (span == null) {
            return -1;
        }
        String value = s.substring(span[0], span[1]);
        if (!rule.rule().check().accepts(value)) {
            return -1;
        }
        st.findings.add(new Finding(span[0], span[1], rule.entity(), Finding.FIELD, key, rule.rule().strategy()));
        // the value is still scanned: a recognizer that reads it exactly (token=ghp_...) names its type
        return -1;
    }

    // what follows "password is" in sentences about a password rather than holding one
    private static final java.util.Set<String> NOT_PASSWORDS = java.util.Set.of(
            "incorrect", "invalid", "required", "expired", "missing", "correct", "changed", "stored", "hashed",
            "encrypted", "secure", "insecure", "locked", "disabled", "enabled", "visible", "hidden", "unknown",
            "blank", "needed", "optional", "accepted", "rejected", "updated", "different", "strong", "longer",
            "shorter", "already", "always", "probably", "currently", "usually", "provided", "configured",
            "protected", "verified", "weak", "reset", "unchanged", "unset", "empty");

    private static final Pattern MONTH_WORD = Pattern.compile("(?iu)(?:" + ValueCheck.MONTH + "\\.?,?|de|del|of)");

    private static final String[] CREDENTIAL_NOUNS = {"key", "secret", "token", "password", "passwd", "passphrase"};

    /** Whether the word ends with a noun that names a credential ({@code key}, {@code secret} ...). */
    private static boolean credentialNoun(char[] cs, int start, int end) {
        int len = end - start;
        // key, secret, token, password, passwd, passphrase
        if (len < 3 || len > 24 || "ytnde".indexOf(cs[end - 1] | 32) < 0) {
            return false;
        }
        for (String noun : CREDENTIAL_NOUNS) {
            if (len >= noun.length() && endsWith(cs, end, noun)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWith(char[] cs, int end, String lower) {
        int from = end - lower.length();
        for (int k = 0; k < lower.length(); k++) {
            char c = cs[from + k];
            if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A credential named in a sentence: "the api key is 7qn62rq...", "The client secret L8dw6Em...
     * was rotated". The words before {@code end} (up to three) must name a credential rule; the
     * value is the next token, after an optional "is" or "was", and must look like a secret (with
     * no such verb, a long one of three character classes).
     */
    private void proseSecret(ScanState st, int start, int end) {
        String s = st.text;
        int n = s.length();
        FieldRules.Compiled rule = null;
        int keyStart = start;
        int ws = start;
        for (int words = 1; words <= 3; words++) {
            FieldRules.Compiled r = rules.matchTextKey(st.chars, ws, end);
            if (r != null && r.entity().category() == EntityCategory.SECRET) {
                rule = r;
                keyStart = ws;
            }
            if (ws < 2 || s.charAt(ws - 1) != ' ' || !Character.isLetter(s.charAt(ws - 2))) {
                break;
            }
            int p = ws - 1;
            while (p > 0 && Character.isLetter(s.charAt(p - 1)) && ws - p < 24) {
                p--;
            }
            ws = p;
        }
        if (rule == null) {
            return;
        }
        int vs = end + 1;
        boolean verb = false;
        for (String w : new String[] {"is ", "was ", "= ", ": "}) {
            if (s.regionMatches(true, vs, w, 0, w.length())) {
                vs += w.length();
                verb = true;
                break;
            }
        }
        int ve = vs;
        while (ve < n && " \t\r\n\"'`<>()[]{},;|".indexOf(s.charAt(ve)) < 0) {
            ve++;
        }
        while (ve > vs && (s.charAt(ve - 1) == '.' || s.charAt(ve - 1) == ':')) {
            ve--;
        }
        String value = s.substring(vs, ve);
        boolean password = verb && rule.entity().id().equals("PASSWORD") && value.length() >= 6
                && !ValueCheck.placeholder(value) && !NOT_PASSWORDS.contains(value.toLowerCase(java.util.Locale.ROOT));
        if (!password && (!ValueCheck.SECRET_LIKE.accepts(value) || (!verb && (value.length() < 16 || ValueCheck.classes(value) < 3)))) {
            return;
        }
        st.findings.add(new Finding(vs, ve, rule.entity(), Finding.FIELD, s.substring(keyStart, end), rule.rule().strategy()));
    }

    private static boolean hasLetter(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (Character.isLetter(s.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    /** How far an unquoted value runs past a space. */
    private enum Extent {
        /** A scheme and its credentials (Authorization: Bearer ..., Basic ...), a Digest header whole. */
        SCHEME,
        /** One token: API keys and tokens hold no spaces. */
        TOKEN,
        /** Words, up to another key or the end of a sentence (names, addresses, dates). */
        WORDS,
        /** A password: one token, or lower-case words (correct horse battery staple). */
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
    private static int[] value(String s, int vs, char sep, EntityType entity) {
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
            if (ch == ' ' && (sep == '=' ? (extent != Extent.GROUPS && extent != Extent.DATE) || !continues(s, k, extent)
                    : extent == Extent.SCHEME ? !schemeGoesOn(s, vs, k, spaces) : !continues(s, k, extent))) {
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
    private static boolean continues(String s, int k, Extent extent) {
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
        boolean lower = true;
        boolean numeric = true;
        while (te < n && " \t\r\n\"}]|;".indexOf(s.charAt(te)) < 0) {
            char c = s.charAt(te);
            if (c == '=' || (c == ':' && (te + 1 == n || s.charAt(te + 1) == ' '))) {
                return false;
            }
            digit |= c >= '0' && c <= '9';
            capitals &= c >= 'A' && c <= 'Z';
            lower &= c >= 'a' && c <= 'z';
            numeric &= (c >= '0' && c <= '9') || "+-.()/".indexOf(c) >= 0;
            te++;
        }
        if (te == t) {
            return false;
        }
        // "... 0x8765...9c32. Ethereum address": a sentence ends; "Dr. Smith", "St. Louis" go on
        if (k > 0 && s.charAt(k - 1) == '.' && Character.isUpperCase(s.charAt(t))) {
            int ps = k - 1;
            while (ps > 0 && s.charAt(ps - 1) != ' ') {
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
            // a passphrase of lower-case words (correct horse battery staple), not the log line after
            // a password
            case PASSPHRASE -> lower && lowerWord(s, k);
            case DATE -> digit || MONTH_WORD.matcher(s).region(t, te).matches();
            default -> true;
        };
    }

    /** Whether the token ending at {@code k} is a word of lower-case letters. */
    private static boolean lowerWord(String s, int k) {
        int ps = k;
        while (ps > 0 && s.charAt(ps - 1) != ' ' && s.charAt(ps - 1) != '\t') {
            ps--;
        }
        if (ps == k) {
            return false;
        }
        for (int i = ps; i < k; i++) {
            if (s.charAt(i) < 'a' || s.charAt(i) > 'z') {
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

    /**
     * Finds delimited tables: a header line whose cells are names followed by rows with the same
     * number of cells. Cells under a column a rule names are masked; every cell records its column
     * name as the context of what is detected in it.
     */
    void tables(ScanState st) {
        String s = st.text;
        int n = s.length();
        int lineStart = 0;
        List<FieldRules.Compiled> columns = null;
        List<String> names = null;
        char delim = 0;
        Cells row = new Cells();
        while (lineStart < n) {
            int lineEnd = s.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = n;
            }
            int contentEnd = lineEnd > lineStart && s.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
            if (columns != null) {
                if (separatorLine(s, lineStart, contentEnd)) {
                    lineStart = lineEnd + 1;
                    continue;
                }
                int count = cells(s, lineStart, contentEnd, delim, row);
                if (count == columns.size()) {
                    for (int c = 0; c < count; c++) {
                        FieldRules.Compiled rule = columns.get(c);
                        int from = row.starts[c];
                        int to = row.ends[c];
                        st.cell(from, to, names.get(c));
                        if (rule != null && to > from && rule.rule().check().accepts(s.substring(from, to))) {
                            st.findings.add(new Finding(from, to, rule.entity(), Finding.FIELD,
                                    rule.rule().match(), rule.rule().strategy()));
                        }
                    }
                    lineStart = lineEnd + 1;
                    continue;
                }
                columns = null;
            }
            if (contentEnd > lineStart && headerStart(s.charAt(firstNonSpace(s, lineStart, contentEnd)))) {
                delim = delimiter(s, lineStart, contentEnd);
                if (delim != 0) {
                    names = new ArrayList<>();
                    columns = header(s, lineStart, contentEnd, delim, names, row);
                }
            }
            lineStart = lineEnd + 1;
        }
    }

    private static int firstNonSpace(String s, int from, int to) {
        while (from < to - 1 && (s.charAt(from) == ' ' || s.charAt(from) == '|')) {
            from++;
        }
        return from;
    }

    private static boolean headerStart(char c) {
        return Character.isLetter(c) || c == '"' || c == '_';
    }

    private static boolean separatorLine(String s, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if ("-+|: =".indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static char delimiter(String s, int from, int to) {
        int commas = 0;
        int tabs = 0;
        int pipes = 0;
        int semis = 0;
        for (int i = from; i < to; i++) {
            switch (s.charAt(i)) {
                case ',' -> commas++;
                case '\t' -> tabs++;
                case '|' -> pipes++;
                case ';' -> semis++;
                case '=', ':', '{', '<' -> {
                    return 0;
                }
                default -> {
                }
            }
        }
        int max = Math.max(Math.max(commas, tabs), Math.max(pipes, semis));
        if (max == 0) {
            return 0;
        }
        return max == tabs ? '\t' : max == pipes ? '|' : max == commas ? ',' : ';';
    }

    private List<FieldRules.Compiled> header(String s, int from, int to, char delim, List<String> names, Cells row) {
        int count = cells(s, from, to, delim, row);
        if (count < 2) {
            return null;
        }
        List<FieldRules.Compiled> cols = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int[] c = {row.starts[k], row.ends[k]};
            if (c[1] - c[0] < 1 || c[1] - c[0] > 48 || !headerStart(s.charAt(c[0]))) {
                return null;
            }
            boolean number = false;
            for (int i = c[0]; i < c[1]; i++) {
                char ch = s.charAt(i);
                if (!(Character.isLetterOrDigit(ch) || "_ -.#'/’()".indexOf(ch) >= 0)) {
                    return null;
                }
                // a number between words ("at 5 High Street, Suite 200") makes a sentence, not a
                // column name ("Address line 2" is one)
                boolean wordStart = i > c[0] && s.charAt(i - 1) == ' ';
                if (wordStart && number && Character.isLetter(ch)) {
                    return null;
                }
                if (wordStart) {
                    number = ch >= '0' && ch <= '9';
                }
            }
            String name = s.substring(c[0], c[1]);
            cols.add(rules.isEmpty() ? null : rules.matchTextKey(name));
            names.add(KeyPath.normalise(name));
        }
        return cols;
    }

    /** The cell spans of one line, reused from line to line. */
    private static final class Cells {
        int[] starts = new int[16];
        int[] ends = new int[16];

        void set(int k, int start, int end) {
            if (k == starts.length) {
                starts = java.util.Arrays.copyOf(starts, k * 2);
                ends = java.util.Arrays.copyOf(ends, k * 2);
            }
            starts[k] = start;
            ends[k] = end;
        }
    }

    /** Cell spans of one line into {@code out}, trimmed, quotes removed; a leading and trailing pipe are ignored. */
    private static int cells(String s, int from, int to, char delim, Cells out) {
        int count = 0;
        int i = from;
        if (delim == '|') {
            while (i < to && s.charAt(i) == ' ') {
                i++;
            }
            if (i < to && s.charAt(i) == '|') {
                i++;
            }
            int e = to;
            while (e > i && s.charAt(e - 1) == ' ') {
                e--;
            }
            if (e > i && s.charAt(e - 1) == '|') {
                to = e - 1;
            }
        }
        while (i <= to) {
            int cs = i;
            int ce;
            if (i < to && s.charAt(i) == '"' && delim == ',') {
                int q = i + 1;
                while (q < to && !(s.charAt(q) == '"' && (q + 1 >= to || s.charAt(q + 1) != '"'))) {
                    q += s.charAt(q) == '"' ? 2 : 1;
                }
                cs = i + 1;
                ce = Math.min(q, to);
                i = Math.min(q + 1, to);
                while (i < to && s.charAt(i) != delim) {
                    i++;
                }
            } else {
                while (i < to && s.charAt(i) != delim) {
                    i++;
                }
                ce = i;
                while (cs < ce && s.charAt(cs) == ' ') {
                    cs++;
                }
                while (ce > cs && s.charAt(ce - 1) == ' ') {
                    ce--;
                }
                if (ce - cs >= 2 && (s.charAt(cs) == '"' || s.charAt(cs) == '\'') && s.charAt(ce - 1) == s.charAt(cs)) {
                    cs++;
                    ce--;
                }
            }
            out.set(count++, cs, ce);
            i++;
        }
        return count;
    }
}
