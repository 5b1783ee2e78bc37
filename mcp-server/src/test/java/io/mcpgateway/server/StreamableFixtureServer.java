package io.mcpgateway.server;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Helidon server on a random loopback port with the transport under test, a bearer
 * check standing in for the gateway's authentication filter, and a few fixture tools:
 * <ul>
 *     <li>{@code echo}: returns its {@code text} argument;</li>
 *     <li>{@code whoami}: returns the caller name found in the transport context;</li>
 *     <li>{@code count_slowly}: sends {@code steps} progress notifications, then answers;</li>
 *     <li>{@code wait_for_progress_receipt}: sends one progress notification and answers only
 *     once the test has seen it arrive (proof that frames are flushed while a call runs);</li>
 *     <li>{@code fail_internally}: throws an exception whose message holds a fake secret.</li>
 * </ul>
 */
final class StreamableFixtureServer implements AutoCloseable {

    /** Bearer tokens the fixture accepts, and the caller each one names. */
    static final Map<String, String> TOKENS = Map.of("alice-token", "alice", "bob-token", "bob");
    static final String SECRET_IN_EXCEPTION = "jdbc:h2:mem:orders;PASSWORD=hunter2";
    static final int MAX_REQUEST_BYTES = 64 * 1024;

    private static final String CALLER_KEY = "caller";

    private final McpJsonMapper jsonMapper = new JacksonMcpJsonMapper(JsonMapper.builder().build());
    private final StreamableHttpTransport transport;
    private final McpSyncServer mcpServer;
    private final WebServer webServer;
    private volatile CountDownLatch progressReceipt = new CountDownLatch(1);

    private StreamableFixtureServer(UnaryOperator<StreamableHttpTransport.Builder> customizer) {
        StreamableHttpTransport.Builder builder = StreamableHttpTransport.builder()
                .jsonMapper(jsonMapper)
                .maxRequestBytes(MAX_REQUEST_BYTES)
                // As the gateway will: the caller stored by the auth filter becomes the
                // transport context, and sessions are bound to it.
                .contextExtractor(request -> request.context().get(Caller.class)
                        .map(caller -> McpTransportContext.create(Map.of(CALLER_KEY, caller.name())))
                        .orElse(McpTransportContext.EMPTY))
                .sessionBinding(context -> context.get(CALLER_KEY));
        this.transport = customizer.apply(builder).build();
        this.mcpServer = McpServer.sync(transport)
                .jsonMapper(jsonMapper)
                .serverInfo("streamable-fixture", "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .immediateExecution(true)
                .tools(echo(), whoami(), countSlowly(), waitForProgressReceipt(), failInternally())
                .build();
        this.webServer = WebServer.builder()
                .address(InetAddress.getLoopbackAddress())
                .port(0)
                .shutdownGracePeriod(Duration.ofMillis(200))
                .routing(routing -> routing(routing, transport))
                .build()
                .start();
    }

    /**
     * Starts the fixture with the transport's defaults plus the fixture settings.
     *
     * @return a started server
     */
    static StreamableFixtureServer start() {
        return new StreamableFixtureServer(builder -> builder);
    }

    /**
     * Starts the fixture with further transport settings.
     *
     * @param customizer changes to the transport builder
     * @return a started server
     */
    static StreamableFixtureServer start(UnaryOperator<StreamableHttpTransport.Builder> customizer) {
        return new StreamableFixtureServer(customizer);
    }

    private static void routing(HttpRouting.Builder routing, StreamableHttpTransport transport) {
        // Stands in for the gateway's authentication filter: 401 before MCP is involved,
        // otherwise the caller goes into the request context for the context extractor.
        routing.addFilter((chain, request, response) -> {
            Optional<String> caller = request.headers().first(HeaderNames.AUTHORIZATION)
                    .filter(value -> value.startsWith("Bearer "))
                    .map(value -> TOKENS.get(value.substring("Bearer ".length())));
            if (caller.isEmpty()) {
                response.status(Status.UNAUTHORIZED_401)
                        .header(HeaderNames.WWW_AUTHENTICATE, "Bearer")
                        .send();
                return;
            }
            request.context().register(new Caller(caller.get()));
            chain.proceed();
        });
        routing.register(transport);
    }

    int port() {
        return webServer.port();
    }

    /**
     * The MCP endpoint as a loopback client addresses it.
     *
     * @return {@code http://localhost:PORT/mcp}
     */
    URI mcpUri() {
        return URI.create("http://localhost:" + port() + "/mcp");
    }

    McpJsonMapper jsonMapper() {
        return jsonMapper;
    }

    StreamableHttpTransport transport() {
        return transport;
    }

    McpSyncServer mcpServer() {
        return mcpServer;
    }

    /**
     * Arms the gate of {@code wait_for_progress_receipt}: the tool answers once the returned
     * latch has been counted down by whoever receives its progress notification.
     *
     * @return the latch the receiver counts down
     */
    CountDownLatch armProgressReceipt() {
        progressReceipt = new CountDownLatch(1);
        return progressReceipt;
    }

    @Override
    public void close() {
        mcpServer.closeGracefully();
        webServer.stop();
    }

    /**
     * A tool specification with an object input schema.
     */
    static McpServerFeatures.SyncToolSpecification tool(String name,
                                                        String description,
                                                        Map<String, Object> properties,
                                                        java.util.function.BiFunction<
                                                                io.modelcontextprotocol.server.McpSyncServerExchange,
                                                                McpSchema.CallToolRequest,
                                                                McpSchema.CallToolResult> handler) {
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder()
                              .name(name)
                              .description(description)
                              .inputSchema(Map.of("type", "object", "properties", properties))
                              .build())
                .callHandler(handler)
                .build();
    }

