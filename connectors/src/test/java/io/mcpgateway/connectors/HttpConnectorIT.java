package io.mcpgateway.connectors;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.GatewayException;
import io.mcpgateway.tools.Limits;
import io.mcpgateway.tools.RiskLevel;
import io.mcpgateway.tools.ToolResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP connector against a real HTTP server on loopback that checks the injected credential.
 */
@Timeout(30)
class HttpConnectorIT {

    private static final String KEY = "k-7f3a9c1e55d2";
    private static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);

    private HttpServer server;
    private HttpServer other;
    private int port;
    private final List<Map<String, String>> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<HttpConnector> opened = new ArrayList<>();
    private volatile String acceptedKey = KEY;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", this::handle);
        server.start();
        port = server.getAddress().getPort();
        other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", this::handle);
        other.start();
    }

    @AfterEach
    void stop() {
        opened.forEach(HttpConnector::close);
        server.stop(0);
        other.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("port", String.valueOf(ex.getLocalAddress().getPort()));
        request.put("method", ex.getRequestMethod());
        request.put("rawPath", ex.getRequestURI().getRawPath());
        request.put("rawQuery", String.valueOf(ex.getRequestURI().getRawQuery()));
        ex.getRequestHeaders().forEach((k, v) -> request.put(k.toLowerCase(), String.join(",", v)));
        request.put("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        seen.add(request);
        String path = ex.getRequestURI().getPath();
        String key = ex.getRequestHeaders().getFirst("X-API-Key");
        String authz = ex.getRequestHeaders().getFirst("Authorization");
        boolean authorised = acceptedKey.equals(key) || ("Bearer " + acceptedKey).equals(authz)
                || ("Basic " + Base64.getEncoder().encodeToString(("svc:" + acceptedKey).getBytes(StandardCharsets.UTF_8)))
                .equals(authz) || path.startsWith("/public");
        if (!authorised) {
            send(ex, 401, "application/json", "{\"error\":\"unauthorised\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        switch (path) {
            case "/api/customers/7" -> send(ex, 200, "application/json; charset=utf-8",
                    "{\"id\":7,\"email\":\"ann@example.com\",\"tags\":[\"vip\"]}".getBytes(StandardCharsets.UTF_8));
            case "/api/report" -> send(ex, 200, "text/plain", PDF);
            case "/api/page" -> send(ex, 200, "text/html", "<html><body><p>Hello</p></body></html>".getBytes(StandardCharsets.UTF_8));
            case "/api/big" -> send(ex, 200, "text/plain", "x".repeat(10_000).getBytes(StandardCharsets.UTF_8));
            case "/api/to-meta" -> redirect(ex, "http://169.254.169.254/latest/meta-data/");
            case "/api/to-self" -> redirect(ex, "/api/customers/7");
            case "/api/to-other" -> redirect(ex, "http://127.0.0.1:" + other.getAddress().getPort() + "/public/x");
            case "/api/slow" -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(ex, 200, "text/plain", "late".getBytes(StandardCharsets.UTF_8));
            }
            case "/public/x" -> send(ex, 200, "text/plain", "public".getBytes(StandardCharsets.UTF_8));
            default -> send(ex, 200, "application/json", "{\"path\":\"echo\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private ConnectionDefinition connection(String auth, String user, Map<String, String> extra) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("auth", auth, "allowed-networks", "127.0.0.1/32"));
        options.putAll(extra);
        return new ConnectionDefinition("status-api", "http", "http://127.0.0.1:" + port + "/api", user,
                "env:API_KEY", RiskLevel.READ_ONLY, options);
    }

    private HttpConnector connector(ConnectionDefinition def, SecretResolver secrets) {
        HttpConnector c = new HttpConnector(def, secrets);
        opened.add(c);
        return c;
    }

    private HttpConnector connector(ConnectionDefinition def) {
        return connector(def, SecretResolver.create(Map.of("API_KEY", KEY), false));
    }

    @Test
    void injectsTheApiKeyAndParsesJson() {
        ConnectionDefinition def = connection("api-key", "", Map.of());
        ToolResult r = connector(def).execute(TestCalls.call(def, TestCalls.get("/customers/7")), TestCalls.CONTEXT);
        ToolResult.Json json = assertInstanceOf(ToolResult.Json.class, r);
        assertEquals(200, json.status());
        assertEquals("ann@example.com", json.body().get("email").asString());
        Map<String, String> req = seen.getFirst();
        assertEquals(KEY, req.get("x-api-key"));
        assertEquals("alice@example.com", req.get("x-gateway-user"));
        assertEquals("test_tool", req.get("x-gateway-tool"));
        assertEquals("evt-42", req.get("x-gateway-event"));
    }

    @Test
    void bearerAndBasicCredentialsAreInjectedAndBasicPairIsRegisteredForScrubbing() {
        ConnectionDefinition bearer = connection("bearer", "", Map.of());
        assertEquals(200, ((ToolResult.Json) connector(bearer).execute(TestCalls.call(bearer, TestCalls.get("/customers/7")),
                TestCalls.CONTEXT)).status());
        assertEquals("Bearer " + KEY, seen.getLast().get("authorization"));

        ConnectionDefinition basic = connection("basic", "svc", Map.of());
        SecretResolver secrets = SecretResolver.create(Map.of("API_KEY", KEY), false);
        assertEquals(200, ((ToolResult.Json) connector(basic, secrets).execute(TestCalls.call(basic,
                TestCalls.get("/customers/7")), TestCalls.CONTEXT)).status());
        String encoded = Base64.getEncoder().encodeToString(("svc:" + KEY).getBytes(StandardCharsets.UTF_8));
        assertEquals("Basic " + encoded, seen.getLast().get("authorization"));
        assertEquals(java.util.Set.of(KEY, "svc:" + KEY, encoded), secrets.liveSecrets());
    }

    @Test
    void encodesQueryValuesAndKeepsEncodedPathSegments() {
        ConnectionDefinition def = connection("api-key", "", Map.of());
        BoundRequest.Http req = new BoundRequest.Http("GET", "/search/a%20b", Map.of("q", List.of("x&y=1 #z")),
                Map.of("Accept", "application/json"), null);
        connector(def).execute(TestCalls.call(def, req), TestCalls.CONTEXT);
        assertEquals("/api/search/a%20b", seen.getLast().get("rawPath"));
        assertEquals("q=x%26y%3D1%20%23z", seen.getLast().get("rawQuery"));
    }

    @Test
    void postsTheJsonBody() {
        ConnectionDefinition def = connection("api-key", "", Map.of());
        BoundRequest.Http req = new BoundRequest.Http("POST", "/tickets", Map.of(), Map.of(), "{\"title\":\"t\"}");
        connector(def).execute(TestCalls.call(def, req), TestCalls.CONTEXT);
        assertEquals("POST", seen.getLast().get("method"));
        assertEquals("{\"title\":\"t\"}", seen.getLast().get("body"));
        assertEquals("application/json", seen.getLast().get("content-type"));
    }

    @Test
    void detectsAPdfSentAsTextAndHandsItOnAsBinary() {
        ConnectionDefinition def = connection("api-key", "", Map.of());
        ToolResult.Binary b = assertInstanceOf(ToolResult.Binary.class,
                connector(def).execute(TestCalls.call(def, TestCalls.get("/report")), TestCalls.CONTEXT));
        assertEquals("application/pdf", b.contentType());
        assertEquals(PDF.length, b.content().length);
        ToolResult.Binary html = assertInstanceOf(ToolResult.Binary.class,
                connector(def).execute(TestCalls.call(def, TestCalls.get("/page")), TestCalls.CONTEXT));
        assertEquals("text/html", html.contentType());
    }

    @Test
    void cutsBodiesAtTheByteCapAndSaysSo() {
        ConnectionDefinition def = connection("api-key", "", Map.of());
        ToolResult.Text t = assertInstanceOf(ToolResult.Text.class, connector(def).execute(TestCalls.call(def,
                TestCalls.get("/big"), new Limits(10, 4096, Duration.ofSeconds(5))), TestCalls.CONTEXT));
        assertEquals(4096, t.text().length());
        assertTrue(t.truncated());
    }

    @Test
    void refusesARedirectToTheMetadataAddress() {
        ConnectionDefinition def = connection("api-key", "", Map.of());
        GatewayException e = assertThrows(GatewayException.class, () -> connector(def)
                .execute(TestCalls.call(def, TestCalls.get("/to-meta")), TestCalls.CONTEXT));
        assertEquals("egress_refused", e.reasonCode());
        assertEquals("Egress refused on connection 'status-api': http://169.254.169.254:80 is not on the connection's "
                + "allowlist (allowed: http://127.0.0.1:" + port + ").", e.getMessage());
    }

    @Test
    void followsAllowedRedirectsAndSendsTheCredentialOnlyToItsOwnOrigin() {
        int otherPort = other.getAddress().getPort();
        ConnectionDefinition def = connection("api-key", "", Map.of("allowed-hosts", "http://127.0.0.1:" + otherPort));
        ToolResult.Json self = assertInstanceOf(ToolResult.Json.class,
                connector(def).execute(TestCalls.call(def, TestCalls.get("/to-self")), TestCalls.CONTEXT));
        assertEquals(7, self.body().get("id").asInt());
        ToolResult.Text t = assertInstanceOf(ToolResult.Text.class,
                connector(def).execute(TestCalls.call(def, TestCalls.get("/to-other")), TestCalls.CONTEXT));
        assertEquals("public", t.text());
        Map<String, String> atOther = seen.getLast();
        assertEquals(String.valueOf(otherPort), atOther.get("port"));
        assertFalse(atOther.containsKey("x-api-key"), "credential must not follow a redirect to another origin");
    }

    @Test
    void refusesANameThatResolvesToLoopbackWithoutSendingAnything() {
        ConnectionDefinition def = new ConnectionDefinition("status-api", "http", "http://status.internal:" + port + "/api",
                "", "env:API_KEY", RiskLevel.READ_ONLY, Map.of("auth", "api-key"));
        HttpConnector c = new HttpConnector(def, SecretResolver.create(Map.of("API_KEY", KEY), false),
                host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})});
        opened.add(c);
        GatewayException e = assertThrows(GatewayException.class, () -> c.execute(TestCalls.call(def,
                TestCalls.get("/customers/7")), TestCalls.CONTEXT));
        assertEquals("Egress refused on connection 'status-api': 'status.internal' resolves to 127.0.0.1, a loopback "
                + "or private address outside the connection's allowed-networks (none are listed).", e.getMessage());
        assertEquals(List.of(), seen);
    }

    @Test
    void connectsToTheAddressItCheckedAndResolvesOnlyOnce() {
        // a rebinding DNS: the first answer is the allowed server, every later one the metadata address
        AtomicInteger lookups = new AtomicInteger();
        ConnectionDefinition def = new ConnectionDefinition("status-api", "http", "http://status.internal:" + port + "/api",
                "", "env:API_KEY", RiskLevel.READ_ONLY, Map.of("auth", "api-key", "allowed-networks", "127.0.0.1/32"));
        HttpConnector c = new HttpConnector(def, SecretResolver.create(Map.of("API_KEY", KEY), false),
                host -> new InetAddress[] {InetAddress.getByAddress(host, lookups.getAndIncrement() == 0
                        ? new byte[] {127, 0, 0, 1} : new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254})});
        opened.add(c);
        ToolResult.Json r = assertInstanceOf(ToolResult.Json.class, c.execute(TestCalls.call(def,
                TestCalls.get("/customers/7")), TestCalls.CONTEXT));
        assertEquals(7, r.body().get("id").asInt());
        assertEquals(1, lookups.get());
    }

    @Test
    void refetchesARotatedCredentialOnceWhenTheApiRejectsIt() {
        AtomicInteger invalidations = new AtomicInteger();
        SecretProvider rotating = new SecretProvider() {
            private volatile String cached = "old-key-1";

            @Override
            public String scheme() {
                return "store";
            }

            @Override
            public String fetch(String location) {
                return cached;
            }

            @Override
            public void invalidate(String location) {
                invalidations.incrementAndGet();
                cached = KEY;
            }
        };
        ConnectionDefinition def = new ConnectionDefinition("status-api", "http", "http://127.0.0.1:" + port + "/api", "",
                "store:api", RiskLevel.READ_ONLY, Map.of("auth", "api-key", "allowed-networks", "127.0.0.1/32"));
        SecretResolver secrets = SecretResolver.builder().addProvider(rotating).build();
        ToolResult.Json r = assertInstanceOf(ToolResult.Json.class, connector(def, secrets)
                .execute(TestCalls.call(def, TestCalls.get("/customers/7")), TestCalls.CONTEXT));
        assertEquals(200, r.status());
        assertEquals(1, invalidations.get());
        assertEquals(List.of("old-key-1", KEY), seen.stream().map(m -> m.get("x-api-key")).toList());
        assertEquals(java.util.Set.of("old-key-1", KEY), secrets.liveSecrets());
    }

    @Test
    void stopsAtTheToolsTimeLimit() {
        ConnectionDefinition def = connection("api-key", "", Map.of());
        GatewayException e = assertThrows(GatewayException.class, () -> connector(def).execute(TestCalls.call(def,
                TestCalls.get("/slow"), new Limits(10, 4096, Duration.ofSeconds(1))), TestCalls.CONTEXT));
        assertEquals("timeout", e.reasonCode());
        assertEquals("The API did not answer within the tool's limit of 1 s.", e.getMessage());
    }

    @Test
    void refusesPathSegmentsThatClimbOutOfTheBasePath() {
        ConnectionDefinition def = connection("api-key", "", Map.of());
        for (String path : List.of("/customers/..%2F..%2Fadmin", "/customers/%2e%2e/admin", "/a/../b", "/a b",
                "/x/a%5C..%5Cadmin", "/x/%0d%0aHost:%20evil")) {
            GatewayException e = assertThrows(GatewayException.class, () -> connector(def)
                    .execute(TestCalls.call(def, TestCalls.get(path)), TestCalls.CONTEXT), path);
            assertEquals("invalid_request", e.reasonCode(), path);
        }
        assertEquals(List.of(), seen);
    }

    @Test
    void keepsAnEncodedSlashInsideAValue() {
        ConnectionDefinition def = connection("api-key", "", Map.of());
        connector(def).execute(TestCalls.call(def, TestCalls.get("/tickets/A%2F1/comments")), TestCalls.CONTEXT);
        assertEquals("/api/tickets/A%2F1/comments", seen.getLast().get("rawPath"));
    }

    @Test
    void refusesTemplateHeadersThatWouldCarryOrReplaceCredentials() {
        ConnectionDefinition def = connection("api-key", "", Map.of());
        for (String header : List.of("Authorization", "X-API-Key", "Host", "Cookie")) {
            BoundRequest.Http req = new BoundRequest.Http("GET", "/x", Map.of(), Map.of(header, "v"), null);
            GatewayException e = assertThrows(GatewayException.class, () -> connector(def)
                    .execute(TestCalls.call(def, req), TestCalls.CONTEXT));
            assertEquals("Tool 'test_tool' sets header '" + header + "', which the gateway does not let templates set.",
                    e.getMessage());
        }
    }

    @Test
    void unreachableApiFailsWithoutNamingTheCredential() throws IOException {
        int closed;
        try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        ConnectionDefinition def = new ConnectionDefinition("status-api", "http", "http://127.0.0.1:" + closed + "/api", "",
                "env:API_KEY", RiskLevel.READ_ONLY, Map.of("auth", "api-key", "allowed-networks", "127.0.0.1/32"));
        GatewayException e = assertThrows(GatewayException.class, () -> connector(def)
                .execute(TestCalls.call(def, TestCalls.get("/x")), TestCalls.CONTEXT));
        assertEquals("upstream_unavailable", e.reasonCode());
        assertEquals("The API of connection 'status-api' cannot be reached (127.0.0.1:" + closed + ").", e.getMessage());
    }

    @Test
    void invalidOptionsAreRefusedAtStartWithTheirKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HttpConnector(connection("digest", "", Map.of()), SecretResolver.create(Map.of(), false)));
        assertEquals("connections.status-api.auth must be none, bearer, basic or api-key, got 'digest'", e.getMessage());
    }
}
