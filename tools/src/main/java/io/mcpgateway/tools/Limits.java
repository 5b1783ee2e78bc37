package io.mcpgateway.tools;

import java.time.Duration;
import java.util.Objects;

/**
 * Result caps and the time budget of a tool. The model cannot raise them: they come from the
 * runbook only.
 *
 * @param maxRows  rows returned at most; more are withheld and the result says so
 * @param maxBytes bytes of result text returned at most
 * @param timeout  how long the connector may run
 */
public record Limits(int maxRows, long maxBytes, Duration timeout) {

    /** Safe defaults when a runbook sets none: 200 rows, 256 KiB, 30 seconds. */
    public static final Limits DEFAULT = new Limits(200, 256 * 1024, Duration.ofSeconds(30));

    /**
     * Validates the limits.
     *
     * @param maxRows  row cap, 1..100000
     * @param maxBytes byte cap, 1 KiB..64 MiB
     * @param timeout  positive, at most 10 minutes
     */
    public Limits {
        Objects.requireNonNull(timeout, "timeout");
        if (maxRows < 1 || maxRows > 100_000) {
            throw new IllegalArgumentException("limits.rows must be between 1 and 100000, got " + maxRows);
        }
        if (maxBytes < 1024 || maxBytes > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("limits.bytes must be between 1024 and 67108864, got " + maxBytes);
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("limits.timeout must be positive and at most 10m, got " + timeout);
        }
    }
}
