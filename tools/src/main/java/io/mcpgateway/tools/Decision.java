package io.mcpgateway.tools;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of policy evaluation for one bound call.
 *
 * <p>Every decision names the rule that reached it and a sentence for the model. A refusal also
 * says what would be allowed, so that an agent which understands the boundary stops probing it.
 * Consume with an exhaustive {@code switch} (no {@code default}).
 */
public sealed interface Decision permits Decision.Allow, Decision.Deny, Decision.RequireApproval {

    /**
     * The id of the rule that decided, e.g. {@code risk.read-only} or an operator rule id.
     *
     * @return rule id
     */
    String ruleId();

    /**
     * Stable machine-readable reason, e.g. {@code write_on_read_only}.
     *
     * @return reason code
     */
    String reasonCode();

    /**
     * One or two sentences for the model and the audit trail.
     *
     * @return message
     */
    String message();

    /**
     * The action name used by {@code policy explain}: {@code allow}, {@code deny} or {@code approve}.
     *
     * @return action name
     */
    default String action() {
        return switch (this) {
            case Allow a -> "allow";
            case Deny d -> "deny";
            case RequireApproval r -> "approve";
        };
    }

    /**
     * The call may run.
     *
     * @param ruleId     deciding rule
     * @param reasonCode reason code
     * @param message    explanation
     */
    record Allow(String ruleId, String reasonCode, String message) implements Decision {
        /**
         * Validates fields.
         *
         * @param ruleId     deciding rule
         * @param reasonCode reason code
         * @param message    explanation
         */
        public Allow {
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(reasonCode, "reasonCode");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The call is refused.
     *
     * @param ruleId     deciding rule
     * @param reasonCode reason code
     * @param message    why, in one sentence
     * @param allowed    what would be allowed instead, in one sentence (may be empty)
     */
    record Deny(String ruleId, String reasonCode, String message, String allowed) implements Decision {
        /**
         * Validates fields.
         *
         * @param ruleId     deciding rule
         * @param reasonCode reason code
         * @param message    why
         * @param allowed    what would be allowed
         */
        public Deny {
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(reasonCode, "reasonCode");
            Objects.requireNonNull(message, "message");
            allowed = allowed == null ? "" : allowed;
        }

        /**
         * The message and the hint joined for the model.
         *
         * @return full explanation
         */
        public String explanation() {
            return allowed.isEmpty() ? message : message + " " + allowed;
        }
    }

    /**
     * The call may run only after people approve it.
     *
     * @param ruleId     deciding rule
     * @param reasonCode reason code
     * @param message    why approval is needed
     * @param stages     review stages, in order, each with its reviewer groups and approver count
     * @param ttl        how long an approval, once given, stays usable
     */
    record RequireApproval(String ruleId, String reasonCode, String message, List<Stage> stages, Duration ttl)
            implements Decision {
        /**
         * Validates fields.
         *
         * @param ruleId     deciding rule
         * @param reasonCode reason code
         * @param message    why approval is needed
         * @param stages     review stages, at least one
         * @param ttl        approval lifetime
         */
        public RequireApproval {
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(reasonCode, "reasonCode");
            Objects.requireNonNull(message, "message");
            stages = List.copyOf(stages);
            if (stages.isEmpty()) {
                throw new IllegalArgumentException("RequireApproval needs at least one stage");
            }
            Objects.requireNonNull(ttl, "ttl");
        }
    }

    /**
     * One review stage.
     *
     * @param name      display name, e.g. {@code team-lead}
     * @param groups    groups whose members may decide this stage
     * @param approvals approvals needed to pass the stage (N of M)
     */
    record Stage(String name, Set<String> groups, int approvals) {
        /**
         * Validates fields.
         *
         * @param name      display name
         * @param groups    reviewer groups, not empty
         * @param approvals approvals needed, at least 1
         */
        public Stage {
            Objects.requireNonNull(name, "name");
            groups = Set.copyOf(groups);
            if (groups.isEmpty()) {
                throw new IllegalArgumentException("Approval stage '" + name + "' needs at least one reviewer group");
            }
            if (approvals < 1) {
                throw new IllegalArgumentException("Approval stage '" + name + "' needs approvals >= 1, got " + approvals);
            }
        }
    }
}
