/**
 * The gateway server: Helidon SE hosting, the MCP Streamable HTTP transport, authentication,
 * the tool-call pipeline, configuration and the {@code gateway} command line.
 */
package io.mcpgateway.server;
