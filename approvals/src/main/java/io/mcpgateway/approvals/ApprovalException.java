package io.mcpgateway.approvals;

import io.mcpgateway.tools.GatewayException;

/**
 * A refused approval action (self-approval, not a reviewer of the stage, already decided, missing
 * reason, ...), with a stable reason code and a sentence that says what would be allowed.
 */
public class ApprovalException extends GatewayException {

    /**
     * Creates the exception.
     *
     * @param reasonCode stable code, e.g. {@code self_approval}
     * @param message    client-safe explanation
     */
    public ApprovalException(String reasonCode, String message) {
        super(reasonCode, message);
    }

    /**
     * Whether the refusal means the request does not exist (for the caller).
     *
     * @return true for {@code not_found}
     */
    public boolean notFound() {
        return reasonCode().equals("not_found");
    }
}
