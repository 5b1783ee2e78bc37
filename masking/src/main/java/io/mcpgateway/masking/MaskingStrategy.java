package io.mcpgateway.masking;

import java.util.Locale;

/**
 * How a recognised value is replaced.
 */
public enum MaskingStrategy {
    /** {@code [EMAIL]}: the value is gone, only its type remains. */
    REDACT,
    /** {@code ****-****-****-1234}: separators and the last four characters stay. */
    PARTIAL,
    /**
     * {@code [EMAIL:5f0c2a9e1b7d3c44]}: HMAC-SHA256 under the deployment key, so equal values join
     * without being recoverable by hashing every phone number.
     */
    HASH,
    /**
     * A fake value of the same shape that still passes its checksum, stable within a session (or
     * within the deployment when there is no session).
     */
    FORMAT_PRESERVING,
    /**
     * {@code <EMAIL_3>}: a token the session vault maps back to the value when the model passes it
     * as a tool argument. Without a vault in the request it falls back to {@link #REDACT}.
     */
    TOKEN,
    /** The value is left as it is (a profile turning a type off). */
    KEEP;

    /**
     * Parses a configured strategy ({@code redact}, {@code partial}, {@code hash},
     * {@code format-preserving}, {@code token}, {@code keep}).
     *
     * @param text the configured name
     * @return the strategy
     * @throws IllegalArgumentException naming the text when unknown
     */
    public static MaskingStrategy parse(String text) {
        String n = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (MaskingStrategy s : values()) {
            if (s.name().equals(n)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown masking strategy '" + text
                + "' (expected redact, partial, hash, format-preserving, token or keep)");
    }
}
