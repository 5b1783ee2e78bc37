package io.mcpgateway.connectors;

import java.util.Objects;

/**
 * Who and what a connector runs for, so the target system's own logs attribute each statement.
 *
 * @param user          the caller's subject
 * @param auditEventId  the audit event this execution belongs to
 */
public record ExecutionContext(String user, String auditEventId) {

    /**
     * Validates fields.
     *
     * @param user         user
     * @param auditEventId audit event id
     */
    public ExecutionContext {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(auditEventId, "auditEventId");
    }
}
