package io.mcpgateway.masking;

/**
 * IPv6 and MAC addresses, recognised at a hexadecimal word followed by {@code :}, {@code -} or
 * {@code .} (or at a leading {@code ::}). Times such as {@code 10:22:11} fail the IPv6 grammar,
 * which requires eight groups or one {@code ::}.
 */
final class NetworkAddress {
    private NetworkAddress() {
    }

    /**
     * Tries a MAC address, then an IPv6 address, at {@code i}.
     *
     * @param st      scan state
     * @param i       start
     * @param wordEnd end of the first word (equal to i for a leading {@code ::})
     * @param ipv6    the IPv6 type, or null when disabled
     * @param mac     the MAC type, or null when disabled
     * @return end of the finding, or -1
     */
    static int scan(ScanState st, int i, int wordEnd, EntityType ipv6, EntityType mac) {
        String s = st.text;
        for (int j = i; j < wordEnd; j++) {
            if (hex(s.charAt(j)) < 0) {
                return -1;
            }
        }
        int len = wordEnd - i;
        if (mac != null) {
            int e = mac(s, i, len);
            if (e > 0) {
                st.add(i, e, mac);
                return e;
            }
        }
        if (ipv6 != null && len <= 4 && wordEnd < s.length() && s.charAt(wordEnd) == ':') {
            int e = ipv6(s, i);
            if (e > 0) {
                st.add(i, e, ipv6);
                return e;
            }
        }
        return -1;
    }

    private static final byte[] HEX = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            HEX[c] = (byte) Character.digit(c, 16);
        }
    }

    private static int hex(char c) {
        return c < 128 ? HEX[c] : Character.digit(c, 16);
    }

    private static boolean hexRun(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int j = from; j < from + count; j++) {
            if (hex(s.charAt(j)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean boundary(String s, int e) {
        return e >= s.length() || !(TextScanner.alnum(s.charAt(e)) || s.charAt(e) == ':' || s.charAt(e) == '-');
    }

    private static int mac(String s, int i, int len) {
        if (len == 2 && i + 17 <= s.length()) {
            char sep = s.charAt(i + 2);
            if (sep != ':' && sep != '-') {
                return -1;
            }
            for (int k = 0; k < 6; k++) {
                if (!hexRun(s, i + k * 3, 2) || (k < 5 && s.charAt(i + k * 3 + 2) != sep)) {
                    return -1;
                }
            }
            return boundary(s, i + 17) ? i + 17 : -1;
        }
        if (len == 4 && i + 14 <= s.length() && s.charAt(i + 4) == '.' && s.charAt(i + 9) == '.'
                && hexRun(s, i + 5, 4) && hexRun(s, i + 10, 4) && boundary(s, i + 14)) {
            return i + 14;
        }
        return -1;
    }

    private static int ipv6(String s, int i) {
        int n = s.length();
        int e = i;
        while (e < n && e - i < 45 && (hex(s.charAt(e)) >= 0 || s.charAt(e) == ':' || s.charAt(e) == '.')) {
            e++;
        }
        while (e > i && (s.charAt(e - 1) == '.' || (s.charAt(e - 1) == ':' && !(e - 2 >= i && s.charAt(e - 2) == ':')))) {
            e--;
        }
        if (e < n && TextScanner.alnum(s.charAt(e))) {
            return -1;
        }
        String v = s.substring(i, e);
        return valid(v) ? e : -1;
    }

    /** Validates an IPv6 literal (with optional IPv4 tail); loopback and unspecified are left alone. */
    static boolean valid(String v) {
        if (v.equals("::") || v.equals("::1")) {
            return false;
        }
        int dbl = v.indexOf("::");
        if (dbl >= 0 && v.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        String[] parts = v.split(":", -1);
        int groups = 0;
        int hexChars = 0;
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k];
            if (p.isEmpty()) {
                continue;
            }
            if (p.indexOf('.') >= 0) {
                if (k != parts.length - 1 || !p.matches("(\\d{1,3}\\.){3}\\d{1,3}")) {
                    return false;
                }
                groups += 2;
                continue;
            }
            if (p.length() > 4) {
                return false;
            }
            groups++;
            hexChars += p.length();
        }
        if (dbl >= 0) {
            return groups >= 2 && groups <= 7 && hexChars >= 4;
        }
        return groups == 8;
    }
}
