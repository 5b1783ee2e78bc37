package io.mcpgateway.approvals;

/**
 * Told about every change of every request after it is committed: notifications, the audit
 * trail. Called on the thread that made the change; slow work (HTTP) belongs on another thread.
 * A listener that throws is logged and does not undo the change.
 */
@FunctionalInterface
public interface ApprovalListener {

    /**
     * A request changed.
     *
     * @param request the request after the change
     * @param event   what happened
     */
    void changed(ApprovalRequest request, ApprovalEvent event);
}
