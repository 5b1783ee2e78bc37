package io.mcpgateway.guardrails;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.Decision;

/**
 * Reaches the decision for a bound call, in the order DESIGN.md gives:
 * <ol>
 *     <li>hard guards, always on: any of them denying ends evaluation with that denial;</li>
 *     <li>operator rules, in the order written: the first that does not abstain decides;</li>
 *     <li>the connection's risk level.</li>
 * </ol>
 * When nothing decides, the call is denied (fail closed). A policy that throws also denies the
 * call: a policy error must never let a call through.
 */
public final class PolicyEngine {

    private static final System.Logger LOGGER = System.getLogger(PolicyEngine.class.getName());

    private final SqlAnalyzer analyzer;
    private final List<Policy> guards;
    private final List<Policy> rules;
    private final Policy fallback;

    private PolicyEngine(Builder builder) {
        this.analyzer = builder.analyzer;
        this.guards = List.copyOf(builder.guards);
        this.rules = List.copyOf(builder.rules);
        this.fallback = builder.fallback;
    }

    /**
     * A builder.
     *
     * @return builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decides a bound call.
     *
     * @param call the call
     * @return the decision
     */
    public Decision evaluate(BoundCall call) {
        PolicyInput input = new PolicyInput(call, analyze(call));
        for (Policy guard : guards) {
            Optional<Decision> d = safely(guard, input);
            if (d.isPresent() && d.get() instanceof Decision.Deny) {
                return d.get();
            }
        }
        for (Policy rule : rules) {
            Optional<Decision> d = safely(rule, input);
            if (d.isPresent()) {
                return d.get();
            }
        }
        return safely(fallback, input).orElseGet(() -> new Decision.Deny("default.deny", "no_policy",
                "No policy covers this call, so it is denied.",
                "Ask an operator to add a rule for tool '" + call.tool().name() + "'."));
    }

    /**
     * Analyzes the SQL of a bound call, if it is one.
     *
     * @param call the call
     * @return the analysis for SQL calls
     */
    public Optional<SqlAnalysis> analyze(BoundCall call) {
        return switch (call.request()) {
            case BoundRequest.Sql sql -> Optional.of(analyzer.analyze(sql.sql()));
            case BoundRequest.Http http -> Optional.empty();
            case BoundRequest.Logs logs -> Optional.empty();
        };
    }

    private static Optional<Decision> safely(Policy policy, PolicyInput input) {
        try {
            return Objects.requireNonNull(policy.evaluate(input), "policy returned null");
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.ERROR, "Policy " + policy.getClass().getSimpleName()
                    + " failed; denying the call", e);
            return Optional.of(new Decision.Deny("guard.policy-error", "policy_error",
                    "A policy could not be evaluated, so the call is denied.",
                    "Retry later or ask an operator to check the gateway log."));
        }
    }

    /**
     * Builder of {@link PolicyEngine}.
     */
    public static final class Builder {
        private SqlAnalyzer analyzer = new SqlAnalyzer();
        private final List<Policy> guards = new ArrayList<>(List.of(new SqlGuard()));
        private final List<Policy> rules = new ArrayList<>();
        private Policy fallback;

        private Builder() {
        }

        /**
         * Adds an operator rule; rules are consulted in the order added.
         *
         * @param rule rule
         * @return this builder
         */
        public Builder addRule(Policy rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Adds a hard guard (after the built-in SQL guard).
         *
         * @param guard guard
         * @return this builder
         */
        public Builder addGuard(Policy guard) {
            guards.add(Objects.requireNonNull(guard, "guard"));
            return this;
        }

        /**
         * Sets the policy consulted when no rule decided, usually {@link RiskLevelPolicy}.
         *
         * @param fallback fallback policy
         * @return this builder
         */
        public Builder fallback(Policy fallback) {
            this.fallback = Objects.requireNonNull(fallback, "fallback");
            return this;
        }

        /**
         * Sets the SQL analyzer.
         *
         * @param analyzer analyzer
         * @return this builder
         */
        public Builder analyzer(SqlAnalyzer analyzer) {
            this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
            return this;
        }

        /**
         * Builds the engine.
         *
         * @return engine
         */
        public PolicyEngine build() {
            if (fallback == null) {
                throw new IllegalStateException("PolicyEngine needs a fallback policy (the risk-level policy)");
            }
            return new PolicyEngine(this);
        }
    }
}
