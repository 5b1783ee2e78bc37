package io.mcpgateway.server;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.mcpgateway.guardrails.Policy;
import io.mcpgateway.guardrails.PolicyInput;
import io.mcpgateway.tools.ApprovalRequirement;
import io.mcpgateway.tools.Decision;

/**
 * Honours a runbook's {@code approval:} key: a call that the rest of policy would allow waits for
 * the approvers the runbook names (or the configured ones). It never loosens a decision: a denial
 * stays a denial, and an approval policy already asks for stays as policy set it.
 */
final class RunbookApprovalRule implements Policy {

    private final Policy rest;
    private final Set<String> approverGroups;
    private final Duration ttl;

    /**
     * Creates the rule.
     *
     * @param rest           the policy that decides otherwise (consulted first)
     * @param approverGroups groups that review when the runbook names none
     * @param ttl            approval lifetime
     */
    RunbookApprovalRule(Policy rest, Set<String> approverGroups, Duration ttl) {
        this.rest = rest;
        this.approverGroups = approverGroups;
        this.ttl = ttl;
    }

    @Override
    public Optional<Decision> evaluate(PolicyInput input) {
        ApprovalRequirement required = input.call().tool().approval();
        if (!required.required()) {
            return Optional.empty();
        }
        Optional<Decision> otherwise = rest.evaluate(input);
        if (otherwise.isPresent() && !(otherwise.get() instanceof Decision.Allow)) {
            return otherwise;
        }
        List<Decision.Stage> stages = required.stages().isEmpty()
                ? List.of(new Decision.Stage("approvers", approverGroups, 1)) : required.stages();
        return Optional.of(new Decision.RequireApproval("runbook.approval", "runbook_requires_approval",
                "The runbook of tool '" + input.call().tool().name() + "' requires approval before each call.",
                stages, ttl));
    }
}
