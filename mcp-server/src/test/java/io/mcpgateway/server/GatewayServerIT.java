package io.mcpgateway.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo gateway on a random port, driven over HTTP by the MCP Java SDK client.
 */
@Timeout(60)
class GatewayServerIT {

    private static DemoFixture fixture;
    private static Gateway gateway;
    private static GatewayServer server;
    private static String token;

    @BeforeAll
    static void start() {
        fixture = DemoFixture.create().withReadOnlyWriteTool();
        gateway = fixture.gateway();
        server = GatewayServer.start(gateway, "127.0.0.1", 0);
        token = gateway.issuer().mint("alice@example.com", "alice@example.com", Set.of("support", "engineering"),
                Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        server.close();
        gateway.close();
        fixture.close();
    }

    private static McpSyncClient client(String bearer) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(server.baseUrl())
                .endpoint("/mcp")
                .httpRequestCustomizer((b, method, uri, body, ctx) -> b.header("Authorization", "Bearer " + bearer))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
        return client;
    }

    @Test
    void requestWithoutTokenGets401WithResourceMetadataChallenge() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.mcpUrl()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        assertEquals("Bearer realm=\"mcp-gateway\", resource_metadata=\"" + server.baseUrl()
                + "/.well-known/oauth-protected-resource\"", r.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void forgedTokenGets401() throws Exception {
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.mcpUrl()))
                .header("Authorization", "Bearer " + forged)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""));
    }

    @Test
    void listsTheToolsOfTheCallersGroupsWithSchemas() {
        try (McpSyncClient client = client(token)) {
            List<McpSchema.Tool> tools = client.listTools().tools();
            List<String> names = tools.stream().map(McpSchema.Tool::name).sorted().toList();
            assertEquals(List.of("current_incident", "find_customer_by_email", "get_customer_account",
                    "get_customer_profile", "list_customer_orders", "my_open_tickets", "orders_by_ids",
                    "orders_by_status", "orders_created_between", "purge_cancelled_orders", "read_app_settings",
                    "rename_customer_readonly", "search_app_log", "search_customers_by_name", "service_status",
                    "sql_demo_readonly", "sql_demo_write", "tail_app_log", "update_order_status"), names);
            McpSchema.Tool find = tools.stream().filter(t -> t.name().equals("find_customer_by_email")).findFirst()
                    .orElseThrow();
            assertEquals(false, find.inputSchema().get("additionalProperties"));
            assertEquals(List.of("email"), find.inputSchema().get("required"));
            assertEquals(true, find.annotations().readOnlyHint());
        }
        String supportOnly = gateway.issuer().mint("sam", "", Set.of("support"), Duration.ofMinutes(5));
        try (McpSyncClient client = client(supportOnly)) {
            assertFalse(client.listTools().tools().stream().anyMatch(t -> t.name().equals("read_app_settings")),
                    "engineering-only tools are hidden from support");
        }
    }

    @Test
    void callReturnsMaskedRowsAsTextAndStructuredContent() {
        try (McpSyncClient client = client(token)) {
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("search_customers_by_name",
                    Map.of("name_pattern", "%a%")));
            assertFalse(r.isError());
            String text = ((McpSchema.TextContent) r.content().get(0)).text();
            assertTrue(text.matches("(?s).*<EMAIL_\\d+>.*"), text);
            assertFalse(text.matches("(?s).*[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[a-z]{2,}.*"), text);
            @SuppressWarnings("unchecked")
            Map<String, Object> structured = (Map<String, Object>) r.structuredContent();
            assertEquals(true, structured.get("untrusted"));
        }
    }

    @Test
    void writeThroughReadOnlyIsRefusedWithReasonAsToolError() {
        try (McpSyncClient client = client(token)) {
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("rename_customer_readonly",
                    Map.of("customer_id", 3, "full_name", "Mallory")));
            assertTrue(r.isError());
            @SuppressWarnings("unchecked")
            Map<String, Object> structured = (Map<String, Object>) r.structuredContent();
            assertEquals("denied", structured.get("outcome"));
            assertEquals("write_on_read_only", structured.get("reasonCode"));
            assertEquals("risk.read-only", structured.get("rule"));
        }
    }

    @Test
    void unknownToolIsProtocolError() {
        try (McpSyncClient client = client(token)) {
            McpError e = assertThrows(McpError.class,
                    () -> client.callTool(new McpSchema.CallToolRequest("drop_everything", Map.of())));
            assertTrue(e.getMessage().contains("Unknown tool"), e.getMessage());
        }
    }

    @Test
    void auditApiServesEventsToAuditorsOnly() throws Exception {
        try (McpSyncClient client = client(token)) {
            client.callTool(new McpSchema.CallToolRequest("orders_by_status", Map.of("status", "shipped")));
        }
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(server.baseUrl() + "/api/audit?tool=orders_by_status&limit=5");
        assertEquals(401, http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        HttpResponse<String> forbidden = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forbidden.statusCode());
        String auditor = gateway.issuer().mint("carol", "", Set.of("auditors"), Duration.ofMinutes(5));
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + auditor)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode());
        var events = tools.jackson.databind.json.JsonMapper.builder().build().readTree(ok.body()).path("events");
        assertEquals("tool_result", events.get(0).path("type").asString());
        assertEquals("executed", events.get(0).path("outcome").asString());
        assertEquals("alice@example.com", events.get(0).path("user").asString());
        HttpResponse<String> verify = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/audit/verify"))
                .header("Authorization", "Bearer " + auditor).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(verify.body().contains("\"intact\":true"), verify.body());
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/observe/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }
}
