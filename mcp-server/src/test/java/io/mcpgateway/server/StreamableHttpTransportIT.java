package io.mcpgateway.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transport on a real Helidon server, driven by the MCP Java SDK client over HTTP and, for
 * what that client cannot express, by raw HTTP.
 */
@Timeout(60)
class StreamableHttpTransportIT {

    private static final String LIST_TOOLS = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}";
    private static StreamableFixtureServer server;
    private static StreamableRawHttp raw;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startServer() {
        server = StreamableFixtureServer.start();
        raw = new StreamableRawHttp(server.port());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    // ---- with the SDK client -------------------------------------------------------------

    @Test
    void sdkClientInitializesListsToolsAndCallsOne() {
        try (McpSyncClient client = sdkClient(server, "alice-token", progress -> { })) {
            McpSchema.InitializeResult init = client.initialize();
            List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("echo", Map.of("text", "hi")));

            assertAll(() -> assertEquals("streamable-fixture", init.serverInfo().name()),
                      () -> assertEquals(StreamableFixtureServer.TOOL_NAMES, tools),
                      () -> assertEquals(List.of("hi"), texts(result)),
                      () -> assertFalse(result.isError()));
        }
    }

    @Test
    void toolHandlerSeesTheCallerFromTheTransportContext() {
        try (McpSyncClient client = sdkClient(server, "bob-token", progress -> { })) {
            client.initialize();
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
            assertEquals(List.of("caller=bob"), texts(result));
        }
    }

    @Test
    void progressNotificationsReachTheClientWhileTheToolIsStillRunning() {
        CountDownLatch receipt = server.armProgressReceipt();
        List<McpSchema.ProgressNotification> received = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = sdkClient(server, "alice-token", progress -> {
            received.add(progress);
            receipt.countDown();
        })) {
            client.initialize();
            // The tool answers only after the client has seen its progress notification, so a
            // transport that buffered the stream until the end would make it report an error.
            McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder()
                    .name("wait_for_progress_receipt").arguments(Map.of()).progressToken("p-1").build());

            assertAll(() -> assertEquals(List.of("progress arrived while the call was running"), texts(result)),
                      () -> assertEquals("p-1", received.getFirst().progressToken()));
        }
    }

    @Test
    void everyProgressStepReachesTheSdkClient() {
        List<Double> steps = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = sdkClient(server, "alice-token", progress -> steps.add(progress.progress()))) {
            client.initialize();
            McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder()
                    .name("count_slowly").arguments(Map.of("steps", 4)).progressToken("p-2").build());

            // The SDK client hands notifications to its consumer on several threads, so only
            // the wire (next test) has an order to check.
            assertAll(() -> assertEquals(List.of("counted to 4"), texts(result)),
                      () -> assertEquals(List.of(1.0, 2.0, 3.0, 4.0), steps.stream().sorted().toList()));
        }
    }

    @Test
    void eventStreamCarriesProgressInOrderThenTheResponse() throws IOException, InterruptedException {
        String session = initialize("alice-token");
        HttpResponse<String> response = post(session, "alice-token",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"count_slowly\","
                        + "\"arguments\":{\"steps\":3},\"_meta\":{\"progressToken\":\"wire\"}}}");

        List<Map<?, ?>> messages = sseMessages(response.body());
        List<Integer> progress = messages.stream().filter(m -> "notifications/progress".equals(m.get("method")))
                .map(m -> ((Number) ((Map<?, ?>) m.get("params")).get("progress")).intValue()).toList();
        assertAll(() -> assertEquals(List.of(1, 2, 3), progress),
                  () -> assertEquals(4, messages.size(), "three notifications and the response"),
                  () -> assertEquals(7, ((Number) messages.getLast().get("id")).intValue()));
    }

    @Test
    void internalErrorsReachTheClientWithoutTheExceptionText() {
        try (McpSyncClient client = sdkClient(server, "alice-token", progress -> { })) {
            client.initialize();
            McpError error = assertThrows(McpError.class,
                    () -> client.callTool(new McpSchema.CallToolRequest("fail_internally", Map.of())));

            String message = error.getJsonRpcError().message();
            assertAll(() -> assertEquals(McpSchema.ErrorCodes.INTERNAL_ERROR, error.getJsonRpcError().code()),
                      () -> assertTrue(message.matches("Internal error \\(correlation id [0-9a-f]{8}\\)"), message),
                      () -> assertEquals(null, error.getJsonRpcError().data()));
        }
    }

    @Test
    void toolListChangesReachTheClientOnTheListeningStream() throws InterruptedException {
        try (StreamableFixtureServer own = StreamableFixtureServer.start()) {
            CountDownLatch changed = new CountDownLatch(1);
            List<String> seen = new CopyOnWriteArrayList<>();
            HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                    .builder("http://localhost:" + own.port())
                    .endpoint("/mcp")
                    .jsonMapper(own.jsonMapper())
                    .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer alice-token"))
                    .openConnectionOnStartup(true)
                    .build();
            try (McpSyncClient client = McpClient.sync(transport)
                    .requestTimeout(Duration.ofSeconds(20))
                    .toolsChangeConsumer(tools -> {
                        tools.forEach(tool -> seen.add(tool.name()));
                        changed.countDown();
                    })
                    .build()) {
                client.initialize();
                awaitListeningStream(own);
                own.mcpServer().addTool(StreamableFixtureServer.tool("added_later", "Added while connected.",
                        Map.of(), (exchange, request) -> McpSchema.CallToolResult.builder()
                                .addTextContent("late").build()));

                assertTrue(changed.await(15, TimeUnit.SECONDS), "no notifications/tools/list_changed arrived");
                assertTrue(seen.contains("added_later"), "re-listed tools: " + seen);
            }
        }
    }

    // ---- sessions -------------------------------------------------------------------------

    @Test
    void deletedSessionIsGoneForLaterRequests() throws IOException, InterruptedException {
        String session = initialize("alice-token");
        assertEquals(200, post(session, "alice-token", LIST_TOOLS).statusCode());

        assertEquals(200, send(request(session, "alice-token").DELETE()).statusCode());

        assertAll(() -> assertEquals(404, post(session, "alice-token", LIST_TOOLS).statusCode()),
                  () -> assertEquals(404, send(request(session, "alice-token").DELETE()).statusCode()));
    }

    @Test
    void unknownSessionIdIsNotFound() throws IOException, InterruptedException {
        HttpResponse<String> response = post("00000000-0000-0000-0000-000000000000", "alice-token", LIST_TOOLS);
        assertEquals(404, response.statusCode());
        assertEquals(McpSchema.ErrorCodes.INVALID_REQUEST, errorCode(response.body()));
    }

    @Test
    void missingSessionIdOnAnythingButInitializeIsBadRequest() throws IOException, InterruptedException {
        assertEquals(400, post(null, "alice-token", LIST_TOOLS).statusCode());
    }

    @Test
    void anotherCallerCannotUseAKnownSessionId() throws IOException, InterruptedException {
        String alices = initialize("alice-token");

        HttpResponse<String> hijack = post(alices, "bob-token", LIST_TOOLS);
        HttpResponse<String> listen = send(request(alices, "bob-token").setHeader("Accept", "text/event-stream").GET());
        HttpResponse<String> delete = send(request(alices, "bob-token").DELETE());

        assertAll(() -> assertEquals(404, hijack.statusCode()),
                  () -> assertEquals(404, listen.statusCode()),
                  () -> assertEquals(404, delete.statusCode()),
                  () -> assertEquals(200, post(alices, "alice-token", LIST_TOOLS).statusCode(),
                                     "the owner's session must survive the attempts"));
    }

    @Test
    void newerListeningStreamReplacesTheOlderOne() throws Exception {
        String session = initialize("alice-token");
        CompletableFuture<HttpResponse<InputStream>> first = http.sendAsync(
                request(session, "alice-token").setHeader("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> older = first.get(10, TimeUnit.SECONDS);
        assertEquals(200, older.statusCode());

        HttpResponse<InputStream> newer = http.send(
                request(session, "alice-token").setHeader("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, newer.statusCode());

        // The older stream ends: reading it to the end must finish, not hang.
        CompletableFuture<byte[]> rest = CompletableFuture.supplyAsync(() -> readAll(older.body()));
        assertNotNull(rest.get(10, TimeUnit.SECONDS));
        newer.body().close();
    }

    @Test
    void idleListeningStreamGetsKeepAlivesAndIsReleasedWhenTheClientLeaves() throws Exception {
        try (StreamableFixtureServer own = StreamableFixtureServer.start(
                builder -> builder.keepAliveInterval(Duration.ofMillis(100)))) {
            String session = initialize(own, "alice-token");
            HttpResponse<InputStream> listening = http.send(
                    request(own, session, "alice-token").setHeader("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            InputStream events = listening.body();
            String seen = readUntil(events, ": keep-alive\n\n");
            assertEquals(1, own.transport().listeningStreamCount());

            events.close();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (own.transport().listeningStreamCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertAll(() -> assertTrue(seen.endsWith(": keep-alive\n\n"), seen),
                      () -> assertEquals(0, own.transport().listeningStreamCount(),
                                         "the stream of a departed client must be released"),
                      () -> assertEquals(1, own.transport().sessionCount(), "the session itself stays"));
        }
    }

    @Test
    void notificationForOneSessionReachesOnlyThatSessionsListeningStream() throws Exception {
        String target = initialize("alice-token");
        String bystander = initialize("alice-token");
        InputStream targetEvents = http.send(
                request(target, "alice-token").setHeader("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream()).body();
        InputStream bystanderEvents = http.send(
                request(bystander, "alice-token").setHeader("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream()).body();
        readUntil(targetEvents, ": stream open\n\n");
        readUntil(bystanderEvents, ": stream open\n\n");

        server.transport().notifyClient(target, "notifications/tools/list_changed", null).block();
        server.transport().notifyClient(bystander, "notifications/message",
                                        Map.of("level", "info", "data", "for the bystander")).block();

        String targetFrame = readUntil(targetEvents, "\n\n");
        String bystanderFrame = readUntil(bystanderEvents, "\n\n");
        targetEvents.close();
        bystanderEvents.close();
        assertAll(() -> assertEquals("notifications/tools/list_changed", sseMessages(targetFrame).getFirst().get("method")),
                  () -> assertEquals("notifications/message", sseMessages(bystanderFrame).getFirst().get("method")));
    }

    @Test
    void getWithoutEventStreamInAcceptIsNotAcceptable() throws IOException, InterruptedException {
        String session = initialize("alice-token");
        assertEquals(406, send(request(session, "alice-token").setHeader("Accept", "application/json").GET()).statusCode());
    }

    // ---- POST variants ----------------------------------------------------------------------

    @Test
    void requestsAreAnsweredAsEventStreamWhenTheClientAcceptsIt() throws IOException, InterruptedException {
        String session = initialize("alice-token");
        HttpResponse<String> response = post(session, "alice-token", LIST_TOOLS);

        assertAll(() -> assertEquals(200, response.statusCode()),
                  () -> assertEquals("text/event-stream", mediaType(response)),
                  () -> assertEquals(2, ((Number) sseMessages(response.body()).getLast().get("id")).intValue()));
    }

    @Test
    void requestsAreAnsweredAsJsonWhenTheClientAcceptsOnlyJson() throws IOException, InterruptedException {
        String session = initialize("alice-token");
        HttpResponse<String> response = send(request(session, "alice-token")
                .setHeader("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LIST_TOOLS)));

        Map<?, ?> body = json(response.body());
        assertAll(() -> assertEquals(200, response.statusCode()),
                  () -> assertEquals("application/json", mediaType(response)),
                  () -> assertEquals(StreamableFixtureServer.TOOL_NAMES.size(),
                                     ((List<?>) ((Map<?, ?>) body.get("result")).get("tools")).size()));
    }

    @Test
    void notificationsAreAcceptedWith202AndNoBody() throws IOException, InterruptedException {
        String session = initialize("alice-token");
        HttpResponse<String> response = post(session, "alice-token",
                                             "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertAll(() -> assertEquals(202, response.statusCode()), () -> assertEquals("", response.body()));
    }

    @Test
    void batchIsRefusedAsInvalidRequest() throws IOException, InterruptedException {
        String session = initialize("alice-token");
        HttpResponse<String> response = post(session, "alice-token", "[" + LIST_TOOLS + "]");
        assertAll(() -> assertEquals(400, response.statusCode()),
                  () -> assertEquals(McpSchema.ErrorCodes.INVALID_REQUEST, errorCode(response.body())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "", "\"just a string\""})
    void malformedBodyIsBadRequest(String body) throws IOException, InterruptedException {
        String session = initialize("alice-token");
        HttpResponse<String> response = post(session, "alice-token", body);
        assertEquals(400, response.statusCode());
    }

    @Test
    void malformedJsonIsAParseErrorThatDoesNotEchoTheBody() throws IOException, InterruptedException {
        String session = initialize("alice-token");
        HttpResponse<String> response = post(session, "alice-token", "{\"secret-marker\": ");
        assertAll(() -> assertEquals(McpSchema.ErrorCodes.PARSE_ERROR, errorCode(response.body())),
                  () -> assertFalse(response.body().contains("secret-marker"), response.body()));
    }

    @Test
    void bodyOverTheLimitIsRefusedWith413() throws IOException, InterruptedException {
        String session = initialize("alice-token");
        String padding = "x".repeat(StreamableFixtureServer.MAX_REQUEST_BYTES);
        String big = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"text\":\"" + padding + "\"}}}";

        assertEquals(413, post(session, "alice-token", big).statusCode());
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedWith413() throws IOException, InterruptedException {
        String session = initialize("alice-token");
        byte[] big = ("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\",\"params\":{\"pad\":\""
                + "x".repeat(StreamableFixtureServer.MAX_REQUEST_BYTES) + "\"}}").getBytes(StandardCharsets.UTF_8);

        StreamableRawHttp.Response response = raw.send("POST", List.of(
                "Host: localhost:" + server.port(), "Authorization: Bearer alice-token",
                "Content-Type: application/json", "Accept: application/json, text/event-stream",
                "Mcp-Session-Id: " + session), big, true);
        assertEquals(413, response.status());
    }

    @Test
    void unsupportedProtocolVersionIsBadRequestNamingTheSupportedOnes() throws IOException, InterruptedException {
        String session = initialize("alice-token");
        HttpResponse<String> response = send(request(session, "alice-token")
                .header("MCP-Protocol-Version", "1999-01-01")
                .POST(HttpRequest.BodyPublishers.ofString(LIST_TOOLS)));

        String message = errorMessage(response.body());
        assertAll(() -> assertEquals(400, response.statusCode()),
                  () -> assertTrue(message.startsWith("Bad request: unsupported MCP-Protocol-Version"), message),
                  () -> assertTrue(message.contains("2025-06-18"), message));
    }

    @Test
    void missingProtocolVersionIsAcceptedAsTheSpecDefault() throws IOException, InterruptedException {
        String session = initialize("alice-token");
        assertEquals(200, post(session, "alice-token", LIST_TOOLS).statusCode());
    }

    @Test
    void otherMethodsAreNotAllowed() throws IOException, InterruptedException {
        HttpResponse<String> response = send(request(null, "alice-token")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertAll(() -> assertEquals(405, response.statusCode()),
                  () -> assertEquals("GET, POST, DELETE", response.headers().firstValue("Allow").orElse("")));
    }

    // ---- DNS rebinding --------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:%d", "localhost.evil.example:%d", "127.0.0.1.nip.io:%d"})
    void foreignHostIsForbiddenBeforeMcpIsInvolved(String host) throws IOException {
        int before = server.transport().sessionCount();
        StreamableRawHttp.Response response = raw.post(host.formatted(server.port()), "alice-token", initializeJson());

        assertAll(() -> assertEquals(403, response.status()),
                  () -> assertTrue(response.header("Mcp-Session-Id").isEmpty()),
                  () -> assertEquals(before, server.transport().sessionCount(), "no session may be started"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:%d", "localhost:%d", "[::1]:%d", "LOCALHOST:%d", "127.0.0.1"})
    void loopbackHostNamesAreAccepted(String host) throws IOException {
        StreamableRawHttp.Response response = raw.post(host.formatted(server.port()), "alice-token", initializeJson());
        assertAll(() -> assertEquals(200, response.status()),
                  () -> assertTrue(response.header("Mcp-Session-Id").isPresent()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example", "null", "http://localhost.evil.example:3000", "file://"})
    void foreignOriginIsForbidden(String origin) throws IOException {
        StreamableRawHttp.Response response = raw.post("localhost:" + server.port(), "alice-token", initializeJson(),
                                                       "Origin: " + origin);
        assertEquals(403, response.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:6274", "http://127.0.0.1:3000", "https://[::1]"})
    void loopbackOriginIsAccepted(String origin) throws IOException {
        StreamableRawHttp.Response response = raw.post("localhost:" + server.port(), "alice-token", initializeJson(),
                                                       "Origin: " + origin);
        assertEquals(200, response.status());
    }

    @Test
    void rebindingPageCannotDeleteASession() throws IOException, InterruptedException {
        String session = initialize("alice-token");
        StreamableRawHttp.Response response = raw.send("DELETE", List.of(
                "Host: evil.example:" + server.port(), "Authorization: Bearer alice-token",
                "Mcp-Session-Id: " + session), null, false);

        assertAll(() -> assertEquals(403, response.status()),
                  () -> assertEquals(200, post(session, "alice-token", LIST_TOOLS).statusCode()));
    }

    @Test
    void configuredPublicHostIsAcceptedBehindAProxy() throws IOException {
        OriginPolicy policy = OriginPolicy.builder().addAllowedHost("gateway.example.com")
                .addAllowedOrigin("https://gateway.example.com").build();
        try (StreamableFixtureServer proxied = StreamableFixtureServer.start(builder -> builder.originPolicy(policy))) {
            StreamableRawHttp rawProxied = new StreamableRawHttp(proxied.port());
            assertAll(() -> assertEquals(200, rawProxied.post("gateway.example.com", "alice-token", initializeJson(),
                                                              "Origin: https://gateway.example.com").status()),
                      () -> assertEquals(403, rawProxied.post("evil.example", "alice-token", initializeJson()).status()));
        }
    }

    // ---- shutdown -----------------------------------------------------------------------------

    @Test
    void gracefulCloseEndsListeningStreamsAndRefusesNewRequests() throws Exception {
        try (StreamableFixtureServer own = StreamableFixtureServer.start()) {
            String session = initialize(own, "alice-token");
            HttpResponse<InputStream> listening = http.send(
                    request(own, session, "alice-token").setHeader("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, listening.statusCode());

            own.transport().closeGracefully().block(Duration.ofSeconds(10));

            CompletableFuture<byte[]> rest = CompletableFuture.supplyAsync(() -> readAll(listening.body()));
            assertNotNull(rest.get(10, TimeUnit.SECONDS), "the listening stream must end");
            assertEquals(503, send(request(own, session, "alice-token")
                    .POST(HttpRequest.BodyPublishers.ofString(LIST_TOOLS))).statusCode());
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static McpSyncClient sdkClient(StreamableFixtureServer target,
                                           String token,
                                           Consumer<McpSchema.ProgressNotification> progress) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://localhost:" + target.port())
                .endpoint("/mcp")
                .jsonMapper(target.jsonMapper())
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
        return McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(20))
                .progressConsumer(progress)
                .build();
    }

    private static void awaitListeningStream(StreamableFixtureServer target) throws InterruptedException {
        // The SDK client opens its GET stream asynchronously after initialize.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (target.transport().listeningStreamCount() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, target.transport().listeningStreamCount(), "the client opened no listening stream");
    }

    private String initialize(String token) throws IOException, InterruptedException {
        return initialize(server, token);
    }

    private String initialize(StreamableFixtureServer target, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request(target, null, token)
                .POST(HttpRequest.BodyPublishers.ofString(initializeJson())));
        assertEquals(200, response.statusCode(), response.body());
        return response.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    private static String initializeJson() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw-test\",\"version\":\"1\"}}}";
    }

    private HttpResponse<String> post(String session, String token, String body) throws IOException, InterruptedException {
        return send(request(session, token).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String session, String token) {
        return request(server, session, token);
    }

    private static HttpRequest.Builder request(StreamableFixtureServer target, String session, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target.mcpUri())
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
        if (session != null) {
            builder.header("Mcp-Session-Id", session);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String mediaType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
    }

    private static Map<?, ?> json(String body) throws IOException {
        return server.jsonMapper().readValue(body, Map.class);
    }

    private static int errorCode(String body) throws IOException {
        return ((Number) ((Map<?, ?>) json(body).get("error")).get("code")).intValue();
    }

    private static String errorMessage(String body) throws IOException {
        return (String) ((Map<?, ?>) json(body).get("error")).get("message");
    }

    private static List<Map<?, ?>> sseMessages(String body) throws IOException {
        List<Map<?, ?>> messages = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                messages.add(json(line.substring("data: ".length())));
            }
        }
        return messages;
    }

    private static List<String> texts(McpSchema.CallToolResult result) {
        return result.content().stream().map(content -> ((McpSchema.TextContent) content).text()).toList();
    }

    private static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int next = in.read(); next >= 0; next = in.read()) {
            text.append((char) next);
            if (text.toString().endsWith(marker)) {
                return text.toString();
            }
        }
        return text.toString();
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            // A reset connection also means the stream ended.
            return new byte[0];
        }
    }
}
