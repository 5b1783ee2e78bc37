package io.mcpgateway.server;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import reactor.core.publisher.Mono;

/**
 * The MCP Streamable HTTP transport (protocol revisions 2025-03-26 to 2025-11-25) as a Helidon
 * SE {@link HttpService}: one endpoint, {@code /mcp} by default, answering
 * <ul>
 *     <li>{@code POST}: one JSON-RPC message. A request is answered with an SSE stream
 *     (progress notifications, then the response) or, when the client accepts only
 *     {@code application/json}, with the response as JSON. {@code initialize} starts a session
 *     and returns its id in {@code Mcp-Session-Id}. Notifications and responses get 202.</li>
 *     <li>{@code GET}: the session's listening stream for messages the server starts
 *     ({@code notifications/tools/list_changed}).</li>
 *     <li>{@code DELETE}: ends the session.</li>
 * </ul>
 * Before any of that, the {@link OriginPolicy} refuses foreign {@code Host} and {@code Origin}
 * headers with 403 (DNS rebinding). Refusals carry a JSON-RPC error with a message of ours;
 * internal failures carry a generic message and a correlation id, details go to the log only.
 * <p>
 * Each request runs on its own virtual thread and blocks until its answer is written. Give the
 * transport to {@code McpServer.sync(transport)} and register it on the routing:
 * <pre>{@code
 * StreamableHttpTransport transport = StreamableHttpTransport.builder()
 *         .jsonMapper(jsonMapper)
 *         .contextExtractor(request -> McpTransportContext.create(Map.of(...)))
 *         .build();
 * McpSyncServer mcp = McpServer.sync(transport).jsonMapper(jsonMapper)...build();
 * HttpRouting.builder().register(transport);
 * }</pre>
 */
public final class StreamableHttpTransport implements McpStreamableServerTransportProvider, HttpService {

