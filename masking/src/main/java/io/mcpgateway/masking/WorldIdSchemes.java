package io.mcpgateway.masking;

import static io.mcpgateway.masking.Checksum.allDigits;
import static io.mcpgateway.masking.Checksum.sameDigits;
import static io.mcpgateway.masking.Checksum.weighted;
import static io.mcpgateway.masking.NationalCheck.date;
import static io.mcpgateway.masking.NationalCheck.num;

/**
 * The identifier schemes of {@link NationalCheck} for the Americas (but the US), Asia-Pacific, the
 * Middle East and Africa: check digits, check letters and embedded dates, each
 * over a compact value whose shape the catalog has already matched.
 */
final class WorldIdSchemes {

    private static final String CURP_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ";

    private WorldIdSchemes() {
    }

    static boolean curp(String s) {
        if (s.length() != 18 || !allDigits(s, 4, 10) || !date(num(s, 4, 6), num(s, 6, 8), num(s, 8, 10))
                || "HMX".indexOf(s.charAt(10)) < 0) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = CURP_ALPHABET.indexOf(s.charAt(i));
            if (v < 0) {
                return false;
            }
            sum += v * (18 - i);
        }
        return (10 - sum % 10) % 10 == s.charAt(17) - '0';
    }

    static boolean rfc(String s) {
        int n = s.length();
        if (n != 12 && n != 13) {
            return false;
        }
        int letters = n - 9;
        for (int i = 0; i < letters; i++) {
            if ((s.charAt(i) < 'A' || s.charAt(i) > 'Z') && s.charAt(i) != '&' && s.charAt(i) != 'Ñ') {
                return false;
            }
        }
        if (!allDigits(s, letters, letters + 6) || !date(num(s, letters, letters + 2), num(s, letters + 2, letters + 4),
                num(s, letters + 4, letters + 6))) {
            return false;
        }
        String padded = n == 12 ? " " + s : s;
        String dict = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ";
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int v = dict.indexOf(padded.charAt(i));
            if (v < 0) {
                return false;
            }
            sum += v * (13 - i);
        }
        int r = sum % 11;
        int check = r == 0 ? 0 : 11 - r;
        char expected = check == 10 ? 'A' : (char) ('0' + check);
        return padded.charAt(12) == expected;
    }

    static boolean clabe(String s) {
        int[] w = {3, 7, 1};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (s.charAt(i) - '0') * w[i % 3] % 10;
        }
        return (10 - sum % 10) % 10 == s.charAt(17) - '0';
    }

    static boolean cpf(String s) {
        if (!allDigits(s) || s.length() != 11 || sameDigits(s)) {
            return false;
        }
        int d1 = weighted(s, 0, 10, 9, 8, 7, 6, 5, 4, 3, 2) * 10 % 11 % 10;
        int d2 = weighted(s, 0, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2) * 10 % 11 % 10;
        return d1 == s.charAt(9) - '0' && d2 == s.charAt(10) - '0';
    }

    static boolean cnpj(String s) {
        if (!allDigits(s) || s.length() != 14 || sameDigits(s)) {
            return false;
        }
        int r1 = weighted(s, 0, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2) % 11;
        int r2 = weighted(s, 0, 6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2) % 11;
        return (r1 < 2 ? 0 : 11 - r1) == s.charAt(12) - '0' && (r2 < 2 ? 0 : 11 - r2) == s.charAt(13) - '0';
    }

    static int cuitCheck(int sum) {
        int r = 11 - sum % 11;
        return r == 11 ? 0 : r == 10 ? 9 : r;
    }

    static int rucCheck(int sum) {
        int r = 11 - sum % 11;
        return r == 10 ? 0 : r == 11 ? 1 : r;
    }

    static boolean rut(String s) {
        int n = s.length();
        if (n < 8 || n > 9 || !allDigits(s, 0, n - 1)) {
            return false;
        }
        int sum = 0;
        int w = 2;
        for (int i = n - 2; i >= 0; i--) {
            sum += (s.charAt(i) - '0') * w;
            w = w == 7 ? 2 : w + 1;
        }
        int r = 11 - sum % 11;
        char expected = r == 11 ? '0' : r == 10 ? 'K' : (char) ('0' + r);
        return s.charAt(n - 1) == expected;
    }

    static boolean nit(String s) {
        int n = s.length();
        if (n < 9 || n > 11 || !allDigits(s)) {
            return false;
        }
        int[] w = {3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71};
        int sum = 0;
        for (int i = n - 2, k = 0; i >= 0; i--, k++) {
            sum += (s.charAt(i) - '0') * w[k];
        }
        int r = sum % 11;
        return (r >= 2 ? 11 - r : r) == s.charAt(n - 1) - '0';
    }

    static boolean ecuador(String s) {
        if (!allDigits(s) || s.length() != 10) {
            return false;
        }
        int province = num(s, 0, 2);
        if (!((province >= 1 && province <= 24) || province == 30) || s.charAt(2) > '5') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int p = (s.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += p >= 10 ? p - 9 : p;
        }
        return (10 - sum % 10) % 10 == s.charAt(9) - '0';
    }

    static final String MOD36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    static boolean gstin(String s) {
        if (s.length() != 15 || !allDigits(s, 0, 2) || num(s, 0, 2) < 1 || num(s, 0, 2) > 38 || s.charAt(13) != 'Z') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 14; i++) {
            int v = MOD36.indexOf(s.charAt(i));
            if (v < 0) {
                return false;
            }
            int p = v * (i % 2 == 0 ? 1 : 2);
            sum += p / 36 + p % 36;
        }
        return MOD36.charAt((36 - sum % 36) % 36) == s.charAt(14);
    }

    static boolean chineseId(String s) {
        if (s.length() != 18 || !allDigits(s, 0, 17)) {
            return false;
        }
        int year = num(s, 6, 10);
        if (year < 1900 || year > 2100 || !date(year, num(s, 10, 12), num(s, 12, 14))) {
            return false;
        }
        int sum = weighted(s, 0, 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2);
        return "10X98765432".charAt(sum % 11) == s.charAt(17);
    }

    static final String USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    static boolean uscc(String s) {
        if (s.length() != 18 || "123456789Y".indexOf(s.charAt(0)) < 0 || !allDigits(s, 2, 8)) {
            return false;
        }
        int[] w = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = USCC.indexOf(s.charAt(i));
            if (v < 0) {
                return false;
            }
            sum += v * w[i];
        }
        return USCC.charAt((31 - sum % 31) % 31) == s.charAt(17);
    }

    static boolean myNumber(String s) {
        if (!allDigits(s) || s.length() != 12 || sameDigits(s)) {
            return false;
        }
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int p = s.charAt(11 - n) - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int r = sum % 11;
        return (r <= 1 ? 0 : 11 - r) == s.charAt(11) - '0';
    }

    static boolean corporateNumber(String s) {
        if (!allDigits(s) || s.length() != 13 || s.charAt(0) == '0') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int d = s.charAt(12 - i) - '0';
            sum += d * (i % 2 == 0 ? 1 : 2);
        }
        return 9 - sum % 9 == s.charAt(0) - '0';
    }

    static final int[] TW_CODES = {10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26,
        27, 28, 29, 32, 30, 31, 33};

    static boolean taiwan(String s) {
        if (s.length() != 10 || s.charAt(0) < 'A' || s.charAt(0) > 'Z' || !allDigits(s, 1, 10)
                || "1289".indexOf(s.charAt(1)) < 0) {
            return false;
        }
        int code = TW_CODES[s.charAt(0) - 'A'];
        int sum = code / 10 + (code % 10) * 9 + weighted(s, 1, 8, 7, 6, 5, 4, 3, 2, 1, 1);
        return sum % 10 == 0;
    }

    static boolean hkid(String s) {
        int n = s.length();
        if (n != 8 && n != 9) {
            return false;
        }
        int letters = n - 7;
        int sum;
        if (letters == 1) {
            sum = 36 * 9 + (s.charAt(0) - 'A' + 10) * 8;
        } else {
            sum = (s.charAt(0) - 'A' + 10) * 9 + (s.charAt(1) - 'A' + 10) * 8;
        }
        for (int i = 0; i < letters; i++) {
            if (s.charAt(i) < 'A' || s.charAt(i) > 'Z') {
                return false;
            }
        }
        if (!allDigits(s, letters, letters + 6)) {
            return false;
        }
        sum += weighted(s, letters, 7, 6, 5, 4, 3, 2);
        int r = 11 - sum % 11;
        char expected = r == 11 ? '0' : r == 10 ? 'A' : (char) ('0' + r);
        return s.charAt(n - 1) == expected;
    }

    static boolean nric(String s) {
        if (s.length() != 9 || "STFGM".indexOf(s.charAt(0)) < 0 || !allDigits(s, 1, 8)) {
            return false;
        }
        char p = s.charAt(0);
        int sum = weighted(s, 1, 2, 7, 6, 5, 4, 3, 2) + (p == 'T' || p == 'G' ? 4 : p == 'M' ? 3 : 0);
        String table = p == 'S' || p == 'T' ? "JZIHGFEDCBA" : p == 'M' ? "KLJNPQRTUWX" : "XWUTRQPNMLK";
        return table.charAt(sum % 11) == s.charAt(8);
    }

    static boolean myPlace(int pb) {
        return (pb >= 1 && pb <= 16) || (pb >= 21 && pb <= 59) || (pb >= 60 && pb <= 68) || pb == 71 || pb == 72
                || (pb >= 74 && pb <= 79) || (pb >= 82 && pb <= 93) || pb >= 98;
    }

    static boolean ird(String s) {
        if (!allDigits(s) || (s.length() != 8 && s.length() != 9)) {
            return false;
        }
        String v = s.length() == 8 ? "0" + s : s;
        long n = Long.parseLong(v);
        if (n < 10_000_000 || n > 150_000_000) {
            return false;
        }
        int r = weighted(v, 0, 3, 2, 7, 6, 5, 4, 3, 2) % 11;
        int check = r == 0 ? 0 : 11 - r;
        if (check == 10) {
            r = weighted(v, 0, 7, 4, 3, 2, 5, 2, 7, 6) % 11;
            check = r == 0 ? 0 : 11 - r;
            if (check == 10) {
                return false;
            }
        }
        return check == v.charAt(8) - '0';
    }

    static boolean nhi(String s) {
        if (s.length() != 7 || !allDigits(s, 3, 7)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 3; i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z' || c == 'I' || c == 'O') {
                return false;
            }
            int v = c - 'A' + 1 - (c > 'O' ? 2 : c > 'I' ? 1 : 0);
            sum += v * (7 - i);
        }
        sum += weighted(s, 3, 4, 3, 2);
        int r = sum % 11;
        if (r == 0) {
            return false;
        }
        return (11 - r) % 10 == s.charAt(6) - '0';
    }

    static boolean tckn(String s) {
        if (!allDigits(s) || s.length() != 11 || s.charAt(0) == '0') {
            return false;
        }
        int odd = weighted(s, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1);
        int even = weighted(s, 1, 1, 0, 1, 0, 1, 0, 1);
        int d10 = Math.floorMod(odd * 7 - even, 10);
        int d11 = (odd + even + d10) % 10;
        return d10 == s.charAt(9) - '0' && d11 == s.charAt(10) - '0';
    }

    static boolean egGovernorate(int g) {
        return (g >= 1 && g <= 4) || (g >= 11 && g <= 19) || (g >= 21 && g <= 35) || g == 88;
    }

    static boolean inn(String s) {
        if (!allDigits(s) || sameDigits(s)) {
            return false;
        }
        if (s.length() == 10) {
            return weighted(s, 0, 2, 4, 10, 3, 5, 9, 4, 6, 8) % 11 % 10 == s.charAt(9) - '0';
        }
        return s.length() == 12
                && weighted(s, 0, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8) % 11 % 10 == s.charAt(10) - '0'
                && weighted(s, 0, 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8) % 11 % 10 == s.charAt(11) - '0';
    }

    static boolean snils(String s) {
        if (!allDigits(s) || s.length() != 11 || sameDigits(s.substring(0, 9))) {
            return false;
        }
        int sum = weighted(s, 0, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        int check = sum < 100 ? sum : sum <= 101 ? 0 : sum % 101 == 100 ? 0 : sum % 101;
        return check == num(s, 9, 11);
    }

    static final String VIN_VALUES = "12345678.12345.7.923456789";

    static boolean vin(String s) {
        if (s.length() != 17) {
            return false;
        }
        int[] w = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        int letters = 0;
        for (int i = 0; i < 17; i++) {
            char c = s.charAt(i);
            int v;
            if (c >= '0' && c <= '9') {
                v = c - '0';
            } else if (c >= 'A' && c <= 'Z' && VIN_VALUES.charAt(c - 'A') != '.') {
                v = VIN_VALUES.charAt(c - 'A') - '0';
                letters++;
            } else {
                return false;
            }
            sum += v * w[i];
        }
        int r = sum % 11;
        return letters >= 2 && s.charAt(8) == (r == 10 ? 'X' : (char) ('0' + r)) && allDigits(s, 12, 17);
    }
}
