package io.mcpgateway.guardrails;

import java.util.Objects;

/**
 * Something in a SQL text that a hard guard refuses whatever the connection and the rules say:
 * text that does not parse, several statements, a dangerous function, a file written by
 * {@code SELECT ... INTO OUTFILE}, a MySQL executable comment.
 *
 * @param ruleId     the guard's rule id, e.g. {@code guard.dangerous-function}
 * @param reasonCode stable reason code, e.g. {@code sql_dangerous_function}
 * @param message    one sentence for the model
 * @param allowed    what would be allowed instead, one sentence
 */
public record SqlHazard(String ruleId, String reasonCode, String message, String allowed) {

    /**
     * Validates fields.
     *
     * @param ruleId     rule id
     * @param reasonCode reason code
     * @param message    message
     * @param allowed    hint
     */
    public SqlHazard {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(message, "message");
        allowed = allowed == null ? "" : allowed;
    }
}
