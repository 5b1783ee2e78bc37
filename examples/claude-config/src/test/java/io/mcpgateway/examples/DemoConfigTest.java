package io.mcpgateway.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.mcpgateway.server.GatewayCli;
import io.mcpgateway.server.GatewayConfig;
import io.mcpgateway.tools.RiskLevel;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The checked-in demo configuration and Claude Code configs stay valid.
 */
class DemoConfigTest {

    private static final Path HERE = Path.of("").toAbsolutePath();

    @Test
    void demoConfigDefinesTheThreeRiskSegmentedConnections() {
        GatewayConfig config = GatewayConfig.load(HERE.resolve("gateway.yaml"), HERE.resolve("target/data"));
        assertEquals(Map.of("demo-readonly", RiskLevel.READ_ONLY, "demo-write", RiskLevel.WRITE,
                        "demo-admin", RiskLevel.ADMIN),
                Map.of("demo-readonly", config.connections().get("demo-readonly").risk(),
                        "demo-write", config.connections().get("demo-write").risk(),
                        "demo-admin", config.connections().get("demo-admin").risk()));
        assertEquals("127.0.0.1", config.server().host());
    }

    @Test
    void sampleRunbooksLintClean() {
        assertEquals(0, GatewayCli.run("runbooks", "lint", HERE.resolve("runbooks").toString()));
    }

    @Test
    void claudeCodeConfigsUseTheTokenFromTheEnvironment() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode http = json.readTree(HERE.resolve(".mcp.json").toFile()).path("mcpServers").path("mcp-gateway");
        assertEquals("http", http.path("type").asString());
        assertEquals("Bearer ${MCP_GATEWAY_TOKEN}", http.path("headers").path("Authorization").asString());
        JsonNode stdio = json.readTree(HERE.resolve("mcp-stdio.json").toFile()).path("mcpServers").path("mcp-gateway");
        assertEquals(List.of("stdio", "--data-dir", "${MCP_GATEWAY_HOME}/data"),
                json.convertValue(stdio.path("args"), List.class));
        assertEquals("${MCP_GATEWAY_TOKEN}", stdio.path("env").path("MCP_GATEWAY_TOKEN").asString());
    }
}
