package io.mcpgateway.tools;

import java.util.Locale;

/**
 * How much a connection may do when no operator rule decides. See DESIGN.md, "How a decision is
 * reached", step 3.
 */
public enum RiskLevel {
    /** Reads allowed, everything else denied. */
    READ_ONLY,
    /** Reads allowed, bounded writes need approval, DDL and unbounded writes denied. */
    WRITE,
    /** Everything needs approval; destructive statements need two approvers. */
    ADMIN;

    /**
     * Parses the dashed config form ({@code read-only}, {@code write}, {@code admin}).
     *
     * @param value config value
     * @return the level
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static RiskLevel parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "read-only", "readonly", "read_only" -> READ_ONLY;
            case "write" -> WRITE;
            case "admin" -> ADMIN;
            default -> throw new IllegalArgumentException(
                    "Unknown risk level '" + value + "': use read-only, write or admin");
        };
    }

    /**
     * The dashed config form.
     *
     * @return e.g. {@code read-only}
     */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
