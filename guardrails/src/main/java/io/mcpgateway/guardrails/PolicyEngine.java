package io.mcpgateway.guardrails;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import io.helidon.config.Config;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.ToolDefinition;

/**
 * Reaches the decision for a bound call, in the order DESIGN.md gives:
 * <ol>
 *     <li>hard guards, always on (SQL, HTTP, logs): if any denies, the call is denied, and the
 *     decision lists every guard's reason;</li>
 *     <li>operator rules, in the order written: the first that matches decides;</li>
 *     <li>the connection's risk level.</li>
 * </ol>
 * When nothing decides, the call is denied (fail closed). A policy that throws also denies the
 * call: a policy error must never let a call through.
 *
 * <p>Decisions combine by severity wherever more than one applies: Deny beats RequireApproval,
 * which beats Allow, and no applicable policy means Deny. So a tool whose runbook requires
 * approval ({@link Builder#toolApprovals}) never runs on an Allow alone.
 *
 * <p>{@link #policyVersion()} is a hash of everything that shapes decisions (rules, risk-level
 * approvers, guard settings); an approval given under one version can be re-evaluated when the
 * policy changed since.
 */
public final class PolicyEngine implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(PolicyEngine.class.getName());
    private static final Set<String> POLICY_KEYS = Set.of("approver-groups", "approval-ttl", "connections", "rules",
            "sql", "quotas", "injection");

    private final SqlAnalyzer analyzer;
    private final List<Policy> guards;
    private final List<Policy> rules;
    private final Policy fallback;
    private final Function<ToolDefinition, Optional<List<Decision.Stage>>> toolApprovals;
    private final String version;

    private PolicyEngine(Builder builder) {
        this.analyzer = builder.analyzer;
        this.guards = List.copyOf(builder.guards);
        this.rules = List.copyOf(builder.rules);
        this.fallback = builder.fallback;
        this.toolApprovals = builder.toolApprovals;
        this.version = version(builder);
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
     * The engine a {@code policy} section describes (every connection name accepted).
     *
     * @param policy the {@code policy} node (may be missing: defaults apply)
     * @return engine
     */
    public static PolicyEngine create(Config policy) {
        return builder().config(policy).build();
    }

    /**
     * Decides a bound call.
     *
     * @param call the call
     * @return the decision
     */
    public Decision evaluate(BoundCall call) {
        PolicyInput input = new PolicyInput(call, analyze(call));
        List<Decision.Deny> denials = new ArrayList<>();
        for (Policy guard : guards) {
            safely(guard, input).ifPresent(d -> {
                if (d instanceof Decision.Deny deny) {
                    denials.add(deny);
                }
            });
        }
        if (!denials.isEmpty()) {
            return merge(denials);
        }
        Decision decided = null;
        for (Policy rule : rules) {
            Optional<Decision> d = safely(rule, input);
            if (d.isPresent()) {
                decided = d.get();
                break;
            }
        }
        if (decided == null) {
            decided = safely(fallback, input).orElseGet(() -> new Decision.Deny("default.deny", "no_policy",
                    "No policy covers this call, so it is denied.",
                    "Ask an operator to add a rule for tool '" + call.tool().name() + "'."));
        }
        return withToolApproval(decided, call);
    }

    /**
     * A tool whose runbook requires approval never runs on an Allow alone; policy may ask for more
     * than the runbook, never for less. Deny beats RequireApproval, which beats Allow.
     */
    private Decision withToolApproval(Decision decided, BoundCall call) {
        Optional<List<Decision.Stage>> required;
        try {
            required = toolApprovals.apply(call.tool());
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.ERROR, "Reading the approval requirement of tool " + call.tool().name()
                    + " failed; denying the call", e);
            return new Decision.Deny("guard.policy-error", "policy_error",
                    "A policy could not be evaluated, so the call is denied.",
                    "Retry later or ask an operator to check the gateway log.");
        }
        if (required.isEmpty()) {
            return decided;
        }
        List<Decision.Stage> runbookStages = required.get();
        return switch (decided) {
            case Decision.Deny deny -> deny;
            case Decision.RequireApproval approval -> {
                List<Decision.Stage> stages = new ArrayList<>(approval.stages());
                // a runbook stage that policy already asks for (same groups, as many approvals) adds nothing
                runbookStages.stream().filter(r -> stages.stream().noneMatch(s -> s.groups().equals(r.groups())
                        && s.approvals() >= r.approvals())).forEach(stages::add);
                yield new Decision.RequireApproval(approval.ruleId(), approval.reasonCode(), approval.message(), stages,
                        approval.ttl());
            }
            case Decision.Allow allow -> {
                Optional<RiskLevelPolicy.Approvers> approvers = fallback instanceof RiskLevelPolicy r
                        ? Optional.of(r.approvers(call.connection().name())) : Optional.empty();
                if (runbookStages.isEmpty() && approvers.isEmpty()) {
                    yield new Decision.Deny("runbook.approval", "no_approvers", "The runbook of tool '"
                            + call.tool().name() + "' requires approval, but no approver groups are configured.",
                            "Ask an operator to configure policy.approver-groups.");
                }
                yield new Decision.RequireApproval("runbook.approval", "runbook_requires_approval",
                        "The runbook of tool '" + call.tool().name() + "' requires approval before each call.",
                        runbookStages.isEmpty() ? List.of(new Decision.Stage("review", approvers.get().groups(), 1))
                                : runbookStages,
                        approvers.map(RiskLevelPolicy.Approvers::ttl).orElse(Duration.ofHours(1)));
            }
        };
    }

    /**
     * Analyzes the SQL of a bound call, if it is one, in its connection's dialect.
     *
     * @param call the call
     * @return the analysis for SQL calls
     */
    public Optional<SqlAnalysis> analyze(BoundCall call) {
        return switch (call.request()) {
            case BoundRequest.Sql sql -> Optional.of(analyzer.analyze(sql.sql(), SqlDialect.of(call.connection())));
            case BoundRequest.Http http -> Optional.empty();
            case BoundRequest.Logs logs -> Optional.empty();
        };
    }

    /**
     * A hash of the effective policy: it changes whenever a rule, an approver group, a risk-level
     * setting or a guard setting changes, and only then.
     *
     * @return hex SHA-256
     */
    public String policyVersion() {
        return version;
    }

    /**
     * The SQL analyzer.
     *
     * @return analyzer
     */
    public SqlAnalyzer analyzer() {
        return analyzer;
    }

    @Override
    public void close() {
        analyzer.close();
    }

    /** Several guards denied: the first names the rule, every reason is told. */
    private static Decision.Deny merge(List<Decision.Deny> denials) {
        if (denials.size() == 1) {
            return denials.getFirst();
        }
        Decision.Deny first = denials.getFirst();
        Set<String> messages = new LinkedHashSet<>();
        denials.forEach(d -> messages.add(d.message()));
        return new Decision.Deny(first.ruleId(), first.reasonCode(), String.join(" ", messages), first.allowed());
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

    private static String version(Builder b) {
        StringBuilder text = new StringBuilder("analyzer=").append(b.analyzer.canonical());
        for (Policy p : b.guards) {
            text.append("\nguard=").append(p.getClass().getName());
        }
        for (Policy p : b.rules) {
            text.append("\nrule=").append(p instanceof PolicyRule r ? r.canonical() : p.getClass().getName());
        }
        text.append("\nfallback=").append(b.fallback instanceof RiskLevelPolicy r ? r.canonical()
                : b.fallback.getClass().getName());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * Builder of {@link PolicyEngine}.
     */
    public static final class Builder {
        private SqlAnalyzer analyzer;
        private final List<Policy> guards = new ArrayList<>(List.of(new SqlGuard(), new HttpGuard(), new LogGuard()));
        private final List<Policy> rules = new ArrayList<>();
        private Policy fallback;
        private Set<String> knownConnections;
        private Function<ToolDefinition, Optional<List<Decision.Stage>>> toolApprovals = tool -> Optional.empty();

        private Builder() {
        }

        /**
         * Reads the {@code policy} section: approvers and risk-level settings, {@code rules} in
         * order, and {@code sql} analyzer settings. Unknown keys are errors.
         *
         * @param policy the {@code policy} node
         * @return this builder
         */
        public Builder config(Config policy) {
            if (policy.exists()) {
                PolicyConfig.checkKeys(policy, POLICY_KEYS);
            }
            RiskLevelPolicy risk = RiskLevelPolicy.create(policy);
            Set<String> defaults = Set.copyOf(policy.get("approver-groups").asList(String.class).orElse(List.of("approvers")));
            Duration ttl = PolicyConfig.duration(policy.get("approval-ttl"), Duration.ofHours(1));
            Set<String> ids = new HashSet<>();
            for (Config node : policy.get("rules").asNodeList().orElse(List.of())) {
                PolicyRule rule = PolicyRule.create(node, defaults, ttl);
                if (!ids.add(rule.id())) {
                    throw new IllegalArgumentException(PolicyConfig.path(node) + ".id: rule id '" + rule.id()
                            + "' is used twice; rule ids must be unique");
                }
                addRule(rule);
            }
            analyzer(SqlAnalyzer.create(policy.get("sql")));
            return fallback(risk);
        }

        /**
         * Names the configured connections: rules and approver settings that name another
         * connection are rejected at {@link #build()} (a typo would leave a connection unguarded).
         *
         * @param names connection names
         * @return this builder
         */
        public Builder knownConnections(Set<String> names) {
            this.knownConnections = Set.copyOf(names);
            return this;
        }

        /**
         * Says which tools require approval by their runbook, and by whom: present means
         * required, with the runbook's stages (empty for the configured approvers). A call such a
         * tool would make on an Allow needs approval instead; policy's own approval stages are kept
         * and the runbook's added; a denial stays a denial.
         *
         * @param requirement the runbook's requirement of a tool
         * @return this builder
         */
        public Builder toolApprovals(Function<ToolDefinition, Optional<List<Decision.Stage>>> requirement) {
            this.toolApprovals = Objects.requireNonNull(requirement, "requirement");
            return this;
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
         * Adds a hard guard (after the built-in SQL, HTTP and log guards).
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
         * @throws IllegalStateException without a fallback policy
         * @throws IllegalArgumentException when a rule names a connection that is not configured
         */
        public PolicyEngine build() {
            if (fallback == null) {
                throw new IllegalStateException("PolicyEngine needs a fallback policy (the risk-level policy)");
            }
            if (analyzer == null) {
                analyzer = new SqlAnalyzer();
            }
            if (knownConnections != null) {
                checkConnections();
            }
            return new PolicyEngine(this);
        }

        private void checkConnections() {
            Set<String> named = new TreeSet<>();
            for (Policy p : rules) {
                if (p instanceof PolicyRule r) {
                    r.match().connectionPatterns().stream().filter(c -> !c.contains("*") && !c.contains("?")).forEach(named::add);
                }
            }
            if (fallback instanceof RiskLevelPolicy r) {
                named.addAll(r.connectionsNamed());
            }
            named.removeAll(knownConnections);
            if (!named.isEmpty()) {
                throw new IllegalArgumentException("policy names connections that are not configured: " + named
                        + " (configured: " + new TreeSet<>(knownConnections) + ")");
            }
        }
    }
}
