package io.mcpgateway.tools;

import java.util.List;

/**
 * Whether a tool's calls need human approval before they run, as its runbook says.
 *
 * <p>Policy honours it: a tool that requires approval never runs on an Allow alone. When
 * {@link #stages()} is empty the gateway's configured approver groups review it
 * ({@code policy.approver-groups}); otherwise the stages say who decides and how many must agree.
 * Policy may still ask for more (e.g. two approvers on an admin connection), never for less.
 *
 * <pre>
 * approval: required                       # the configured approvers, one approval
 * approval: { groups: [dba], approvals: 2 } # one stage
 * approval:
 *   stages:
 *     - { name: team-lead, groups: [leads] }
 *     - { name: dba, groups: [dba], approvals: 2 }
 * </pre>
 *
 * @param required whether approval is needed
 * @param stages   review stages in order; empty means the configured approvers
 */
public record ApprovalRequirement(boolean required, List<Decision.Stage> stages) {

    /** No approval asked for by the runbook (policy may still require one). */
    public static final ApprovalRequirement NONE = new ApprovalRequirement(false, List.of());

    /** Approval by the gateway's configured approver groups. */
    public static final ApprovalRequirement CONFIGURED_APPROVERS = new ApprovalRequirement(true, List.of());

    /**
     * Validates fields.
     *
     * @param required required flag
     * @param stages   stages
     */
    public ApprovalRequirement {
        stages = List.copyOf(stages);
        if (!required && !stages.isEmpty()) {
            throw new IllegalArgumentException("approval stages given but approval not required");
        }
    }
}
