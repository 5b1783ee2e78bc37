package io.mcpgateway.connectors;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.Limits;
import io.mcpgateway.tools.SqlTemplate;
import io.mcpgateway.tools.ToolCall;
import io.mcpgateway.tools.ToolDefinition;

/**
 * Bound calls built directly, as the binder would produce them. Connectors only read the bound
 * request, the tool's name and limits, so the template is a placeholder.
 */
final class TestCalls {

    static final ExecutionContext CONTEXT = new ExecutionContext("alice@example.com", "evt-42");

    private TestCalls() {
    }

    static BoundCall call(ConnectionDefinition connection, BoundRequest request, Limits limits) {
        ToolDefinition tool = new ToolDefinition("test_tool", "A test tool.", connection.name(), Set.of("g"), Map.of(),
                new SqlTemplate("SELECT 1", "SELECT 1", List.of()), limits, null, null, "");
        ToolCall call = new ToolCall(tool.name(), Map.of(), new Identity("alice@example.com", "", Set.of("g")), "", "corr");
        return new BoundCall(call, tool, connection, Map.of(), request);
    }

    static BoundCall call(ConnectionDefinition connection, BoundRequest request) {
        return call(connection, request, new Limits(200, 256 * 1024, Duration.ofSeconds(10)));
    }

    static BoundRequest.Http get(String path) {
        return new BoundRequest.Http("GET", path, Map.of(), Map.of(), null);
    }
}
