package io.mcpgateway.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.mcpgateway.guardrails.PolicyEngine;
import io.mcpgateway.guardrails.PolicyTests;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.Runbooks;

/**
 * {@code gateway policy explain}: the decision policy would reach for a statement on a
 * connection, without executing anything; {@code gateway policy test DIR}: runs YAML test cases
 * (input and expected decision) so that operators test their policy like code.
 *
 * <p>A statement is judged as the connection's free-form SQL tool would receive it, so rules
 * written for that tool ({@code sql_<connection>}) apply to it.
 */
@Command(name = "policy", description = "Explain and test policy decisions.",
        subcommands = {PolicyCommand.Explain.class, PolicyCommand.Test.class})
final class PolicyCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The explain subcommand. */
    @Command(name = "explain", description = "Print the decision for SQL on a connection without executing it.")
    static final class Explain implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Option(names = "--connection", description = "Connection name")
        String connection;
        @Option(names = "--sql", description = "The statement")
        String sql;
        @Option(names = "--user", defaultValue = "policy-explain", description = "Caller subject")
        String user;
        @Option(names = "--groups", split = ",", description = "Caller groups, comma-separated")
        List<String> groups = List.of();
        @Option(names = "--json", description = "Print one JSON object")
        boolean json;
        @Option(names = "--jsonl", description = "Read {\"connection\",\"sql\",\"user\",\"groups\"} objects from "
                + "stdin, one per line; write one decision per line, in order")
        boolean jsonl;
        @Spec
        CommandLine.Model.CommandSpec spec;

        private final JsonMapper mapper = JsonMapper.builder().build();

        @Override
        public Integer call() throws IOException {
            GatewayConfig config = options.load();
            FreeSqlTools freeSql = FreeSqlTools.create(config);
            try (PolicyEngine policy = Gateway.policyEngine(config)) {
                PrintWriter out = spec.commandLine().getOut();
                if (jsonl) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    int lineNo = 0;
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lineNo++;
                        if (line.isBlank()) {
                            continue;
                        }
                        out.println(mapper.writeValueAsString(explainLine(config, freeSql, policy, line, lineNo)));
                        out.flush();
                    }
                    return 0;
                }
                if (connection == null || sql == null) {
                    spec.commandLine().getErr().println("error: --connection and --sql are required (or use --jsonl)");
                    return 2;
                }
                ConnectionDefinition conn = config.connections().get(connection);
                if (conn == null) {
                    spec.commandLine().getErr().println("error: unknown connection '" + connection + "' (configured: "
                            + String.join(", ", config.connections().keySet()) + ")");
                    return 2;
                }
                Decision d = explain(policy, freeSql, conn, sql, user, new LinkedHashSet<>(groups));
                if (json) {
                    out.println(mapper.writeValueAsString(toJson(d)));
                } else {
                    out.println("action: " + d.action());
                    out.println("rule:   " + d.ruleId());
                    out.println("reason: " + PolicyTests.reason(d));
                    if (d instanceof Decision.RequireApproval r) {
                        r.stages().forEach(s -> out.println("stage:  " + s.name() + ": " + s.approvals() + " of "
                                + String.join(", ", new java.util.TreeSet<>(s.groups()))));
                    }
                }
                return 0;
            }
        }

        private Map<String, Object> explainLine(GatewayConfig config, FreeSqlTools freeSql, PolicyEngine policy,
                                                String line, int lineNo) {
            try {
                JsonNode n = mapper.readTree(line);
                if (!n.isObject()) {
                    return invalid(lineNo, "not a JSON object");
                }
                String connName = n.path("connection").asString("");
                ConnectionDefinition conn = config.connections().get(connName);
                if (conn == null) {
                    return invalid(lineNo, "unknown connection '" + connName + "'");
                }
                if (!n.path("sql").isString()) {
                    return invalid(lineNo, "'sql' must be a string");
                }
                Set<String> g = new LinkedHashSet<>();
                JsonNode groupsNode = n.path("groups");
                if (groupsNode.isString()) {
                    g.addAll(List.of(groupsNode.asString().split(",")));
                } else {
                    groupsNode.forEach(x -> g.add(x.asString()));
                }
                g.removeIf(String::isBlank);
                String u = n.path("user").asString("");
                return toJson(explain(policy, freeSql, conn, n.path("sql").asString(), u.isBlank() ? "policy-explain" : u, g));
            } catch (JacksonException e) {
                return invalid(lineNo, "not a JSON object");
            }
        }

        private static Map<String, Object> invalid(int lineNo, String problem) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action", "deny");
            m.put("rule", "explain.invalid-input");
            m.put("reason", "Line " + lineNo + ": " + problem + "; nothing was evaluated.");
            return m;
        }

        private static Map<String, Object> toJson(Decision d) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action", d.action());
            m.put("rule", d.ruleId());
            m.put("reason", PolicyTests.reason(d));
            m.put("reasonCode", d.reasonCode());
            if (d instanceof Decision.RequireApproval r) {
                m.put("approvals", r.stages().stream().mapToInt(Decision.Stage::approvals).sum());
                m.put("stages", r.stages().stream().map(s -> Map.of("name", s.name(),
                        "groups", new java.util.TreeSet<>(s.groups()), "approvals", s.approvals())).toList());
            }
            return m;
        }
    }

    /** The test subcommand. */
    @Command(name = "test", description = "Run the policy test cases in DIR (YAML: input and expected decision).")
    static final class Test implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Parameters(paramLabel = "DIR", description = "Folder (or file) of YAML test cases")
        Path dir;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            GatewayConfig config = options.load();
            FreeSqlTools freeSql = FreeSqlTools.create(config);
            Runbooks runbooks = freeSql.addTo(Gateway.runbookLoader(config.connections(), null, false)
                    .load(config.toolsDir()));
            PrintWriter out = spec.commandLine().getOut();
            try (PolicyEngine policy = Gateway.policyEngine(config)) {
                PolicyTests tests = new PolicyTests(policy, config.connections(), runbooks,
                        conn -> freeSql.judgedAs(conn, Set.of()));
                List<PolicyTests.Case> cases = tests.load(dir);
                int failed = 0;
                for (PolicyTests.Case c : cases) {
                    PolicyTests.Result r = tests.run(c);
                    if (r.passed()) {
                        out.println("PASS " + c.name());
                    } else {
                        failed++;
                        out.println("FAIL " + c.name() + " (" + c.source() + "): " + String.join("; ", r.problems()));
                        out.println("     got " + r.action() + (r.rule().isEmpty() ? "" : " by " + r.rule()) + ": " + r.reason());
                    }
                }
                out.println(cases.size() + " case(s), " + (cases.size() - failed) + " passed, " + failed + " failed");
                return failed == 0 ? 0 : 1;
            }
        }
    }

    /**
     * Decides a statement as the connection's free-form SQL tool would receive it.
     *
     * @param policy     policy engine
     * @param freeSql    the configured free-form SQL tools
     * @param connection connection
     * @param sql        statement
     * @param user       caller
     * @param groups     caller groups
     * @return the decision
     */
    static Decision explain(PolicyEngine policy, FreeSqlTools freeSql, ConnectionDefinition connection, String sql,
                            String user, Set<String> groups) {
        Identity identity = new Identity(user, "", groups);
        return policy.evaluate(PolicyTests.sqlCall(freeSql.judgedAs(connection, groups), connection, sql, identity));
    }
}
