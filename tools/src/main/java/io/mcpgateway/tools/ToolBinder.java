package io.mcpgateway.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binds a call's arguments into its tool's template, producing the exact request that would
 * run. Values only ever become JDBC parameters; the statement text comes from the runbook.
 */
public final class ToolBinder {

    private ToolBinder() {
    }

    /**
     * Validates the arguments and binds them.
     *
     * @param call       the call
     * @param tool       the tool it names
     * @param connection the tool's connection
     * @return the bound call
     * @throws InvalidArgumentsException when arguments do not fit the parameters
     */
    public static BoundCall bind(ToolCall call, ToolDefinition tool, ConnectionDefinition connection) {
        Map<String, Object> values = ArgumentValidator.validate(tool, call.arguments());
        BoundRequest request = switch (tool.template()) {
            case SqlTemplate sql -> {
                List<Object> binds = new ArrayList<>(sql.bindNames().size());
                for (String name : sql.bindNames()) {
                    binds.add(values.get(name));
                }
                yield new BoundRequest.Sql(sql.jdbcSql(), binds);
            }
            case FreeSqlTemplate free -> new BoundRequest.Sql((String) values.get(FreeSqlTemplate.PARAMETER), List.of());
        };
        return new BoundCall(call, tool, connection, values, request);
    }
}
