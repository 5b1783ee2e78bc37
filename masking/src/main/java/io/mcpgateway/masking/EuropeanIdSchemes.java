package io.mcpgateway.masking;

import static io.mcpgateway.masking.Checksum.allDigits;
import static io.mcpgateway.masking.Checksum.sameDigits;
import static io.mcpgateway.masking.Checksum.weighted;
import static io.mcpgateway.masking.NationalCheck.date;
import static io.mcpgateway.masking.NationalCheck.mod11Check;
import static io.mcpgateway.masking.NationalCheck.num;

/**
 * The European identifier schemes of {@link NationalCheck} that need more than one expression:
 * check digits, check letters and embedded dates, each over a compact value whose shape the
 * catalog has already matched.
 */
final class EuropeanIdSchemes {

    private EuropeanIdSchemes() {
    }

    /**
     * Portuguese Citizen Card document number {@code DDDDDDDD C AA T}: the civil id number with its
     * mod-11 check digit, a two-letter version and a check digit over all twelve characters (letters
     * count A = 10 ... Z = 35, every second value from the right doubled, digits summed, mod 10).
     */
    static boolean ptCitizenCard(String s) {
        if (s.length() != 12 || !allDigits(s, 0, 9) || !Character.isUpperCase(s.charAt(9))
                || !Character.isUpperCase(s.charAt(10)) || !allDigits(s, 11, 12)) {
            return false;
        }
        int civil = 11 - weighted(s, 0, 9, 8, 7, 6, 5, 4, 3, 2) % 11;
        if ((civil >= 10 ? 0 : civil) != s.charAt(8) - '0') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            char c = s.charAt(11 - i);
            int v = c <= '9' ? c - '0' : c - 'A' + 10;
            if (i % 2 == 1) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
        }
        return sum % 10 == 0;
    }

    /**
     * An EU VAT identification number written with its country prefix, checked by the national
     * scheme behind it: PL (NIP), PT (NIF), HR (OIB), IT (partita IVA, Luhn), DK (CVR), FI (business
     * id), SE (organisation number and 01), CZ (IČO, or a birth number), EL (AFM), ES (CIF, DNI or
     * NIE), NL (the 11-test or, since 2020, mod 97 over the whole number).
     */
    static boolean vat(String s) {
        if (s.length() < 10) {
            return false;
        }
        String n = s.substring(2);
        return switch (s.substring(0, 2)) {
            case "PL" -> NationalCheck.PL_NIP.valid(n);
            case "PT" -> NationalCheck.PT_NIF.valid(n);
            case "HR" -> NationalCheck.HR_OIB.valid(n);
            case "IT" -> allDigits(n) && n.length() == 11 && Checksum.luhn(n);
            case "DK" -> NationalCheck.DK_CVR.valid(n);
            case "FI" -> NationalCheck.FI_BUSINESS_ID.valid(n);
            case "SE" -> n.length() == 12 && n.endsWith("01") && NationalCheck.SE_ORGNR.valid(n.substring(0, 10));
            case "CZ" -> n.length() == 8 ? NationalCheck.CZ_ICO.valid(n) : NationalCheck.CZ_BIRTH_NUMBER.valid(n);
            case "EL" -> NationalCheck.GR_AFM.valid(n);
            case "ES" -> NationalCheck.ES_CIF.valid(n) || NationalCheck.ES_DNI_NIE.valid(n);
            case "NL" -> netherlandsVat(n);
            default -> false;
        };
    }

    private static boolean netherlandsVat(String n) {
        if (n.length() != 12 || !allDigits(n, 0, 9) || n.charAt(9) != 'B' || !allDigits(n, 10, 12)) {
            return false;
        }
        int sum = weighted(n, 0, 9, 8, 7, 6, 5, 4, 3, 2);
        if (sum % 11 == n.charAt(8) - '0' && !sameDigits(n.substring(0, 9))) {
            return true;
        }
        // letters as numbers (N = 23, L = 21, B = 11), the whole number mod 97 is 1
        String numeric = "2321" + n.substring(0, 9) + "11" + n.substring(10);
        return new java.math.BigInteger(numeric).mod(java.math.BigInteger.valueOf(97)).intValue() == 1;
    }

    static boolean nino(String s) {
        if (s.length() != 9 || !allDigits(s, 2, 8) || "ABCD".indexOf(s.charAt(8)) < 0) {
            return false;
        }
        char a = s.charAt(0);
        char b = s.charAt(1);
        if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z' || "DFIQUV".indexOf(a) >= 0 || "DFIOQUV".indexOf(b) >= 0) {
            return false;
        }
        String p = s.substring(0, 2);
        return !(p.equals("BG") || p.equals("GB") || p.equals("NK") || p.equals("KN") || p.equals("TN")
                || p.equals("NT") || p.equals("ZZ"));
    }

    static boolean nir(String s) {
        if (s.length() != 15 || "1278".indexOf(s.charAt(0)) < 0 || !allDigits(s, 13, 15)) {
            return false;
        }
        String body = s.substring(0, 13);
        long offset = 0;
        if (body.substring(5, 7).equals("2A")) {
            body = body.substring(0, 5) + "19" + body.substring(7);
            offset = 1_000_000;
        } else if (body.substring(5, 7).equals("2B")) {
            body = body.substring(0, 5) + "18" + body.substring(7);
            offset = 2_000_000;
        }
        if (!allDigits(body)) {
            return false;
        }
        int month = num(body, 3, 5);
        if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50)) {
            return false;
        }
        return 97 - (Long.parseLong(body) - offset) % 97 == num(s, 13, 15);
    }

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    static boolean dni(String s) {
        if (s.length() != 9) {
            return false;
        }
        String digits = switch (s.charAt(0)) {
            case 'X' -> "0" + s.substring(1, 8);
            case 'Y' -> "1" + s.substring(1, 8);
            case 'Z' -> "2" + s.substring(1, 8);
            default -> s.substring(0, 8);
        };
        return allDigits(digits) && !sameDigits(digits) && DNI_LETTERS.charAt(Integer.parseInt(digits) % 23) == s.charAt(8);
    }

    static boolean cif(String s) {
        if (s.length() != 9 || "ABCDEFGHJNPQRSUVW".indexOf(s.charAt(0)) < 0 || !allDigits(s, 1, 8)) {
            return false;
        }
        int sum = 0;
        for (int i = 1; i <= 7; i++) {
            int d = s.charAt(i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                d = d / 10 + d % 10;
            }
            sum += d;
        }
        int control = (10 - sum % 10) % 10;
        char last = s.charAt(8);
        return last == (char) ('0' + control) || last == "JABCDEFGHI".charAt(control);
    }

    static boolean nss(String s) {
        if (!allDigits(s) || s.length() != 12) {
            return false;
        }
        long a = num(s, 0, 2);
        long b = Long.parseLong(s.substring(2, 10));
        long n = b < 10_000_000 ? b + a * 10_000_000 : Long.parseLong(s.substring(0, 10));
        return n % 97 == num(s, 10, 12);
    }

    private static final int[] CF_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16,
        10, 22, 25, 24, 23};

    static boolean codiceFiscale(String s) {
        if (s.length() != 16) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = s.charAt(i);
            int v = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' : -1;
            if (v < 0) {
                return false;
            }
            sum += i % 2 == 0 ? CF_ODD[v] : v;
        }
        return s.charAt(15) == (char) ('A' + sum % 26);
    }

    static boolean belgian(String s, int len) {
        long body = Long.parseLong(s.substring(0, len));
        int check = num(s, len, len + 2);
        return 97 - body % 97 == check || 97 - (2_000_000_000L + body) % 97 == check;
    }

    static boolean peselDate(String s) {
        int m = num(s, 2, 4) % 20;
        return date(num(s, 0, 2), m, num(s, 4, 6));
    }

    static boolean polishIdCard(String s) {
        if (s.length() != 9 || !allDigits(s, 3, 9)) {
            return false;
        }
        int[] w = {7, 3, 1, 0, 7, 3, 1, 7, 3};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            char c = s.charAt(i);
            int v = i < 3 ? (c >= 'A' && c <= 'Z' ? c - 'A' + 10 : -1) : c - '0';
            if (v < 0) {
                return false;
            }
            sum += v * w[i];
        }
        return sum % 10 == s.charAt(3) - '0';
    }

    static boolean fodselsnummer(String s) {
        if (!allDigits(s) || s.length() != 11 || !date(num(s, 4, 6), num(s, 2, 4) % 40, num(s, 0, 2) % 40)) {
            return false;
        }
        int k1 = mod11Check(weighted(s, 0, 3, 7, 6, 1, 8, 9, 4, 5, 2), false);
        int k2 = mod11Check(weighted(s, 0, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2), false);
        return k1 == s.charAt(9) - '0' && k2 == s.charAt(10) - '0';
    }

    static boolean hetu(String value) {
        // compaction drops the '-' century sign of people born in the 1900s
        String s = value.length() == 10 ? value.substring(0, 6) + "-" + value.substring(6) : value;
        if (s.length() != 11 || "+-ABCDEFUVWXY".indexOf(s.charAt(6)) < 0 || !allDigits(s, 0, 6) || !allDigits(s, 7, 10)
                || !date(num(s, 4, 6), num(s, 2, 4), num(s, 0, 2))) {
            return false;
        }
        int n = Integer.parseInt(s.substring(0, 6) + s.substring(7, 10));
        return "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt(n % 31) == s.charAt(10);
    }

    static boolean fiBusiness(String s) {
        int r = weighted(s, 0, 7, 9, 10, 5, 8, 4, 2) % 11;
        if (r == 1) {
            return false;
        }
        return (r == 0 ? 0 : 11 - r) == s.charAt(7) - '0';
    }

    static boolean atUid(String s) {
        if (s.length() != 11 || !s.startsWith("ATU") || !allDigits(s, 3, 11)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            int d = s.charAt(3 + i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                d = d / 10 + d % 10;
            }
            sum += d;
        }
        return (10 - (sum + 4) % 10) % 10 == s.charAt(10) - '0';
    }

    static boolean ppsn(String s) {
        if ((s.length() != 8 && s.length() != 9) || !allDigits(s, 0, 7)) {
            return false;
        }
        int sum = weighted(s, 0, 8, 7, 6, 5, 4, 3, 2);
        if (s.length() == 9) {
            char second = s.charAt(8);
            if ("ABHW".indexOf(second) < 0) {
                return false;
            }
            if (second != 'W') {
                sum += (second - 'A' + 1) * 9;
            }
        }
        int r = sum % 23;
        return s.charAt(7) == (r == 0 ? 'W' : (char) ('A' + r - 1));
    }

    static boolean rodneCislo(String s) {
        if (!allDigits(s) || s.length() != 10) {
            return false;
        }
        int month = num(s, 2, 4);
        int m = month > 70 ? month - 70 : month > 50 ? month - 50 : month > 20 ? month - 20 : month;
        if (!date(num(s, 0, 2), m, num(s, 4, 6))) {
            return false;
        }
        long n = Long.parseLong(s);
        return n % 11 == 0 || (Long.parseLong(s.substring(0, 9)) % 11 == 10 && s.charAt(9) == '0');
    }

    static int balticCheck(String s) {
        int r = weighted(s, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1) % 11;
        if (r == 10) {
            r = weighted(s, 0, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3) % 11;
            if (r == 10) {
                r = 0;
            }
        }
        return r;
    }
}
