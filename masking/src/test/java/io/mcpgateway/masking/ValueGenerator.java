package io.mcpgateway.masking;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Synthetic values for the catalog's entity types, from the {@code gen} templates of
 * {@code catalog.json}, with valid check digits (rejection sampling against the validator, or
 * constructed checksums for base58check, bech32, JWTs and PEM blocks).
 *
 * <p>Template syntax: {@code #} digit, {@code @} upper-case letter, {@code %} lower-case letter,
 * {@code ^} upper hex, {@code &} lower hex, {@code *} letter or digit, {@code $} base64url,
 * {@code !} base58, {@code [a-z0-9]} a class, {@code {n}} repeats the previous element; anything
 * else is literal.
 */
final class ValueGenerator {
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String RIPPLE = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz";
    private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Catalog catalog;

    ValueGenerator(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Whether the catalog has templates for a type.
     */
    boolean canGenerate(EntityType type) {
        return !catalog.generators(type.id()).isEmpty();
    }

    /**
     * A valid value of the type.
     *
     * @throws IllegalStateException when no template yields a valid value
     */
    String generate(EntityType type, SplittableRandom r) {
        List<String> templates = catalog.generators(type.id());
        Predicate<String> valid = validator(type);
        for (int attempt = 0; attempt < 20_000; attempt++) {
            String t = templates.get(r.nextInt(templates.size()));
            String v = special(t, r);
            if (v == null) {
                v = fill(t, r);
            }
            if (valid.test(v)) {
                return v;
            }
        }
        throw new IllegalStateException("no valid value generated for " + type.id());
    }

    private Predicate<String> validator(EntityType type) {
        for (SecretPattern p : catalog.secretPatterns()) {
            if (p.entity() == type) {
                return v -> p.regex().matcher(v).matches();
            }
        }
        return catalog.validator(type.id());
    }

    static String fill(String t, SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        List<String> elements = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '[') {
                int e = t.indexOf(']', i);
                elements.add(t.substring(i, e + 1));
                i = e + 1;
            } else if (c == '{') {
                int e = t.indexOf('}', i);
                int n = Integer.parseInt(t.substring(i + 1, e));
                String last = elements.remove(elements.size() - 1);
                for (int k = 0; k < n; k++) {
                    elements.add(last);
                }
                i = e + 1;
            } else if (c == '\\') {
                elements.add("\\" + t.charAt(i + 1));
                i += 2;
            } else {
                elements.add(String.valueOf(c));
                i++;
            }
        }
        for (String e : elements) {
            sb.append(element(e, r));
        }
        return sb.toString();
    }

    private static char element(String e, SplittableRandom r) {
        if (e.startsWith("\\")) {
            return e.charAt(1);
        }
        if (e.startsWith("[")) {
            String cls = expand(e.substring(1, e.length() - 1));
            return cls.charAt(r.nextInt(cls.length()));
        }
        return switch (e.charAt(0)) {
            case '#' -> (char) ('0' + r.nextInt(10));
            case '@' -> (char) ('A' + r.nextInt(26));
            case '%' -> (char) ('a' + r.nextInt(26));
            case '^' -> "0123456789ABCDEF".charAt(r.nextInt(16));
            case '&' -> "0123456789abcdef".charAt(r.nextInt(16));
            case '*' -> ALNUM.charAt(r.nextInt(ALNUM.length()));
            case '$' -> (ALNUM + "-_").charAt(r.nextInt(64));
            case '!' -> BASE58.charAt(r.nextInt(58));
            default -> e.charAt(0);
        };
    }

    private static String expand(String cls) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cls.length(); i++) {
            if (i + 2 < cls.length() && cls.charAt(i + 1) == '-') {
                for (char c = cls.charAt(i); c <= cls.charAt(i + 2); c++) {
                    sb.append(c);
                }
                i += 2;
            } else {
                sb.append(cls.charAt(i));
            }
        }
        return sb.toString();
    }

    private static String special(String t, SplittableRandom r) {
        if (t.startsWith("base58check:")) {
            String v = t.substring(12);
            boolean xrp = v.equals("xrp");
            byte[] raw = new byte[25];
            raw[0] = (byte) (xrp ? 0 : Integer.parseInt(v, 16));
            for (int i = 1; i < 21; i++) {
                raw[i] = (byte) r.nextInt(256);
            }
            byte[] body = java.util.Arrays.copyOf(raw, 21);
            byte[] h = CryptoAddress.sha256(CryptoAddress.sha256(body));
            System.arraycopy(h, 0, raw, 21, 4);
            return base58(raw, xrp ? RIPPLE : BASE58);
        }
        if (t.startsWith("bech32:")) {
            String hrp = t.substring(7);
            int bytes = hrp.equals("addr") ? 57 : 20;
            byte[] program = new byte[bytes];
            for (int i = 0; i < bytes; i++) {
                program[i] = (byte) r.nextInt(256);
            }
            List<Integer> data = new ArrayList<>();
            if (!hrp.equals("addr")) {
                data.add(0);
            }
            data.addAll(toFive(program));
            return bech32(hrp, data);
        }
        if (t.equals("jwt")) {
            Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
            String header = enc.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = enc.encodeToString(("{\"sub\":\"" + (100000 + r.nextInt(900000)) + "\",\"name\":\"user"
                    + r.nextInt(1000) + "\",\"iat\":" + (1_600_000_000 + r.nextInt(100_000_000)) + "}").getBytes(StandardCharsets.UTF_8));
            byte[] sig = new byte[32];
            for (int i = 0; i < sig.length; i++) {
                sig[i] = (byte) r.nextInt(256);
            }
            return header + "." + payload + "." + enc.encodeToString(sig);
        }
        if (t.equals("pem")) {
            String[] kinds = {"RSA ", "EC ", "", "OPENSSH ", "ENCRYPTED "};
            String kind = kinds[r.nextInt(kinds.length)];
            StringBuilder sb = new StringBuilder("-----BEGIN ").append(kind).append("PRIVATE KEY-----\n");
            byte[] b = new byte[48];
            for (int line = 0; line < 4; line++) {
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) r.nextInt(256);
                }
                sb.append(Base64.getEncoder().encodeToString(b)).append('\n');
            }
            return sb.append("-----END ").append(kind).append("PRIVATE KEY-----").toString();
        }
        return null;
    }

    private static String base58(byte[] raw, String alphabet) {
        BigInteger n = new BigInteger(1, raw);
        StringBuilder sb = new StringBuilder();
        BigInteger fiftyEight = BigInteger.valueOf(58);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(fiftyEight);
            sb.append(alphabet.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (byte b : raw) {
            if (b != 0) {
                break;
            }
            sb.append(alphabet.charAt(0));
        }
        return sb.reverse().toString();
    }

    private static List<Integer> toFive(byte[] bytes) {
        List<Integer> out = new ArrayList<>();
        int acc = 0;
        int bits = 0;
        for (byte b : bytes) {
            acc = (acc << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.add((acc >> bits) & 31);
            }
        }
        if (bits > 0) {
            out.add((acc << (5 - bits)) & 31);
        }
        return out;
    }

    private static String bech32(String hrp, List<Integer> data) {
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        for (char c : hrp.toCharArray()) {
            values.write(c >> 5);
        }
        values.write(0);
        for (char c : hrp.toCharArray()) {
            values.write(c & 31);
        }
        for (int d : data) {
            values.write(d);
        }
        for (int i = 0; i < 6; i++) {
            values.write(0);
        }
        int chk = 1;
        for (byte v : values.toByteArray()) {
            chk = CryptoAddress.polymod(chk, v);
        }
        chk ^= 1;
        StringBuilder sb = new StringBuilder(hrp).append('1');
        for (int d : data) {
            sb.append(BECH32.charAt(d));
        }
        for (int i = 0; i < 6; i++) {
            sb.append(BECH32.charAt((chk >> (5 * (5 - i))) & 31));
        }
        return sb.toString();
    }
}
