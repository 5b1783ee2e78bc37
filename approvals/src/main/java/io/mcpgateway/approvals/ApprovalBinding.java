package io.mcpgateway.approvals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.mcpgateway.tools.BoundCall;

/**
 * What an approval is bound to: one identity, one tool on one connection, the exact statement,
 * a canonical form of the validated arguments, and the policy version that asked for review.
 * Two calls share a binding exactly when all of these are equal, so an approval given for one
 * call can never run a different one, for someone else, or under a changed policy.
 *
 * @param hash          SHA-256 (hex) of the canonical binding text
 * @param policyVersion the policy version included in it
 */
public record ApprovalBinding(String hash, String policyVersion) {

    /**
     * Validates fields.
     *
     * @param hash          hash
     * @param policyVersion policy version
     */
    public ApprovalBinding {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(policyVersion, "policyVersion");
    }

    /**
     * The binding of a bound call.
     *
     * @param call          the bound call
     * @param policyVersion the current policy version
     * @return its binding
     */
    public static ApprovalBinding of(BoundCall call, String policyVersion) {
        StringBuilder text = new StringBuilder();
        // a NUL separator cannot occur in any part, so no two different tuples share a text
        text.append("v1").append('\0')
                .append(call.call().identity().subject()).append('\0')
                .append(call.tool().name()).append('\0')
                .append(call.connection().name()).append('\0')
                .append(call.request().render()).append('\0');
        canonical(call.values(), text);
        text.append('\0').append(policyVersion);
        return new ApprovalBinding(sha256(text.toString()), policyVersion);
    }

    /**
     * Writes a value in a canonical, type-tagged form: map keys sorted, numbers without trailing
     * zeros, so that {@code 42}, {@code 42L} and {@code 42.0} hash alike and {@code "42"} does not.
     */
    static void canonical(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case String s -> out.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            case Boolean b -> out.append(b);
            case BigDecimal d -> out.append('n').append(plain(d));
            case Integer i -> out.append('n').append(i);
            case Long l -> out.append('n').append(l);
            case Short s -> out.append('n').append(s);
            case BigInteger b -> out.append('n').append(b);
            case Double d -> out.append('n').append(plain(BigDecimal.valueOf(d)));
            case Float f -> out.append('n').append(plain(new BigDecimal(f.toString())));
            case Map<?, ?> m -> {
                Map<String, Object> sorted = new TreeMap<>();
                m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
                out.append('{');
                sorted.forEach((k, v) -> {
                    canonical(k, out);
                    out.append(':');
                    canonical(v, out);
                    out.append(',');
                });
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (Object v : list) {
                    canonical(v, out);
                    out.append(',');
                }
                out.append(']');
            }
            default -> out.append(value.getClass().getSimpleName()).append(':').append('"')
                    .append(value.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
