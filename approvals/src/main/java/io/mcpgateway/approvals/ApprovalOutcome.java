package io.mcpgateway.approvals;

import java.util.Objects;

/**
 * What became of a call that needed approval, as {@link ApprovalGate#await} reports it.
 * Consume with an exhaustive {@code switch}.
 */
public sealed interface ApprovalOutcome permits ApprovalOutcome.Granted, ApprovalOutcome.Refused,
        ApprovalOutcome.Pending {

    /**
     * The request the call is bound to.
     *
     * @return request
     */
    ApprovalRequest request();

    /**
     * The approval was used for this call: it may run now, and only this once.
     *
     * @param request the used request
     */
    record Granted(ApprovalRequest request) implements ApprovalOutcome {
        /**
         * Validates fields.
         *
         * @param request request
         */
        public Granted {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * The call must not run: a reviewer denied it, the request expired or was withdrawn, or its
     * approval was already used.
     *
     * @param request    the request
     * @param outcome    {@code denied_by_reviewer}, {@code approval_expired}, {@code approval_cancelled}
     *                   or {@code approval_used}
     * @param reasonCode stable reason code
     * @param message    sentence for the model, with the reviewer's reason when there is one
     */
    record Refused(ApprovalRequest request, String outcome, String reasonCode, String message)
            implements ApprovalOutcome {
        /**
         * Validates fields.
         *
         * @param request    request
         * @param outcome    outcome
         * @param reasonCode reason code
         * @param message    message
         */
        public Refused {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(reasonCode, "reasonCode");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Nobody decided while the call was held; the same call made again runs once it is approved.
     *
     * @param request   the pending request
     * @param reviewUrl where reviewers decide it
     * @param message   sentence for the model: what happens next
     */
    record Pending(ApprovalRequest request, String reviewUrl, String message) implements ApprovalOutcome {
        /**
         * Validates fields.
         *
         * @param request   request
         * @param reviewUrl review URL
         * @param message   message
         */
        public Pending {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(reviewUrl, "reviewUrl");
            Objects.requireNonNull(message, "message");
        }
    }
}
