package io.mcpgateway.masking;

/**
 * Addresses recognised at a trigger character of {@link TextScanner}: e-mail addresses at
 * {@code @}, and credentials inside URLs at {@code ://}.
 */
final class Addresses {
    private Addresses() {
    }

    /**
     * An e-mail address around the {@code @} at {@code at}: a local part of up to 64 characters
     * before it, a domain with at least one dot and an alphabetic top-level label after it.
     *
     * @param st    scan state
     * @param at    the position of {@code @}
     * @param email the e-mail type
     * @return end of the finding, or -1
     */
    static int email(ScanState st, int at, EntityType email) {
        String s = st.text;
        int n = s.length();
        int ls = at;
        while (ls > 0 && at - ls < 64) {
            char c = s.charAt(ls - 1);
            if (TextScanner.alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'') {
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
            if (TextScanner.alnum(c) || c == '-') {
                d++;
            } else if (c == '.' && d + 1 < n && TextScanner.alnum(s.charAt(d + 1)) && d > at + 1) {
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

    /**
     * The password (or the token standing alone) in the user-info part of a URL,
     * {@code scheme://user:password@host}, at the {@code :} of {@code ://}.
     *
     * @param st             scan state
     * @param colon          the position of {@code :} in {@code ://}
     * @param urlCredentials the type
     * @return end of the finding, or -1
     */
    static int urlCredentials(ScanState st, int colon, EntityType urlCredentials) {
        String s = st.text;
        int n = s.length();
        int scheme = colon;
        while (scheme > 0 && (TextScanner.alnum(s.charAt(scheme - 1)) || "+.-".indexOf(s.charAt(scheme - 1)) >= 0)) {
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
