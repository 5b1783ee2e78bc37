package io.mcpgateway.guardrails;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.FreeSqlTemplate;
import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.RiskLevel;
import io.mcpgateway.tools.SqlTemplate;
import io.mcpgateway.tools.ToolCall;
import io.mcpgateway.tools.ToolDefinition;

/**
 * Bound calls and configuration for guardrails tests: records make hand-written inputs trivial.
 */
final class TestCalls {

    private TestCalls() {
    }

    /** Configuration from YAML text. */
    static Config yaml(String text) {
        return Config.just(() -> ConfigSources.create(text, MediaTypes.APPLICATION_YAML));
    }

    static ConnectionDefinition connection(String name, RiskLevel risk) {
        return new ConnectionDefinition(name, "jdbc", "jdbc:h2:mem:" + name, "", "", risk, Map.of());
    }

    static ConnectionDefinition http(String name, RiskLevel risk) {
        return new ConnectionDefinition(name, "http", "https://api.example.com/v1", "", "", risk, Map.of());
    }

    /** Free-form SQL on a connection, by a caller with groups. */
    static BoundCall sql(ConnectionDefinition conn, String sql, String user, String... groups) {
        ToolDefinition tool = new ToolDefinition("sql_" + conn.name().replace('-', '_'), "Free-form SQL", conn.name(),
                Set.of(groups), Map.of(), new FreeSqlTemplate(), null, null, null, "");
        return PolicyTests.sqlCall(tool, conn, sql, new Identity(user, user.contains("@") ? user : "", Set.of(groups)));
    }

    /** A runbook tool call with bound values. */
    static BoundCall tool(String toolName, ConnectionDefinition conn, String sql, Map<String, Object> values,
                          String user, String... groups) {
        ToolDefinition tool = new ToolDefinition(toolName, "A runbook tool", conn.name(), Set.of(groups), Map.of(),
                SqlTemplate.parse(sql), null, null, null, "");
        ToolCall call = new ToolCall(toolName, values, new Identity(user, "", Set.of(groups)), "", "c1");
        return new BoundCall(call, tool, conn, new LinkedHashMap<>(values),
                new BoundRequest.Sql(SqlTemplate.parse(sql).jdbcSql(), List.copyOf(values.values())));
    }

    /** An HTTP request on an API connection. */
    static BoundCall httpCall(ConnectionDefinition conn, String method, String path, Map<String, String> headers,
                              String user, String... groups) {
        ToolDefinition tool = new ToolDefinition("api_call", "An API tool", conn.name(), Set.of(groups), Map.of(),
                SqlTemplate.parse("SELECT 1"), null, null, null, "");
        ToolCall call = new ToolCall("api_call", Map.of(), new Identity(user, "", Set.of(groups)), "", "c1");
        return new BoundCall(call, tool, conn, Map.of(), new BoundRequest.Http(method, path, Map.of(), headers, null));
    }

    /** A log read on a log connection. */
    static BoundCall logs(ConnectionDefinition conn, String op, String file, String pattern, boolean regex) {
        ToolDefinition tool = new ToolDefinition("read_logs", "A log tool", conn.name(), Set.of("sre"), Map.of(),
                SqlTemplate.parse("SELECT 1"), null, null, null, "");
        ToolCall call = new ToolCall("read_logs", Map.of(), new Identity("sam", "", Set.of("sre")), "", "c1");
        return new BoundCall(call, tool, conn, Map.of(),
                new BoundRequest.Logs(op, file, pattern, regex, Instant.EPOCH, null, 100));
    }
}
