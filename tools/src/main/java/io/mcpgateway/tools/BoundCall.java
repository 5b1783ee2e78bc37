package io.mcpgateway.tools;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A call whose arguments were validated and bound into the tool's template: exactly what would
 * run. Policy judges it, reviewers see it, connectors execute it.
 *
 * @param call       the original call
 * @param tool       the tool definition
 * @param connection the connection it runs on
 * @param values     validated values by parameter name
 * @param request    the bound request
 */
public record BoundCall(ToolCall call,
                        ToolDefinition tool,
                        ConnectionDefinition connection,
                        Map<String, Object> values,
                        BoundRequest request) {

    /**
     * Validates fields.
     *
     * @param call       call
     * @param tool       tool
     * @param connection connection
     * @param values     values
     * @param request    request
     */
    public BoundCall {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(connection, "connection");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Objects.requireNonNull(request, "request");
    }
}
