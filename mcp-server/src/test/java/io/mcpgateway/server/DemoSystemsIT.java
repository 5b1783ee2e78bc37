package io.mcpgateway.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.masking.MaskingEngine;
import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.Limits;
import io.mcpgateway.tools.SqlTemplate;
import io.mcpgateway.tools.ToolCall;
import io.mcpgateway.tools.ToolDefinition;
import io.mcpgateway.tools.ToolResult;
import io.mcpgateway.connectors.ExecutionContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The systems the demo's http and logs tools reach: its status API (started on loopback with a key
 * only the gateway holds) and its log files, read through the demo configuration's own connections
 * and masked by the masking stage.
 */
@Timeout(60)
class DemoSystemsIT {

    private static BoundCall call(ConnectionDefinition connection, BoundRequest request) {
        // connectors read only the request, the tool's name and its limits
        ToolDefinition tool = new ToolDefinition("demo_tool", "A demo tool.", connection.name(), Set.of("support"),
                Map.of(), new SqlTemplate("SELECT 1", "SELECT 1", List.of()),
                new Limits(100, 64 * 1024, Duration.ofSeconds(10)), null, null, "");
        ToolCall c = new ToolCall(tool.name(), Map.of(), new Identity("alice@example.com", "", Set.of("support")), "", "c");
        return new BoundCall(c, tool, connection, Map.of(), request);
    }

    @Test
    void statusApiAnswersTheGatewayOnlyAndItsDataLeavesMasked() throws Exception {
        try (DemoFixture fixture = DemoFixture.create()) {
            GatewayConfig config = fixture.config();
            try (DemoStatusApi api = DemoStatusApi.start(config).orElseThrow();
                 Gateway gateway = fixture.gateway()) {
                HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + api.port() + "/api/status")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(401, anonymous.statusCode());

                ConnectionDefinition conn = config.connections().get("status-api");
                ToolResult raw = gateway.connectors().connector("status-api").execute(call(conn,
                        new BoundRequest.Http("GET", "/customers/2", Map.of(), Map.of(), null)),
                        new ExecutionContext("alice@example.com", "evt-1"));
                ToolResult.Json json = assertInstanceOf(ToolResult.Json.class, raw);
                ResultMasker masker = new ResultMasker(MaskingEngine.create());
                ToolResult.Json masked = (ToolResult.Json) masker.mask(json, "default",
                        gateway.connectors().secrets().liveSecrets(), "").result();
                assertEquals("[EMAIL]", masked.body().get("email").asString());
                assertEquals("[CARD_NUMBER]", masked.body().get("card").asString());
                String key = Files.readString(Path.of(conn.credentialRef().substring(5))).strip();
                assertEquals(Set.of(key), Set.copyOf(gateway.connectors().secrets().liveSecrets().stream()
                        .filter(key::equals).toList()));

                ToolResult page = gateway.connectors().connector("status-api").execute(call(conn,
                        new BoundRequest.Http("GET", "/incidents/current", Map.of(), Map.of(), null)),
                        new ExecutionContext("alice@example.com", "evt-2"));
                assertEquals("text/html", assertInstanceOf(ToolResult.Binary.class, page).contentType());
            }
        }
    }

    @Test
    void logFilesAreRotatedGzippedAndFullOfThingsToMask() {
        try (DemoFixture fixture = DemoFixture.create()) {
            GatewayConfig config = fixture.config();
            Path dir = DemoLogFiles.write(config, Clock.systemUTC()).orElseThrow();
            assertEquals(List.of("app.log", "app.log.1", "app.log.2.gz"),
                    List.of(dir.toFile().list()).stream().sorted().toList());
            try (Gateway gateway = fixture.gateway()) {
                ConnectionDefinition conn = config.connections().get("app-logs");
                ToolResult.LogLines lines = assertInstanceOf(ToolResult.LogLines.class,
                        gateway.connectors().connector("app-logs").execute(call(conn,
                                new BoundRequest.Logs("search", "app.log", "login ok", false, null, null, 10)),
                                new ExecutionContext("alice@example.com", "evt-3")));
                assertEquals(List.of("app.log.2.gz", "app.log.2.gz"), lines.lines().stream()
                        .map(ToolResult.LogLine::file).toList());
                ToolResult.LogLines masked = (ToolResult.LogLines) new ResultMasker(MaskingEngine.create())
                        .mask(lines, "default", Set.of(), "").result();
                assertEquals(" INFO  [http-7] shop.Auth - login ok user=[EMAIL] ip=[IP_ADDRESS]",
                        masked.lines().getFirst().text().substring(20));
            }
        }
    }
}
