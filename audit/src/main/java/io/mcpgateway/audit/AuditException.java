package io.mcpgateway.audit;

/**
 * The trail could not be written or read. The gateway fails closed on it.
 */
public final class AuditException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause   underlying failure
     */
    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
