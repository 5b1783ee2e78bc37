package io.mcpgateway.masking;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Applies a {@link MaskingStrategy} to one value. Holds the deployment key used by the keyed hash
 * and to seed format-preserving replacements.
 */
final class Replacer {
    // tries per level of kept leading characters; an IBAN, for one, needs its country kept (level 2)
    // and then passes mod 97 once in 97 tries: 1,000 tries leave a 3e-5 chance of falling through
    // to the next level, which keeps one more character
    private static final int FPE_TRIES_PER_LEVEL = 1000;
    private static final int FPE_ATTEMPTS = 6 * FPE_TRIES_PER_LEVEL;

    private final SecretKeySpec key;
    private final Catalog catalog;

    Replacer(byte[] hashKey, Catalog catalog) {
        this.key = new SecretKeySpec(hashKey, "HmacSHA256");
        this.catalog = catalog;
    }

    String replace(String value, EntityType type, MaskingStrategy strategy, SessionVault vault) {
        return switch (strategy) {
            case KEEP -> value;
            case REDACT -> redact(type);
            case PARTIAL -> partial(value, type);
            case HASH -> "[" + type.label() + ":" + HexFormat.of().formatHex(hmac(null, value), 0, 8) + "]";
            case TOKEN -> {
                String token = vault == null ? null : vault.token(type.label(), value);
                yield token == null ? redact(type) : token;
            }
            case FORMAT_PRESERVING -> formatPreserving(value, type, vault);
        };
    }

    static String redact(EntityType type) {
        return "[" + type.label() + "]";
    }

    private byte[] hmac(byte[] salt, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            if (salt != null) {
                mac.update(salt);
            }
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }

    /** Keeps separators and the last four characters ({@code ****-****-****-1234}, {@code j***@example.com}). */
    static String partial(String value, EntityType type) {
        int at = value.indexOf('@');
        if (type.category() == EntityCategory.CONTACT && at > 0) {
            return value.charAt(0) + "***" + value.substring(at);
        }
        int alnum = 0;
        for (int i = 0; i < value.length(); i++) {
            if (Character.isLetterOrDigit(value.charAt(i))) {
                alnum++;
            }
        }
        int keep = alnum >= 10 ? 4 : alnum >= 7 ? 2 : 0;
        StringBuilder sb = new StringBuilder(value.length());
        int seen = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                seen++;
                sb.append(seen > alnum - keep ? c : '*');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * A value of the same shape (digits stay digits, letters stay letters of the same case,
     * punctuation stays) that passes the type's checksum. Seeded by the HMAC of the value and the
     * session salt, so the same value maps to the same fake within a session. If no candidate passes
     * the checksum, the value is redacted instead.
     */
    private String formatPreserving(String value, EntityType type, SessionVault vault) {
        byte[] seed = hmac(vault == null ? null : vault.salt(), type.id() + '\u0000' + value);
        SplittableRandom random = new SplittableRandom(ByteBuffer.wrap(seed).getLong());
        Predicate<String> valid = catalog.validator(type.id());
        char[] out = new char[value.length()];
        for (int attempt = 0; attempt < FPE_ATTEMPTS; attempt++) {
            int keep = attempt / FPE_TRIES_PER_LEVEL + (type.category() == EntityCategory.SECRET ? 4 : 0);
            for (int i = 0; i < out.length; i++) {
                char c = value.charAt(i);
                if (i < keep || c > 127) {
                    out[i] = c;
                } else if (c >= '0' && c <= '9') {
                    out[i] = (char) ('0' + random.nextInt(10));
                } else if (c >= 'a' && c <= 'z') {
                    out[i] = (char) ('a' + random.nextInt(26));
                } else if (c >= 'A' && c <= 'Z') {
                    out[i] = (char) ('A' + random.nextInt(26));
                } else {
                    out[i] = c;
                }
            }
            String candidate = new String(out);
            if (!candidate.equals(value) && valid.test(candidate)) {
                return candidate;
            }
        }
        return redact(type);
    }
}
