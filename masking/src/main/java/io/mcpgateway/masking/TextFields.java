package io.mcpgateway.masking;

import java.util.ArrayList;
import java.util.List;

/**
 * Field rules applied to plain text, where the structure has been flattened: {@code key: value},
 * {@code key=value} and {@code "key": "value"} pairs (logs, YAML, .env files, JSON printed as text),
 * and delimited tables whose header row names the columns (CSV, TSV, psql and markdown output).
 */
final class TextFields {
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
        for (int words = 1; words <= 3 && sep == ':'; words++) {
            ws = previousWord(s, ws);
            if (ws < 0) {
                break;
            }
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
        int[] span = FieldValues.value(s, vs, sep, rule.entity());
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
        for (int words = 1; words <= 3 && ws >= 0; words++) {
            FieldRules.Compiled r = rules.matchTextKey(st.chars, ws, end);
            if (r != null && r.entity().category() == EntityCategory.SECRET) {
                rule = r;
                keyStart = ws;
            }
            ws = previousWord(s, ws);
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

    /**
     * The start of the word of letters (up to 24) before the space at {@code ws - 1}, as in the keys
     * "Date of birth" or "client secret", or -1.
     */
    private static int previousWord(String s, int ws) {
        if (ws < 2 || s.charAt(ws - 1) != ' ') {
            return -1;
        }
        int p = ws - 1;
        while (p > 0 && Character.isLetter(s.charAt(p - 1)) && ws - p < 24) {
            p--;
        }
        return p < ws - 1 ? p : -1;
    }

    private static boolean hasLetter(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (Character.isLetter(s.charAt(k))) {
                return true;
            }
        }
        return false;
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