    /** Default size limit of a POSTed message. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    private final String endpoint;
    private final StreamableSessions sessions;
    private final StreamableEndpoint handlers;

    private StreamableHttpTransport(Builder builder) {
        this.endpoint = builder.endpoint;
        this.sessions = new StreamableSessions(builder.sessionBinding, builder.sessionIdleTimeout);
        this.handlers = new StreamableEndpoint(builder.jsonMapper,
                                               builder.contextExtractor,
                                               builder.originPolicy,
                                               builder.keepAliveInterval,
                                               protocolVersions(),
                                               new StreamableRequestBody(builder.jsonMapper, builder.maxRequestBytes),
                                               sessions);
    }

    /**
     * A new builder; {@link Builder#jsonMapper(McpJsonMapper)} is required.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(endpoint, handlers::post)
                .get(endpoint, handlers::get)
                .delete(endpoint, handlers::delete)
                .any(endpoint, handlers::methodNotAllowed);
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
        sessions.factory(sessionFactory);
    }

    /**
     * Sends a notification to the listening stream of every session; sessions without one
     * miss it.
     */
    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return Mono.fromRunnable(() -> sessions.notifyAll(method, params));
    }

    /**
     * Sends a notification to the listening stream of one session, if it has one.
     */
    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return Mono.fromRunnable(() -> sessions.notify(sessionId, method, params));
    }

    /**
     * Ends every session, which closes their open streams, and answers later requests 503.
     */
    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(sessions::closeAll);
    }

    @Override
    public void close() {
        sessions.closeAll();
    }

    @Override
    public void afterStop() {
        sessions.closeAll();
    }

    /**
     * Number of live sessions.
     *
     * @return sessions started and not yet ended
     */
    public int sessionCount() {
        return sessions.count();
    }

    /**
     * Number of sessions that have a listening stream open now.
     *
     * @return sessions a server-initiated message can reach
     */
    public long listeningStreamCount() {
        return sessions.listeningCount();
    }

    /**
     * Builder of {@link StreamableHttpTransport}.
     */
    public static final class Builder implements io.helidon.common.Builder<Builder, StreamableHttpTransport> {

        private McpJsonMapper jsonMapper;
        private String endpoint = "/mcp";
        private McpTransportContextExtractor<ServerRequest> contextExtractor = request -> McpTransportContext.EMPTY;
        private OriginPolicy originPolicy = OriginPolicy.create();
        private Duration keepAliveInterval = Duration.ofSeconds(25);
        private Duration sessionIdleTimeout = Duration.ofMinutes(30);
        private Function<McpTransportContext, ?> sessionBinding = context -> null;
        private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;

        private Builder() {
        }

        /**
         * The mapper for every JSON-RPC message (required; the same one the server uses).
         *
         * @param jsonMapper the MCP JSON mapper
         * @return this builder
         */
        public Builder jsonMapper(McpJsonMapper jsonMapper) {
            this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
            return this;
        }

        /**
         * The path of the MCP endpoint, relative to where the service is registered.
         *
         * @param endpoint a path starting with {@code /}; default {@code /mcp}
         * @return this builder
         */
        public Builder endpoint(String endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (!endpoint.startsWith("/")) {
                throw new IllegalArgumentException("endpoint: '" + endpoint + "' must start with /");
            }
            this.endpoint = endpoint;
            return this;
        }

        /**
         * Turns each HTTP request into the {@link McpTransportContext} that tool handlers read
         * through {@code exchange.transportContext()}: typically the caller identity that the
         * authentication filter stored in the request context. Runs on every POST, GET and
         * DELETE; default: an empty context.
         *
         * @param contextExtractor the extractor
         * @return this builder
         */
        public Builder contextExtractor(McpTransportContextExtractor<ServerRequest> contextExtractor) {
            this.contextExtractor = Objects.requireNonNull(contextExtractor, "contextExtractor");
            return this;
        }

        /**
         * Binds each session to its caller. The function is applied to the transport context
         * of {@code initialize} and of every later request of the session; a request whose
         * value differs is answered 404 as if the session did not exist. Default: sessions are
         * not bound (every value is {@code null}).
         *
         * @param sessionBinding e.g. {@code context -> context.get("subject")}
         * @return this builder
         */
        public Builder sessionBinding(Function<McpTransportContext, ?> sessionBinding) {
            this.sessionBinding = Objects.requireNonNull(sessionBinding, "sessionBinding");
            return this;
        }

        /**
         * Which Host and Origin headers are accepted; default: loopback only.
         *
         * @param originPolicy the policy
         * @return this builder
         */
        public Builder originPolicy(OriginPolicy originPolicy) {
            this.originPolicy = Objects.requireNonNull(originPolicy, "originPolicy");
            return this;
        }

        /**
         * How long an SSE stream may stay silent before the transport writes an SSE comment
         * to it. Keeps proxies from closing idle streams and reveals vanished clients, whose
         * stream is then released. Default 25 seconds; zero disables.
         *
         * @param keepAliveInterval the interval, zero or positive
         * @return this builder
         */
        public Builder keepAliveInterval(Duration keepAliveInterval) {
            Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
            if (keepAliveInterval.isNegative()) {
                throw new IllegalArgumentException("keep-alive-interval: '" + keepAliveInterval + "' is negative");
            }
            this.keepAliveInterval = keepAliveInterval;
            return this;
        }

        /**
         * How long a session without an open stream and without requests is kept. Idle
         * sessions are ended when a new session starts. Default 30 minutes.
         *
         * @param sessionIdleTimeout a positive duration
         * @return this builder
         */
        public Builder sessionIdleTimeout(Duration sessionIdleTimeout) {
            Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
            if (sessionIdleTimeout.isNegative() || sessionIdleTimeout.isZero()) {
                throw new IllegalArgumentException("session-idle-timeout: '" + sessionIdleTimeout
                                                           + "' must be positive");
            }
            this.sessionIdleTimeout = sessionIdleTimeout;
            return this;
        }

        /**
         * The largest POST body accepted; larger ones get 413. Default 4 MiB.
         *
         * @param maxRequestBytes a positive number of bytes
         * @return this builder
         */
        public Builder maxRequestBytes(int maxRequestBytes) {
            if (maxRequestBytes <= 0) {
                throw new IllegalArgumentException("max-request-bytes: '" + maxRequestBytes + "' must be positive");
            }
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        @Override
        public StreamableHttpTransport build() {
            if (jsonMapper == null) {
                throw new IllegalStateException("jsonMapper is required: pass the server's McpJsonMapper");
            }
            return new StreamableHttpTransport(this);
        }
    }
}
