package io.mcpgateway.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
import picocli.CommandLine.Spec;

import io.mcpgateway.guardrails.PolicyEngine;
import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.SqlTemplate;
import io.mcpgateway.tools.ToolCall;
import io.mcpgateway.tools.ToolDefinition;

/**
 * {@code gateway policy explain}: the decision policy would reach for a statement on a
 * connection, without executing anything.
 */
@Command(name = "policy", description = "Explain and test policy decisions.", subcommands = PolicyCommand.Explain.class)
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
            PolicyEngine policy = Gateway.policyEngine(config);
            PrintWriter out = spec.commandLine().getOut();
            if (jsonl) {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                int lineNo = 0;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    out.println(mapper.writeValueAsString(explainLine(config, policy, line, lineNo)));
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
            Decision d = explain(policy, conn, sql, user, new LinkedHashSet<>(groups));
            if (json) {
                out.println(mapper.writeValueAsString(toJson(d)));
            } else {
                out.println("action: " + d.action());
                out.println("rule:   " + d.ruleId());
                out.println("reason: " + reason(d));
            }
            return 0;
        }

        private Map<String, Object> explainLine(GatewayConfig config, PolicyEngine policy, String line, int lineNo) {
            try {
                JsonNode n = mapper.readTree(line);
                String connName = n.path("connection").asString("");
                ConnectionDefinition conn = config.connections().get(connName);
                if (conn == null) {
                    return invalid(lineNo, "unknown connection '" + connName + "'");
                }
                if (!n.path("sql").isString()) {
                    return invalid(lineNo, "'sql' must be a string");
                }
                Set<String> g = new LinkedHashSet<>();
                n.path("groups").forEach(x -> g.add(x.asString()));
                String u = n.path("user").asString("");
                return toJson(explain(policy, conn, n.path("sql").asString(), u.isBlank() ? "policy-explain" : u, g));
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
            m.put("reason", reason(d));
            m.put("reasonCode", d.reasonCode());
            if (d instanceof Decision.RequireApproval r) {
                m.put("approvals", r.stages().stream().mapToInt(Decision.Stage::approvals).sum());
            }
            return m;
        }

        private static String reason(Decision d) {
            return d instanceof Decision.Deny deny ? deny.explanation() : d.message();
        }
    }

    /**
     * Decides a statement as if a free-form SQL tool on the connection had received it.
     *
     * @param policy     policy engine
     * @param connection connection
     * @param sql        statement
     * @param user       caller
     * @param groups     caller groups
     * @return the decision
     */
    static Decision explain(PolicyEngine policy, ConnectionDefinition connection, String sql, String user,
                            Set<String> groups) {
        Identity identity = new Identity(user, "", groups);
        ToolDefinition tool = new ToolDefinition("policy_explain", "Statement under explanation", connection.name(),
                groups, Map.of(), new SqlTemplate(sql, sql, List.of()), null, null, null, "policy explain");
        ToolCall call = new ToolCall(tool.name(), Map.of(), identity, "", "explain");
        return policy.evaluate(new BoundCall(call, tool, connection, Map.of(), new BoundRequest.Sql(sql, List.of())));
    }
}
