package io.mcpgateway.masking;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * The check-digit schemes that make identifiers precise. Each scheme validates a compact value:
 * separators removed, letters upper case (see {@link #valid(String)}).
 *
 * <p>Generic algorithms (Luhn, ISO 7064, Verhoeff, ICAO 9303) come first; national schemes follow,
 * named after the identifier they belong to. The catalog refers to a scheme by its name.
 */
enum Checksum {
    /** No check digit: the shape alone decides. */
    NONE(v -> true),
    /** Luhn mod 10 (cards, SIREN, Canadian SIN, IMEI, ...). */
    LUHN(Checksum::luhn),
    /** Payment card: Luhn, a length of 13 to 19 and a known issuer prefix. */
    PAYMENT_CARD(Checksum::paymentCard),
    /** IBAN: ISO 7064 mod 97-10 and the length registered for the country. */
    IBAN(Checksum::iban),
    /** Verhoeff dihedral check (Aadhaar). */
    VERHOEFF(Checksum::verhoeff),
    /** ISO 7064 MOD 11,10 (German tax id, Croatian OIB). */
    ISO7064_MOD11_10(Checksum::mod11x10),
    /** ICAO 9303 7-3-1 check digit over the whole value, last character being the check. */
    ICAO_9303(Checksum::icao),
    /** EAN-13 check digit. */
    EAN13(Checksum::ean13);

    private final Predicate<String> rule;

    Checksum(Predicate<String> rule) {
        this.rule = rule;
    }

    /**
     * Whether a compact value passes this scheme.
     *
     * @param compact the value without separators, upper case
     * @return true when the value is well formed and its check digits match
     */
    boolean valid(String compact) {
        return rule.test(compact);
    }

    /**
     * Resolves a scheme by name, looking in this enum first and then in {@link NationalCheck}.
     *
     * @param name scheme name as written in the catalog
     * @return the predicate
     */
    static Predicate<String> named(String name) {
        String upper = name.toUpperCase(Locale.ROOT).replace('-', '_');
        for (Checksum c : values()) {
            if (c.name().equals(upper)) {
                return c::valid;
            }
        }
        return NationalCheck.valueOf(upper)::valid;
    }

    static int digit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }

    static boolean allDigits(String s, int from, int to) {
        if (to > s.length() || from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean allDigits(String s) {
        return allDigits(s, 0, s.length());
    }

    /** Sum of digit(i) * weights[i - from] for the weights given. */
    static int weighted(String s, int from, int... weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (s.charAt(from + i) - '0') * weights[i];
        }
        return sum;
    }

    static boolean sameDigits(String s) {
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) != s.charAt(0)) {
                return false;
            }
        }
        return true;
    }

    static boolean luhn(String s) {
        if (!allDigits(s)) {
            return false;
        }
        int sum = 0;
        boolean dbl = false;
        for (int i = s.length() - 1; i >= 0; i--) {
            int d = s.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    private static boolean paymentCard(String s) {
        int n = s.length();
        if (n < 13 || n > 19 || !luhn(s) || sameDigits(s)) {
            return false;
        }
        int two = Integer.parseInt(s.substring(0, 2));
        int four = Integer.parseInt(s.substring(0, 4));
        return switch (s.charAt(0)) {
            case '4' -> n == 13 || n == 16 || n == 19;
            case '5' -> n >= 16 || two == 50;
            case '2' -> four >= 2221 && four <= 2720 && n == 16;
            case '3' -> (two == 34 || two == 37) ? n == 15
                    : (two == 30 || two == 36 || two == 38 || two == 39) ? n >= 14
                    : two == 35 && n >= 16;
            case '6' -> n >= 16;
            default -> false;
        };
    }

    private static boolean iban(String s) {
        if (s.length() < 15 || s.length() > 34) {
            return false;
        }
        Integer expected = IBAN_LENGTHS.get(s.substring(0, 2));
        if (expected == null || expected != s.length() || !allDigits(s, 2, 4)) {
            return false;
        }
        return mod97(s.substring(4) + s.substring(0, 4)) == 1;
    }

    /** Remainder mod 97 of an alphanumeric value, letters counting A=10 ... Z=35; -1 if malformed. */
    static int mod97(String s) {
        int rem = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                rem = (rem * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                rem = (rem * 100 + (c - 'A' + 10)) % 97;
            } else {
                return -1;
            }
        }
        return rem;
    }

    /** IBAN length by country, from the ISO 13616 registry. */
    private static final java.util.Map<String, Integer> IBAN_LENGTHS = ibanLengths(
            "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 "
            + "DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 "
            + "IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 "
            + "MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 "
            + "SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30");

    private static java.util.Map<String, Integer> ibanLengths(String table) {
        java.util.Map<String, Integer> m = new java.util.HashMap<>();
        for (String e : table.split(" ")) {
            m.put(e.substring(0, 2), Integer.parseInt(e.substring(2)));
        }
        return java.util.Map.copyOf(m);
    }

    /** Whether a two-letter code is a country with a registered IBAN. */
    static boolean ibanCountry(String code) {
        return IBAN_LENGTHS.containsKey(code);
    }

    private static final int[][] VERHOEFF_D = {
            {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
            {2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
            {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
            {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
            {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] VERHOEFF_P = {
            {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
            {5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
            {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
            {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};

    static boolean verhoeff(String s) {
        if (!allDigits(s)) {
            return false;
        }
        int c = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = s.charAt(s.length() - 1 - i) - '0';
            c = VERHOEFF_D[c][VERHOEFF_P[i % 8][d]];
        }
        return c == 0;
    }

    static boolean mod11x10(String s) {
        if (!allDigits(s) || s.length() < 2) {
            return false;
        }
        int p = 10;
        for (int i = 0; i < s.length() - 1; i++) {
            int t = (s.charAt(i) - '0' + p) % 10;
            if (t == 0) {
                t = 10;
            }
            p = (t * 2) % 11;
        }
        return (11 - p) % 10 == s.charAt(s.length() - 1) - '0';
    }

    /** Value of a machine-readable-zone character: digits, A=10 ... Z=35, filler '<' = 0. */
    static int icaoValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        return c == '<' ? 0 : -1;
    }

    static boolean icao(String s) {
        int n = s.length() - 1;
        if (n < 1 || digit(s.charAt(n)) < 0) {
            return false;
        }
        int[] w = {7, 3, 1};
        int sum = 0;
        for (int i = 0; i < n; i++) {
            int v = icaoValue(s.charAt(i));
            if (v < 0) {
                return false;
            }
            sum += v * w[i % 3];
        }
        return sum % 10 == s.charAt(n) - '0';
    }

    static boolean ean13(String s) {
        if (s.length() != 13 || !allDigits(s)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (s.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (10 - sum % 10) % 10 == s.charAt(12) - '0';
    }
}
