package io.mcpgateway.guardrails;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.InvalidArgumentsException;
import io.mcpgateway.tools.Runbooks;
import io.mcpgateway.tools.ToolBinder;
import io.mcpgateway.tools.ToolCall;
import io.mcpgateway.tools.ToolDefinition;

/**
 * Policy tests: operators test their policy like code. Each YAML file in a folder holds cases,
 * an input and the decision expected for it; {@code gateway policy test DIR} runs them all.
 *
 * <pre>
 * cases:
 *   - name: support reads a customer
 *     connection: demo-readonly          # free-form SQL on a connection ...
 *     sql: SELECT id FROM customers WHERE id = 1
 *     user: alice@example.com
 *     groups: [support]
 *     expect: allow                      # allow | deny | approve | invalid | unknown-tool
 *   - name: refunds need two stages
 *     tool: update_order_status          # ... or a runbook tool with arguments
 *     arguments: { order_id: 7, status: refunded }
 *     groups: [support]
 *     expect: { action: approve, rule: refunds-need-two-stages, approvals: 2, reason-contains: refund }
 * </pre>
 * A tool the caller may not see yields {@code unknown-tool}; arguments that do not fit the
 * tool's parameters yield {@code invalid}; nothing is ever executed.
 */
public final class PolicyTests {

    private static final Set<String> CASE_KEYS = Set.of("name", "connection", "sql", "tool", "arguments", "user",
            "groups", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("action", "rule", "approvals", "reason-contains");
    private static final Set<String> ACTIONS = Set.of("allow", "deny", "approve", "invalid", "unknown-tool");

    private final PolicyEngine engine;
    private final Map<String, ConnectionDefinition> connections;
    private final Runbooks runbooks;
    private final Function<ConnectionDefinition, ToolDefinition> sqlTool;
    private final YAMLMapper yaml = YAMLMapper.builder().build();

    /**
     * Creates a runner.
     *
     * @param engine      the policy under test
     * @param connections configured connections by name
     * @param runbooks    loaded runbook tools
     * @param sqlTool     the free-form SQL tool that judges SQL written for a connection
     */
    public PolicyTests(PolicyEngine engine, Map<String, ConnectionDefinition> connections, Runbooks runbooks,
                       Function<ConnectionDefinition, ToolDefinition> sqlTool) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.connections = Map.copyOf(connections);
        this.runbooks = Objects.requireNonNull(runbooks, "runbooks");
        this.sqlTool = Objects.requireNonNull(sqlTool, "sqlTool");
    }

