package io.mcpgateway.approvals;

import io.mcpgateway.tools.GatewayException;

/**
 * The approval store cannot be read or written. A call that needs approval is then refused:
 * without the store nobody can approve it, and nothing may run unapproved.
 */
public class ApprovalStoreException extends GatewayException {

    /**
     * Creates the exception.
     *
     * @param message client-safe message
     * @param cause   the database failure (server log only)
     */
    public ApprovalStoreException(String message, Throwable cause) {
        super("approvals_unavailable", message, cause);
    }
}
