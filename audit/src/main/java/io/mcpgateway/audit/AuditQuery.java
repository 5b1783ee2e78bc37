package io.mcpgateway.audit;

import java.time.Instant;

/**
 * Filters for searching the trail; {@code null} fields do not filter.
 *
 * @param actor         caller subject
 * @param tool          tool name
 * @param connection    connection name
 * @param statementKind statement kind (READ, UPDATE, ...)
 * @param outcome       outcome
 * @param from          at or after
 * @param to            before
 * @param limit         maximum records, newest first
 */
public record AuditQuery(String actor, String tool, String connection, String statementKind, String outcome,
                         Instant from, Instant to, int limit) {

    /**
     * Validates the limit.
     *
     * @param actor         actor
     * @param tool          tool
     * @param connection    connection
     * @param statementKind statement kind
     * @param outcome       outcome
     * @param from          from
     * @param to            to
     * @param limit         limit, 1..10000
     */
    public AuditQuery {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, got " + limit);
        }
    }
}