    /**
     * Loads every {@code .yaml}/{@code .yml} file of a folder (or one file), in name order.
     *
     * @param path folder or file
     * @return the cases
     * @throws IllegalArgumentException listing every problem as {@code file:line: message}
     */
    public List<Case> load(Path path) {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> list = Files.list(path)) {
                files = list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
            } catch (IOException e) {
                throw new IllegalArgumentException(path + ": cannot list the folder (" + e.getMessage() + ")");
            }
        } else if (Files.isRegularFile(path)) {
            files = List.of(path);
        } else {
            throw new IllegalArgumentException(path + ": no such file or folder");
        }
        List<Case> cases = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            loadFile(file, cases, problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return cases;
    }

    /**
     * Runs one case.
     *
     * @param c the case
     * @return its result
     */
    public Result run(Case c) {
        Identity who = new Identity(c.user(), "", c.groups());
        Decision decision;
        if (c.tool() != null) {
            Optional<ToolDefinition> tool = runbooks.find(c.tool()).filter(t -> t.visibleTo(who));
            if (tool.isEmpty()) {
                return check(c, "unknown-tool", "", "No tool '" + c.tool() + "' is visible to this caller.", 0);
            }
            ConnectionDefinition conn = connections.get(tool.get().connection());
            if (conn == null) {
                return check(c, "invalid", "", "Tool '" + c.tool() + "' uses connection '" + tool.get().connection()
                        + "', which is not configured.", 0);
            }
            try {
                decision = engine.evaluate(ToolBinder.bind(new ToolCall(c.tool(), c.arguments(), who, "", "policy-test"),
                        tool.get(), conn));
            } catch (InvalidArgumentsException e) {
                return check(c, "invalid", e.reasonCode(), e.getMessage(), 0);
            }
        } else {
            ConnectionDefinition conn = connections.get(c.connection());
            if (conn == null) {
                return check(c, "invalid", "", "Connection '" + c.connection() + "' is not configured.", 0);
            }
            decision = engine.evaluate(sqlCall(sqlTool.apply(conn), conn, c.sql(), who));
        }
        int approvals = decision instanceof Decision.RequireApproval r
                ? r.stages().stream().mapToInt(Decision.Stage::approvals).sum() : 0;
        return check(c, decision.action(), decision.ruleId(), reason(decision), approvals);
    }

    /**
     * The bound call of a SQL statement sent to a connection's free-form SQL tool (as
     * {@code policy explain} and SQL test cases judge it).
     *
     * @param tool       the free-form SQL tool of the connection
     * @param connection the connection
     * @param sql        the statement
     * @param caller     the caller
     * @return the bound call
     */
    public static BoundCall sqlCall(ToolDefinition tool, ConnectionDefinition connection, String sql, Identity caller) {
        Map<String, Object> values = Map.of("sql", sql);
        ToolCall call = new ToolCall(tool.name(), values, caller, "", "policy-explain");
        return new BoundCall(call, tool, connection, values, new BoundRequest.Sql(sql, List.of()));
    }

    /**
     * The text a decision gives the model: the reason, and for a denial what would be allowed.
     *
     * @param d decision
     * @return text
     */
    public static String reason(Decision d) {
        return d instanceof Decision.Deny deny ? deny.explanation() : d.message();
    }

    private static Result check(Case c, String action, String rule, String reason, int approvals) {
        List<String> problems = new ArrayList<>();
        Expectation e = c.expect();
        if (!e.action().equals(action)) {
            problems.add("expected action " + e.action() + ", got " + action);
        }
        if (e.rule() != null && !e.rule().equals(rule)) {
            problems.add("expected rule " + e.rule() + ", got " + (rule.isEmpty() ? "none" : rule));
        }
        if (e.approvals() != null && e.approvals() != approvals) {
            problems.add("expected " + e.approvals() + " approvals, got " + approvals);
        }
        if (e.reasonContains() != null && !reason.toLowerCase(Locale.ROOT).contains(e.reasonContains().toLowerCase(Locale.ROOT))) {
            problems.add("expected the reason to mention '" + e.reasonContains() + "'");
        }
        return new Result(c, action, rule, reason, problems);
    }

    private void loadFile(Path file, List<Case> cases, List<String> problems) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            problems.add(file + ":1: cannot read (" + e.getMessage() + ")");
            return;
        }
        try (JsonParser parser = yaml.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return;
            }
            if (first == JsonToken.START_OBJECT) {
                JsonToken t = parser.nextToken();
                if (t != JsonToken.PROPERTY_NAME || !parser.currentName().equals("cases")
                        || parser.nextToken() != JsonToken.START_ARRAY) {
                    problems.add(file + ":" + parser.currentTokenLocation().getLineNr() + ": expected a top-level 'cases:' list");
                    return;
                }
            } else if (first != JsonToken.START_ARRAY) {
                problems.add(file + ":1: expected a list of cases");
                return;
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                String where = file + ":" + parser.currentTokenLocation().getLineNr();
                JsonNode node = parser.readValueAsTree();
                try {
                    cases.add(caseOf(node, where));
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": " + e.getMessage());
                }
            }
        } catch (JacksonException e) {
            problems.add(file + ":" + (e.getLocation() == null ? 1 : e.getLocation().getLineNr()) + ": not valid YAML ("
                    + e.getOriginalMessage() + ")");
        }
    }

    private static Case caseOf(JsonNode node, String where) {
        for (String key : node.propertyNames()) {
            if (!CASE_KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "'; known keys: " + new TreeSet<>(CASE_KEYS));
            }
        }
        String name = node.path("name").asString("");
        String tool = node.has("tool") ? node.get("tool").asString() : null;
        String connection = node.has("connection") ? node.get("connection").asString() : null;
        String sql = node.has("sql") ? node.get("sql").asString() : null;
        if ((tool == null) == (connection == null) || (connection != null) != (sql != null)) {
            throw new IllegalArgumentException("a case names either a tool (with arguments) or a connection with sql");
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> a : node.path("arguments").properties()) {
            arguments.put(a.getKey(), scalar(a.getValue()));
        }
        Set<String> groups = new LinkedHashSet<>();
        node.path("groups").forEach(g -> groups.add(g.asString()));
        String user = node.path("user").asString("policy-test");
        return new Case(where, name.isEmpty() ? where : name, connection, sql, tool, arguments,
                user.isBlank() ? "policy-test" : user, groups, expectation(node.path("expect")));
    }

    private static Expectation expectation(JsonNode e) {
        if (e.isString()) {
            return new Expectation(action(e.asString()), null, null, null);
        }
        if (!e.isObject() || !e.has("action")) {
            throw new IllegalArgumentException("'expect' must be an action or a mapping with 'action'");
        }
        for (String key : e.propertyNames()) {
            if (!EXPECT_KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key 'expect." + key + "'; known keys: " + new TreeSet<>(EXPECT_KEYS));
            }
        }
        return new Expectation(action(e.get("action").asString()),
                e.has("rule") ? e.get("rule").asString() : null,
                e.has("approvals") ? e.get("approvals").asInt() : null,
                e.has("reason-contains") ? e.get("reason-contains").asString() : null);
    }

    private static String action(String value) {
        String a = value.trim().toLowerCase(Locale.ROOT);
        if (a.equals("require-approval")) {
            return "approve";
        }
        if (!ACTIONS.contains(a)) {
            throw new IllegalArgumentException("unknown expected action '" + value + "'; use allow, deny, approve, "
                    + "invalid or unknown-tool");
        }
        return a;
    }

    private static Object scalar(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v.isNull() ? null : v.asString();
    }

    /**
     * One test case.
     *
     * @param source     {@code file:line}
     * @param name       name (or the source)
     * @param connection connection, for SQL cases
     * @param sql        statement, for SQL cases
     * @param tool       tool, for tool cases
     * @param arguments  arguments, for tool cases
     * @param user       caller
     * @param groups     caller's groups
     * @param expect     expected decision
     */
    public record Case(String source, String name, String connection, String sql, String tool,
                       Map<String, Object> arguments, String user, Set<String> groups, Expectation expect) {
        /**
         * Copies the collections.
         *
         * @param source     source
         * @param name       name
         * @param connection connection
         * @param sql        sql
         * @param tool       tool
         * @param arguments  arguments
         * @param user       user
         * @param groups     groups
         * @param expect     expectation
         */
        public Case {
            arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
            groups = Set.copyOf(groups);
        }
    }

    /**
     * An expected decision; {@code null} fields are not checked.
     *
     * @param action         allow | deny | approve | invalid | unknown-tool
     * @param rule           deciding rule id
     * @param approvals      approvals needed in all stages
     * @param reasonContains a phrase the reason must contain (case-insensitive)
     */
    public record Expectation(String action, String rule, Integer approvals, String reasonContains) {
    }

    /**
     * The outcome of one case.
     *
     * @param testCase the case
     * @param action   the action reached
     * @param rule     the deciding rule, or empty
     * @param reason   the reason given
     * @param problems differences from the expectation; empty when it passed
     */
    public record Result(Case testCase, String action, String rule, String reason, List<String> problems) {
        /**
         * Copies the list.
         *
         * @param testCase case
         * @param action   action
         * @param rule     rule
         * @param reason   reason
         * @param problems problems
         */
        public Result {
            problems = List.copyOf(problems);
        }

        /**
         * Whether the decision met the expectation.
         *
         * @return true when passed
         */
        public boolean passed() {
            return problems.isEmpty();
        }
    }
}