    private static McpSchema.CallToolResult text(String text) {
        return McpSchema.CallToolResult.builder().addTextContent(text).isError(false).build();
    }

    private McpServerFeatures.SyncToolSpecification echo() {
        return tool("echo", "Returns the text it is given.",
                    Map.of("text", Map.of("type", "string", "description", "Text to return")),
                    (exchange, request) -> text(String.valueOf(request.arguments().get("text"))));
    }

    private McpServerFeatures.SyncToolSpecification whoami() {
        return tool("whoami", "Returns the authenticated caller as the server sees it.", Map.of(),
                    (exchange, request) -> text("caller=" + exchange.transportContext().get(CALLER_KEY)));
    }

    private McpServerFeatures.SyncToolSpecification countSlowly() {
        return tool("count_slowly", "Counts to steps, reporting progress at each step.",
                    Map.of("steps", Map.of("type", "integer", "minimum", 1, "maximum", 20)),
                    (exchange, request) -> {
                        int steps = ((Number) request.arguments().getOrDefault("steps", 3)).intValue();
                        for (int step = 1; step <= steps; step++) {
                            if (request.progressToken() != null) {
                                exchange.progressNotification(new McpSchema.ProgressNotification(
                                        request.progressToken(), step, (double) steps, "step " + step));
                            }
                            sleep(20);
                        }
                        return text("counted to " + steps);
                    });
    }

    private McpServerFeatures.SyncToolSpecification waitForProgressReceipt() {
        return tool("wait_for_progress_receipt",
                    "Reports progress once, then answers when the client has received it.", Map.of(),
                    (exchange, request) -> {
                        exchange.progressNotification(new McpSchema.ProgressNotification(
                                request.progressToken(), 1, 2.0, "waiting for the client to see this"));
                        return awaitReceipt(progressReceipt)
                                ? text("progress arrived while the call was running")
                                : McpSchema.CallToolResult.builder()
                                        .addTextContent("progress did not reach the client within 10 s")
                                        .isError(true)
                                        .build();
                    });
    }

    private McpServerFeatures.SyncToolSpecification failInternally() {
        return tool("fail_internally", "Fails with an unexpected exception.", Map.of(),
                    (exchange, request) -> {
                        throw new IllegalStateException("Cannot connect to " + SECRET_IN_EXCEPTION);
                    });
    }

    private static boolean awaitReceipt(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What the fixture's auth filter puts into the request context.
     *
     * @param name the caller
     */
    record Caller(String name) {
    }

    /**
     * The tool names the fixture registers, in registration order.
     */
    static final List<String> TOOL_NAMES = List.of("echo", "whoami", "count_slowly", "wait_for_progress_receipt",
                                                   "fail_internally");
}
