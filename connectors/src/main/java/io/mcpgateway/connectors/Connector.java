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
     * Fetches the connection's credential ahead of the first call and registers it, and every
     * value derived from it, for scrubbing: the masking stage must know them before a first result,
     * error or audit row could carry one. Failing is not fatal; the credential is fetched again at
     * first use.
     *
     * @throws io.mcpgateway.tools.GatewayException when the credential is not available yet
     */
    default void prepareCredential() {
    }

    /**
     * Releases pools and clients.
     */
    @Override
    void close();
}
