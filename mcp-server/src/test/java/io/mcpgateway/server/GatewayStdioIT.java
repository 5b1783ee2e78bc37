package io.mcpgateway.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code gateway stdio} as a real child process (the packaged jar), driven by the SDK's stdio
 * client: the mode Claude Code uses for a single local user.
 */
@Timeout(120)
class GatewayStdioIT {

    @Test
    void stdioServesTheCallersToolsWithMaskedResults() {
        try (DemoFixture fixture = DemoFixture.create()) {
            String token;
            try (Gateway g = fixture.gateway()) {
                token = g.issuer().mint("alice@example.com", "alice@example.com", Set.of("support"),
                        Duration.ofMinutes(5));
            }
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ServerParameters params = ServerParameters.builder(java.toString())
                    .args("-jar", Path.of("target", "mcp-gateway.jar").toAbsolutePath().toString(), "stdio",
                            "--config", fixture.configFile().toString(), "--data-dir", fixture.dataDir().toString())
                    .env(Map.of("MCP_GATEWAY_TOKEN", token))
                    .build();
            StdioClientTransport transport = new StdioClientTransport(params,
                    new JacksonMcpJsonMapper(JsonMapper.builder().build()));
            try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
                client.initialize();
                List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).sorted().toList();
                assertTrue(names.contains("find_customer_by_email"));
                assertFalse(names.contains("read_app_settings"), "engineering-only tool hidden from support");
                McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("get_customer_profile",
                        Map.of("customer_id", 1)));
                assertFalse(r.isError());
                @SuppressWarnings("unchecked")
                List<List<Object>> rows = (List<List<Object>>) ((Map<String, Object>) r.structuredContent()).get("rows");
                assertTrue(rows.get(0).get(2).toString().matches("<EMAIL_\\d+>"), rows.toString());
                assertTrue(rows.get(0).get(6).toString().matches("<CARD_NUMBER_\\d+>"), rows.toString());
            }
        }
    }
}
