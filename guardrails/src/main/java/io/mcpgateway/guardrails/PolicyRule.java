package io.mcpgateway.guardrails;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.helidon.config.Config;

import io.mcpgateway.tools.Decision;

/**
 * An operator rule from the policy YAML: when its {@link RuleMatch} holds, it decides.
 *
 * <pre>
 * rules:
 *   - id: refunds-need-finance
 *     description: Refunds move money; finance signs off after a DBA.
 *     match: { tools: [update_order_status], parameters: { status: [refunded] } }
 *     action: require-approval            # allow | deny | require-approval
 *     reason: Refunds need a DBA and then finance.
 *     approval:
 *       ttl: 30m
 *       stages:
 *         - { name: dba, groups: [dba], approvals: 1 }
 *         - { name: finance, groups: [finance], approvals: 1 }
 *   - id: no-customer-export
 *     match: { tables: [customers], statements: [read], except-groups: [support] }
 *     action: deny
 *     reason: Customer data is for support.
 *     allowed: Use find_customer_by_email for single look-ups.
 * </pre>
 *
 * Shorthand for a single approval stage: {@code approvers: [dba]} and {@code approvals: 2}.
 *
 * @param id          rule id, quoted in every decision it makes
 * @param description what the rule is for (operators only)
 * @param match       what it applies to
 * @param action      what it decides
 * @param reason      the sentence for the model, or empty for a generated one
 * @param allowed     for deny: what would be allowed instead, or empty for a generated one
 * @param stages      for require-approval: the review stages
 * @param ttl         for require-approval: approval lifetime
 */
