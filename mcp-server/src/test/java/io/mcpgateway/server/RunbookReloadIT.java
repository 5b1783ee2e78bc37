package io.mcpgateway.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Hot reload, seen by a connected MCP client over HTTP: an edit of a runbook reaches the client as
 * {@code notifications/tools/list_changed} and a new tool list; an invalid edit keeps the last good
 * set, and the health endpoint says which file is wrong and why.
 */
@Timeout(60)
class RunbookReloadIT {

    private DemoFixture fixture;
    private Gateway gateway;
    private GatewayServer server;
    private McpSyncClient client;
    private final LinkedBlockingQueue<List<McpSchema.Tool>> changes = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        fixture = DemoFixture.create();
        gateway = fixture.gateway();
        server = GatewayServer.start(gateway, "127.0.0.1", 0);
        String token = gateway.issuer().mint("alice@example.com", "alice@example.com", Set.of("support", "engineering"),
                Duration.ofMinutes(10));
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(server.baseUrl())
                .endpoint("/mcp")
                .httpRequestCustomizer((b, method, uri, body, ctx) -> b.header("Authorization", "Bearer " + token))
                .build();
        client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20))
                .toolsChangeConsumer(changes::add).build();
        client.initialize();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        gateway.close();
        fixture.close();
    }

    private Path runbooks() {
        return fixture.configFile().getParent().resolve("runbooks");
    }

    private List<McpSchema.Tool> nextChange() throws InterruptedException {
        List<McpSchema.Tool> tools = changes.poll(20, TimeUnit.SECONDS);
        if (tools == null) {
            throw new AssertionError("no notifications/tools/list_changed reached the client");
        }
        return tools;
    }

    private static McpSchema.Tool named(List<McpSchema.Tool> tools, String name) {
        return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void anEditReachesTheConnectedClient() throws Exception {
        assertEquals(null, named(client.listTools().tools(), "count_orders"));
        Files.writeString(runbooks().resolve("extra.yaml"), """
                tools:
                  - name: count_orders
                    description: How many orders there are.
                    connection: demo-readonly
                    groups: [support]
                    sql: SELECT COUNT(*) AS n FROM orders
                """);
        McpSchema.Tool added = named(nextChange(), "count_orders");
        assertEquals("How many orders there are.", added.description());
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("count_orders", Map.of()));
        assertFalse(r.isError(), r.toString());
        assertEquals(List.of(List.of(600)), ((Map<?, ?>) r.structuredContent()).get("rows"));

        Files.writeString(runbooks().resolve("extra.yaml"), Files.readString(runbooks().resolve("extra.yaml"))
                .replace("How many orders there are.", "Number of orders."));
        assertEquals("Number of orders.", named(nextChange(), "count_orders").description());

        Files.delete(runbooks().resolve("extra.yaml"));
        assertEquals(null, named(nextChange(), "count_orders"));
    }

    @Test
    void anInvalidEditKeepsTheLastGoodSetAndHealthSaysWhy() throws Exception {
        Path orders = runbooks().resolve("orders.yaml");
        String good = Files.readString(orders);
        Files.writeString(orders, good.replace("connection: demo-write", "connection: demo-wirte"));
        JsonNode check = null;
        // file events, not the 10 s fallback poll, bring the change in: well under the poll interval
        for (int i = 0; i < 25 && (check == null || check.path("data").path("current").asBoolean(true)); i++) {
            Thread.sleep(200);
            check = runbooksHealth();
        }
        assertEquals("UP", check.path("status").asString());
        assertEquals(false, check.path("data").path("current").asBoolean());
        assertEquals(orders + ":83:17: unknown connection 'demo-wirte' (hint: did you mean 'demo-write'?)",
                check.path("data").path("problems").asString(), check.toString());
        // still served: the last good set, including the tool whose edit was refused
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("orders_by_status",
                Map.of("status", "paid", "max_rows", 1)));
        assertFalse(r.isError(), r.toString());
        assertEquals(true, named(client.listTools().tools(), "update_order_status") != null);

        Files.writeString(orders, good);
        for (int i = 0; i < 25 && !check.path("data").path("current").asBoolean(); i++) {
            Thread.sleep(200);
            check = runbooksHealth();
        }
        assertEquals(true, check.path("data").path("current").asBoolean());
    }

    private JsonNode runbooksHealth() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/observe/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode c : JsonMapper.builder().build().readTree(r.body()).path("checks")) {
            if (c.path("name").asString().equals("runbooks")) {
                return c;
            }
        }
        throw new AssertionError("no runbooks health check in " + r.body());
    }
}
