package io.mcpgateway.tools;

import java.util.Objects;

/**
 * A failure the gateway reports to the client in its own words.
 *
 * <p>The {@link #reasonCode()} is stable (clients and audit queries rely on it) and the
 * {@link #getMessage() message} is safe to show to the model: it never contains argument values,
 * credentials or internal details. Causes are kept for the server log only.
 */
public class GatewayException extends RuntimeException {

    private final String reasonCode;

    /**
     * Creates an exception with a stable reason code and a client-safe message.
     *
     * @param reasonCode    stable machine-readable code, e.g. {@code invalid_arguments}
     * @param clientMessage message safe to return to the model
     */
    public GatewayException(String reasonCode, String clientMessage) {
        super(clientMessage);
        this.reasonCode = Objects.requireNonNull(reasonCode, "reasonCode");
    }

    /**
     * Creates an exception with a cause that stays on the server side.
     *
     * @param reasonCode    stable machine-readable code
     * @param clientMessage message safe to return to the model
     * @param cause         the underlying failure (logged, never shown to the client)
     */
    public GatewayException(String reasonCode, String clientMessage, Throwable cause) {
        super(clientMessage, cause);
        this.reasonCode = Objects.requireNonNull(reasonCode, "reasonCode");
    }

    /**
     * The stable reason code.
     *
     * @return reason code
     */
    public String reasonCode() {
        return reasonCode;
    }
}