record PolicyRule(String id,
                         String description,
                         RuleMatch match,
                         Action action,
                         String reason,
                         String allowed,
                         List<Decision.Stage> stages,
                         Duration ttl) implements Policy {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Set<String> RESERVED = Set.of("guard.", "risk.", "quota.", "default.", "tool.", "explain.", "runbook.");
    private static final Set<String> KEYS = Set.of("id", "description", "match", "action", "reason", "allowed",
            "approval", "approvers", "approvals");

    /** What a rule decides. */
    enum Action {
        /** The call runs. */
        ALLOW,
        /** The call is refused. */
        DENY,
        /** The call runs after approval. */
        REQUIRE_APPROVAL
    }

    /**
     * Validates the rule.
     *
     * @param id          id
     * @param description description
     * @param match       match
     * @param action      action
     * @param reason      reason
     * @param allowed     hint
     * @param stages      stages (require-approval only)
     * @param ttl         approval lifetime (require-approval only)
     */
    PolicyRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(action, "action");
        description = description == null ? "" : description;
        reason = reason == null ? "" : reason;
        allowed = allowed == null ? "" : allowed;
        stages = List.copyOf(stages);
        if (action == Action.REQUIRE_APPROVAL && (stages.isEmpty() || ttl == null)) {
            throw new IllegalArgumentException("Rule '" + id + "' requires approval but has no stages or ttl");
        }
    }

    /**
     * Reads one rule.
     *
     * @param node     the rule node
     * @param defaults approvers used by the {@code approval} shorthand when it names no groups
     * @param ttl      default approval lifetime
     * @return the rule
     * @throws IllegalArgumentException naming the key and value of any problem
     */
    static PolicyRule create(Config node, Set<String> defaults, Duration ttl) {
        String at = PolicyConfig.path(node);
        PolicyConfig.checkKeys(node, KEYS);
        String id = node.get("id").asString().orElseThrow(() -> new IllegalArgumentException(at + ".id is required"));
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(at + ".id: '" + id + "' must match [a-z0-9][a-z0-9._-]* (at most 64 characters)");
        }
        if (RESERVED.stream().anyMatch(id::startsWith)) {
            throw new IllegalArgumentException(at + ".id: '" + id + "' starts with a reserved prefix " + new TreeSet<>(RESERVED));
        }
        String actionText = node.get("action").asString()
                .orElseThrow(() -> new IllegalArgumentException(at + ".action is required (allow, deny or require-approval)"));
        Action action = switch (actionText.trim().toLowerCase(Locale.ROOT)) {
            case "allow" -> Action.ALLOW;
            case "deny" -> Action.DENY;
            case "require-approval", "approve", "approval" -> Action.REQUIRE_APPROVAL;
            default -> throw new IllegalArgumentException(at + ".action: unknown action '" + actionText
                    + "'; use allow, deny or require-approval");
        };
        List<Decision.Stage> stages = List.of();
        Duration approvalTtl = null;
        if (action == Action.REQUIRE_APPROVAL) {
            Config approval = node.get("approval");
            PolicyConfig.checkKeys(approval, Set.of("ttl", "stages"));
            approvalTtl = PolicyConfig.duration(approval.get("ttl"), ttl);
            stages = stages(node, defaults);
        } else if (node.get("approval").exists() || node.get("approvers").exists() || node.get("approvals").exists()) {
            throw new IllegalArgumentException(at + ": approval settings apply only to action require-approval");
        }
        return new PolicyRule(id, node.get("description").asString().orElse(""), RuleMatch.create(node.get("match")),
                action, node.get("reason").asString().orElse(""), node.get("allowed").asString().orElse(""),
                stages, approvalTtl);
    }

    private static List<Decision.Stage> stages(Config node, Set<String> defaults) {
        List<Decision.Stage> stages = new ArrayList<>();
        List<Config> written = node.get("approval.stages").asNodeList().orElse(List.of());
        if (written.isEmpty()) {
            List<String> groups = PolicyConfig.strings(node.get("approvers"));
            int approvals = node.get("approvals").asInt().orElse(1);
            stages.add(stage(PolicyConfig.path(node), "review", groups.isEmpty() ? defaults : Set.copyOf(groups), approvals));
            return stages;
        }
        if (node.get("approvers").exists() || node.get("approvals").exists()) {
            throw new IllegalArgumentException(PolicyConfig.path(node) + ": use either approval.stages or the "
                    + "approvers/approvals shorthand, not both");
        }
        for (Config s : written) {
            PolicyConfig.checkKeys(s, Set.of("name", "groups", "approvals"));
            List<String> groups = PolicyConfig.strings(s.get("groups"));
            if (groups.isEmpty()) {
                throw new IllegalArgumentException(PolicyConfig.path(s) + ".groups: a stage needs at least one reviewer group");
            }
            stages.add(stage(PolicyConfig.path(s), s.get("name").asString().orElse("stage-" + (stages.size() + 1)),
                    Set.copyOf(groups), s.get("approvals").asInt().orElse(1)));
        }
        return stages;
    }

    private static Decision.Stage stage(String at, String name, Set<String> groups, int approvals) {
        if (approvals < 1 || approvals > 10) {
            throw new IllegalArgumentException(at + ": approvals must be between 1 and 10, got " + approvals);
        }
        return new Decision.Stage(name, groups, approvals);
    }

    @Override
    public Optional<Decision> evaluate(PolicyInput input) {
        if (!match.matches(input, action != Action.DENY)) {
            return Optional.empty();
        }
        return Optional.of(switch (action) {
            case ALLOW -> new Decision.Allow(id, "rule_allow", reason.isEmpty() ? "Allowed by policy rule '" + id + "'." : reason);
            case DENY -> new Decision.Deny(id, "rule_deny", reason.isEmpty() ? "Denied by policy rule '" + id + "'." : reason,
                    allowed.isEmpty() ? "Ask an operator about policy rule '" + id + "' if this call is needed." : allowed);
            case REQUIRE_APPROVAL -> new Decision.RequireApproval(id, "rule_approval",
                    reason.isEmpty() ? "Policy rule '" + id + "' requires approval for this call." : reason, stages, ttl);
        });
    }

    /**
     * A stable text of the rule, for the policy version.
     *
     * @return text
     */
    String canonical() {
        StringBuilder b = new StringBuilder(id).append('|').append(action).append('|').append(match.canonical())
                .append('|').append(reason).append('|').append(allowed).append('|').append(ttl);
        for (Decision.Stage s : stages) {
            b.append('|').append(s.name()).append(new TreeSet<>(s.groups())).append(s.approvals());
        }
        return b.toString();
    }
}
