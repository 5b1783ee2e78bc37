package io.mcpgateway.tools;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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

    /**
     * Applies the row and byte caps to a result, whatever its connector already did: rows past
     * the caps are withheld and the result says so ({@code truncated}, with how many rows were
     * withheld when that is known). Other result shapes pass unchanged.
     *
     * @param result a connector's result
     * @return the capped result
     */
    public ToolResult cap(ToolResult result) {
        if (!(result instanceof ToolResult.Table table)) {
            return result;
        }
        List<List<Object>> rows = table.rows();
        int kept = 0;
        long bytes = 0;
        while (kept < rows.size() && kept < maxRows) {
            bytes += size(rows.get(kept));
            if (bytes > maxBytes) {
                break;
            }
            kept++;
        }
        if (kept == rows.size()) {
            return table;
        }
        long cut = rows.size() - kept;
        // a connector that stopped reading early does not know how many more there were
        long withheld = table.truncated() && table.withheldRows() < 0 ? -1 : cut + Math.max(0, table.withheldRows());
        return new ToolResult.Table(table.columns(), rows.subList(0, kept), true, withheld);
    }

    /** The size of a row as rendered JSON, closely enough for a cap: values plus separators. */
    private static long size(List<Object> row) {
        long n = 2;
        for (Object v : row) {
            n += (v == null ? 4 : String.valueOf(v).getBytes(StandardCharsets.UTF_8).length + 3);
        }
        return n;
    }
}
