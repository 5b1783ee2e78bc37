package io.mcpgateway.approvals;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.RiskLevel;

/**
 * A call held for human review, as stored: what would run, who asked, which rule asked for
 * review, its stages and where it stands.
 *
 * @param id                request id, e.g. {@code apr_7k3p9q2m4x}
 * @param status            state
 * @param requester         the caller whose tool call asked for approval
 * @param call              exactly what would run
 * @param ruleId            the policy rule that asked for approval
 * @param reasonCode        its reason code
 * @param reason            its sentence
 * @param stages            review stages in order
 * @param stage             index of the stage under review (0-based; equals the stage count once approved)
 * @param approvalTtl       how long the approval, once given, stays usable
 * @param bindingHash       hash of identity, tool, connection, statement, arguments and policy version
 * @param policyVersion     version of the policy that asked for approval
 * @param correlationId     correlation id of the call that created it
 * @param createdAt         when it was requested
 * @param expiresAt         when it expires if nobody decides
 * @param decidedAt         when it reached a final state, or null
 * @param approvalExpiresAt until when the approval may be used, or null
 * @param consumedAt        when the approval was used, or null
 * @param resolution        the closing comment (the denial reason), or empty
 */
public record ApprovalRequest(String id,
                              ApprovalStatus status,
                              Identity requester,
                              Call call,
                              String ruleId,
                              String reasonCode,
                              String reason,
                              List<Decision.Stage> stages,
                              int stage,
                              Duration approvalTtl,
                              String bindingHash,
                              String policyVersion,
                              String correlationId,
                              Instant createdAt,
                              Instant expiresAt,
                              Instant decidedAt,
                              Instant approvalExpiresAt,
                              Instant consumedAt,
                              String resolution) {

    /**
     * Validates fields.
     *
     * @param id                id
     * @param status            status
     * @param requester         requester
     * @param call              call
     * @param ruleId            rule id
     * @param reasonCode        reason code
     * @param reason            reason
     * @param stages            stages
     * @param stage             current stage index
     * @param approvalTtl       approval lifetime
     * @param bindingHash       binding hash
     * @param policyVersion     policy version
     * @param correlationId     correlation id
     * @param createdAt         creation time
     * @param expiresAt         pending expiry
     * @param decidedAt         decision time or null
     * @param approvalExpiresAt approval expiry or null
     * @param consumedAt        use time or null
     * @param resolution        closing comment or null
     */
    public ApprovalRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(reason, "reason");
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("Approval request " + id + " needs at least one stage");
        }
        if (stage < 0 || stage > stages.size()) {
            throw new IllegalArgumentException("Approval request " + id + ": stage " + stage + " out of range");
        }
        Objects.requireNonNull(approvalTtl, "approvalTtl");
        Objects.requireNonNull(bindingHash, "bindingHash");
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        resolution = resolution == null ? "" : resolution;
    }

    /**
     * The stage under review, if the request is still pending.
     *
     * @return current stage
     */
    public Optional<Decision.Stage> currentStage() {
        return status == ApprovalStatus.PENDING && stage < stages.size() ? Optional.of(stages.get(stage))
                : Optional.empty();
    }

    /**
     * Whether the approval can still be used: approved, unused and within its lifetime.
     *
     * @param now current time
     * @return true when a call bound to it may run now
     */
    public boolean usable(Instant now) {
        return status == ApprovalStatus.APPROVED && consumedAt == null && approvalExpiresAt != null
                && now.isBefore(approvalExpiresAt);
    }

    /**
     * The same request in another state (the state machine's transitions use it).
     *
     * @param status            new status
     * @param stage             new stage index
     * @param decidedAt         decision time or null
     * @param approvalExpiresAt approval expiry or null
     * @param consumedAt        use time or null
     * @param resolution        closing comment
     * @return the moved request
     */
    ApprovalRequest moved(ApprovalStatus status, int stage, Instant decidedAt, Instant approvalExpiresAt,
                          Instant consumedAt, String resolution) {
        return new ApprovalRequest(id, status, requester, call, ruleId, reasonCode, reason, stages, stage, approvalTtl,
                bindingHash, policyVersion, correlationId, createdAt, expiresAt, decidedAt, approvalExpiresAt,
                consumedAt, resolution);
    }

    /**
     * The requester as people know them: the e-mail when there is one.
     *
     * @return display name
     */
    public String requesterName() {
        return requester.email().isEmpty() ? requester.subject() : requester.email();
    }

    /**
     * Exactly what would run, as reviewers see it.
     *
     * @param tool       tool name
     * @param connection connection name
     * @param risk       the connection's risk level
     * @param kind       {@code sql}, {@code http} or {@code logs}
     * @param statement  the rendered statement or request (server-held credentials scrubbed)
     * @param parameters the validated arguments by name, in declaration order
     */
    public record Call(String tool, String connection, RiskLevel risk, String kind, String statement,
                       Map<String, Object> parameters) {
        /**
         * Validates fields.
         *
         * @param tool       tool
         * @param connection connection
         * @param risk       risk
         * @param kind       kind
         * @param statement  statement
         * @param parameters parameters (values may be null)
         */
        public Call {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(risk, "risk");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(statement, "statement");
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }
}
