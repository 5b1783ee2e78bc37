package io.mcpgateway.approvals;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry in a request's history: who did what, when, at which stage.
 *
 * @param seq          position in the store's change feed (0 before it is stored)
 * @param requestId    the request
 * @param at           when
 * @param kind         what happened
 * @param stage        the stage index it concerns (0-based)
 * @param actorSubject who did it ({@value #GATEWAY} for the gateway itself)
 * @param actorEmail   their e-mail, or empty
 * @param comment      the reviewer's comment or reason, or empty
 */
public record ApprovalEvent(long seq, String requestId, Instant at, Kind kind, int stage, String actorSubject,
                            String actorEmail, String comment) {

    /** The actor of events the gateway itself causes (creation for a caller aside, expiry, use). */
    public static final String GATEWAY = "gateway";

    /**
     * Validates fields.
     *
     * @param seq          sequence
     * @param requestId    request id
     * @param at           time
     * @param kind         kind
     * @param stage        stage index
     * @param actorSubject actor
     * @param actorEmail   actor e-mail or null
     * @param comment      comment or null
     */
    public ApprovalEvent {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actorSubject, "actorSubject");
        actorEmail = actorEmail == null ? "" : actorEmail;
        comment = comment == null ? "" : comment;
    }

    /**
     * The actor as people know them: the e-mail when there is one.
     *
     * @return display name
     */
    public String actor() {
        return actorEmail.isEmpty() ? actorSubject : actorEmail;
    }

    /** What happened to a request. */
    public enum Kind {
        /** A call asked for approval. */
        REQUESTED,
        /** A reviewer approved (one vote of a stage). */
        APPROVED,
        /** A stage got all the approvals it needs. */
        STAGE_PASSED,
        /** A reviewer denied. */
        DENIED,
        /** The request or its approval ran out of time. */
        EXPIRED,
        /** The requester or an administrator withdrew it. */
        CANCELLED,
        /** The approved call ran (the approval's single use). */
        USED;

        /**
         * Lower-case label.
         *
         * @return e.g. {@code stage_passed}
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
