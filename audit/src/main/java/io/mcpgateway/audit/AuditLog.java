package io.mcpgateway.audit;

import java.util.List;

/**
 * The append-only audit trail.
 */
public interface AuditLog {

    /**
     * Appends an event to the chain. Callers treat a failure as fatal for the action: the
     * gateway does not act without a record of it.
     *
     * @param event the event
     * @return the stored record
     * @throws AuditException when the event could not be written
     */
    AuditRecord append(AuditEvent event);

    /**
     * Recomputes every chain and reports the first broken link of each.
     *
     * @return one verification per chain
     */
    List<ChainVerification> verify();

    /**
     * Searches the trail, newest first.
     *
     * @param query filters
     * @return matching records
     */
    List<AuditRecord> search(AuditQuery query);
}
