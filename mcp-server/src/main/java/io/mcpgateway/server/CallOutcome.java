package io.mcpgateway.server;

import java.util.Map;
import java.util.Objects;

/**
 * What the pipeline answers for one tool call, independent of the MCP wire format.
 */
public sealed interface CallOutcome permits CallOutcome.Success, CallOutcome.Refused, CallOutcome.UnknownTool,
        CallOutcome.Failed {

    /**
     * The tool ran; its masked result.
     *
     * @param text       the result as text for the model (labelled untrusted)
     * @param structured the result as structured content
     */
    record Success(String text, Map<String, Object> structured) implements CallOutcome {
        /**
         * Validates fields.
         *
         * @param text       text
         * @param structured structured content
         */
        public Success {
            Objects.requireNonNull(text, "text");
            structured = Map.copyOf(structured);
        }
    }

    /**
     * A governance outcome: invalid arguments, denied, or waiting for approval. The model can
     * react to it, so it carries the reason and what would be allowed.
     *
     * @param outcome    {@code invalid_arguments}, {@code denied}, {@code approval_required}, ...
     * @param reasonCode stable reason code
     * @param message    explanation for the model
     * @param ruleId     deciding rule, or empty
     * @param details    further structured fields (e.g. approval id and review URL)
     */
    record Refused(String outcome, String reasonCode, String message, String ruleId, Map<String, Object> details)
            implements CallOutcome {
        /**
         * Validates fields.
         *
         * @param outcome    outcome
         * @param reasonCode reason code
         * @param message    message
         * @param ruleId     rule id
         * @param details    details
         */
        public Refused {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(reasonCode, "reasonCode");
            Objects.requireNonNull(message, "message");
            ruleId = ruleId == null ? "" : ruleId;
            details = Map.copyOf(details);
        }
    }

    /**
     * No tool of that name is visible to the caller (protocol misuse).
     *
     * @param name the name asked for
     */
    record UnknownTool(String name) implements CallOutcome {
    }

    /**
     * An internal failure; details are in the server log under the correlation id.
     *
     * @param reasonCode    stable reason code
     * @param message       client-safe message
     * @param correlationId id to quote to an operator
     */
    record Failed(String reasonCode, String message, String correlationId) implements CallOutcome {
    }
}
