package io.mcpgateway.tools;

import java.util.Map;

/**
 * Binds a call's arguments into its tool's template, producing the exact request that would
 * run. The shape always comes from the runbook; values only fill the places it leaves open (JDBC
 * binds, listed identifier choices, encoded URL segments, JSON values, quoted search text).
 */
public final class ToolBinder {

    private ToolBinder() {
    }

    /**
     * Validates the arguments (filling identity-bound parameters from the caller) and binds them.
     *
     * @param call       the call, with its verified identity
     * @param tool       the tool it names
     * @param connection the tool's connection
     * @return the bound call
     * @throws InvalidArgumentsException when arguments do not fit the parameters
     */
    public static BoundCall bind(ToolCall call, ToolDefinition tool, ConnectionDefinition connection) {
        Map<String, Object> values = ArgumentValidator.validate(tool, call.arguments(), call.identity());
        BoundRequest request = switch (tool.template()) {
            case SqlTemplate sql -> sql.bind(values, tool.parameters());
            case FreeSqlTemplate free -> new BoundRequest.Sql((String) values.get(FreeSqlTemplate.PARAMETER),
                    java.util.List.of());
            case HttpTemplate http -> http.bind(values);
            case LogsTemplate logs -> logs.bind(values);
        };
        return new BoundCall(call, tool, connection, values, request);
    }
}
