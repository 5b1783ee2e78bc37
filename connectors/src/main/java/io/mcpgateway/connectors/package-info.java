/**
 * Connectors: execute a {@link io.mcpgateway.tools.BoundCall} against the system it targets,
 * with credentials only the server holds.
 */
package io.mcpgateway.connectors;
