/**
 * Runbook tools: the YAML template model operators write, its loader and linter, parameter
 * validation and binding, the JSON Schema published as MCP {@code inputSchema}, and the call
 * types every pipeline stage shares ({@link io.mcpgateway.tools.Identity},
 * {@link io.mcpgateway.tools.ToolCall}, {@link io.mcpgateway.tools.BoundCall},
 * {@link io.mcpgateway.tools.Decision}).
 */
package io.mcpgateway.tools;
