package io.mcpgateway.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Streamable HTTP transport's edge behaviour, attacked with raw HTTP: DNS rebinding, foreign
 * origins, oversize bodies, unsupported protocol versions, sessions used by another caller.
 */
@Timeout(60)
class GatewayEdgeIT {

    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    private static DemoFixture fixture;
    private static Gateway gateway;
    private static GatewayServer server;
    private static String alice;
    private static String bob;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        fixture = DemoFixture.create();
        gateway = fixture.gateway();
        server = GatewayServer.start(gateway, "127.0.0.1", 0);
        alice = gateway.issuer().mint("alice", "", Set.of("support"), Duration.ofMinutes(10));
        bob = gateway.issuer().mint("bob", "", Set.of("support"), Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        server.close();
        gateway.close();
        fixture.close();
    }

    /** Sends a raw request so that Host can be anything; returns the status line's code. */
    private static int rawPost(String host, String origin, String token) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            byte[] body = INIT.getBytes(StandardCharsets.UTF_8);
            String req = "POST /mcp HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json, text/event-stream\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(req.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    @Test
    void foreignHostIsRefusedBeforeMcp() throws Exception {
        assertEquals(403, rawPost("evil.example.com", null, alice));
        assertEquals(403, rawPost("evil.example.com:" + server.port(), null, alice));
        assertEquals(403, rawPost("127.0.0.1.nip.io:" + server.port(), null, alice));
    }

    @Test
    void everyLoopbackNameIsAccepted() throws Exception {
        assertEquals(200, rawPost("127.0.0.1:" + server.port(), null, alice));
        assertEquals(200, rawPost("localhost:" + server.port(), null, alice));
        assertEquals(200, rawPost("[::1]:" + server.port(), null, alice));
    }

    @Test
    void browserOriginOfAnotherSiteIsRefused() throws Exception {
        assertEquals(403, rawPost("localhost:" + server.port(), "https://attacker.example", alice));
        assertEquals(200, rawPost("localhost:" + server.port(), "http://localhost:3000", alice));
    }

    private HttpResponse<String> post(String token, String session, String version, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.mcpUrl()))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        if (version != null) {
            b.header("MCP-Protocol-Version", version);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String openSession(String token) throws Exception {
        HttpResponse<String> r = post(token, null, null, INIT);
        assertEquals(200, r.statusCode(), r.body());
        String session = r.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertEquals(202, post(token, session, "2025-06-18",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode());
        return session;
    }

    @Test
    void sessionOfAnotherCallerIsUnknown() throws Exception {
        String session = openSession(alice);
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";
        assertEquals(200, post(alice, session, "2025-06-18", ping).statusCode());
        HttpResponse<String> r = post(bob, session, "2025-06-18", ping);
        assertEquals(404, r.statusCode());
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Session not found: initialize a new session\"}}",
                r.body());
    }

    @Test
    void unsupportedProtocolVersionIsRefused() throws Exception {
        String session = openSession(alice);
        HttpResponse<String> r = post(alice, session, "1999-01-01", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("unsupported MCP-Protocol-Version; supported: 2024-11-05"), r.body());
    }

    @Test
    void oversizeBodyIsRefused() throws Exception {
        String big = "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(5 * 1024 * 1024)
                + "\"}}";
        assertEquals(413, post(alice, openSession(alice), "2025-06-18", big).statusCode());
    }

    @Test
    void malformedBodyIsAParseError() throws Exception {
        HttpResponse<String> r = post(alice, openSession(alice), "2025-06-18", "{not json");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("\"code\":-32700"), r.body());
    }

    @Test
    void requestWithoutSessionIsRefusedAndDeletedSessionIsGone() throws Exception {
        assertEquals(400, post(alice, null, "2025-06-18", "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}").statusCode());
        String session = openSession(alice);
        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(server.mcpUrl()))
                .header("Authorization", "Bearer " + alice).header("Mcp-Session-Id", session)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, deleted.statusCode());
        assertEquals(404, post(alice, session, "2025-06-18", "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\"}")
                .statusCode());
    }

    @Test
    void requestsAnswerAsSseOrAsJsonByAccept() throws Exception {
        String session = openSession(alice);
        HttpResponse<String> sse = post(alice, session, "2025-06-18", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}");
        assertEquals("text/event-stream; charset=utf-8", sse.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(sse.body().contains("data: {\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}"), sse.body());
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(server.mcpUrl()))
                .header("Authorization", "Bearer " + alice).header("Mcp-Session-Id", session)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("application/json", json.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{}}", json.body());
    }
}
