package io.mcpgateway.connectors;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.ToolResult;

/**
 * Executes bound calls on one connection.
 */
public interface Connector extends AutoCloseable {

    /**
     * Runs a bound call. Failures are reported as {@link io.mcpgateway.tools.GatewayException}
     * with client-safe messages; driver details go to the server log only.
     *
     * @param call    the bound call, already allowed by policy
     * @param context who it runs for
     * @return the raw (unmasked) result
     */
    ToolResult execute(BoundCall call, ExecutionContext context);

    /**
     * Releases pools and clients.
     */
    @Override
    void close();
}
