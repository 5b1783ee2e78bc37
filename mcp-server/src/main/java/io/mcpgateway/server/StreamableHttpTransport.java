package io.mcpgateway.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import reactor.core.publisher.Mono;

/**
 * MCP Streamable HTTP (spec 2025-03-26 and later) on Helidon SE routing, implementing the MCP
 * Java SDK's server transport SPI.
 *
 * <ul>
 *     <li>{@code POST} carries one JSON-RPC message. {@code initialize} answers with JSON and a new
 *     {@code Mcp-Session-Id}; notifications and responses answer {@code 202}; requests answer with
 *     an SSE stream (so progress notifications during a long tool call reach the client), or with
 *     plain JSON when the client accepts only JSON.</li>
 *     <li>{@code GET} opens the session's server-to-client SSE stream (one at a time).</li>
 *     <li>{@code DELETE} ends the session.</li>
 * </ul>
 * Every request first passes the {@link OriginPolicy} (DNS rebinding), the
 * {@code MCP-Protocol-Version} check and the body size cap. A session belongs to the caller that
 * opened it: another caller presenting its id gets {@code 404}, as if it did not exist.
 * Helidon runs each request on a virtual thread, so the handlers block while a stream is open.
 */
public final class StreamableHttpTransport implements McpStreamableServerTransportProvider, HttpService {

    private static final System.Logger LOGGER = System.getLogger(StreamableHttpTransport.class.getName());
    private static final HeaderName SESSION_ID = HeaderNames.create("Mcp-Session-Id");
    private static final HeaderName PROTOCOL_VERSION = HeaderNames.create("MCP-Protocol-Version");
    private static final HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");
    private static final String EVENT_STREAM = "text/event-stream";
    private static final String JSON = "application/json";
    // spec: without the header, a server assumes 2025-03-26
    private static final String DEFAULT_PROTOCOL_VERSION = "2025-03-26";

    private final McpJsonMapper json;
    private final String endpoint;
    private final McpTransportContextExtractor<ServerRequest> contextExtractor;
    private final java.util.function.Function<McpTransportContext, String> sessionOwner;
    private final OriginPolicy originPolicy;
    private final Duration keepAliveInterval;
    private final int maxRequestBytes;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private volatile McpStreamableServerSession.Factory sessionFactory;
    private volatile boolean closing;

    private StreamableHttpTransport(Builder b) {
        this.json = b.json;
        this.endpoint = b.endpoint;
        this.contextExtractor = b.contextExtractor;
        this.sessionOwner = b.sessionOwner;
        this.originPolicy = b.originPolicy;
        this.keepAliveInterval = b.keepAliveInterval;
        this.maxRequestBytes = b.maxRequestBytes;
    }

    /**
     * A builder.
     *
     * @return builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(endpoint, this::post)
                .get(endpoint, this::get)
                .delete(endpoint, this::delete);
    }

    @Override
    public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return Mono.fromRunnable(() -> sessions.values().forEach(s -> {
            try {
                s.mcp.sendNotification(method, params).block();
            } catch (RuntimeException e) {
                LOGGER.log(System.Logger.Level.DEBUG, "Notification to a session failed: " + e.getMessage());
            }
        }));
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return Mono.defer(() -> {
            Session s = sessions.get(sessionId);
            return s == null ? Mono.empty() : s.mcp.sendNotification(method, params);
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            closing = true;
            sessions.values().forEach(s -> {
                try {
                    s.mcp.closeGracefully().block(Duration.ofSeconds(5));
                } catch (RuntimeException e) {
                    LOGGER.log(System.Logger.Level.DEBUG, "Session close failed: " + e.getMessage());
                }
            });
            sessions.clear();
        });
    }

    /** Number of open sessions (for tests and metrics). */
    int sessionCount() {
        return sessions.size();
    }

    private void post(ServerRequest req, ServerResponse res) {
        if (!admitted(req, res)) {
            return;
        }
        if (req.headers().contentLength().orElse(0L) > maxRequestBytes) {
            error(res, Status.REQUEST_ENTITY_TOO_LARGE_413, McpSchema.ErrorCodes.INVALID_REQUEST, "Request body too large");
            return;
        }
        String body;
        try {
            body = readBody(req.content().inputStream());
        } catch (BodyTooLargeException e) {
            error(res, Status.REQUEST_ENTITY_TOO_LARGE_413, McpSchema.ErrorCodes.INVALID_REQUEST, "Request body too large");
            return;
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, body);
        } catch (IOException | RuntimeException e) {
            error(res, Status.BAD_REQUEST_400, McpSchema.ErrorCodes.PARSE_ERROR,
                    "Body is not a single JSON-RPC message");
            return;
        }
        McpTransportContext context = contextExtractor.extract(req);
        String accept = req.headers().first(HeaderNames.ACCEPT).orElse("*/*");
        if (message instanceof McpSchema.JSONRPCRequest request && McpSchema.METHOD_INITIALIZE.equals(request.method())) {
            initialize(request, context, res);
            return;
        }
        Optional<Session> session = session(req, res, context);
        if (session.isEmpty()) {
            return;
        }
        McpStreamableServerSession mcp = session.get().mcp;
        if (message instanceof McpSchema.JSONRPCNotification n) {
            mcp.accept(n).contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
            res.status(Status.ACCEPTED_202).send();
        } else if (message instanceof McpSchema.JSONRPCResponse r) {
            mcp.accept(r).contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
            res.status(Status.ACCEPTED_202).send();
        } else if (message instanceof McpSchema.JSONRPCRequest r) {
            // SSE lets progress notifications precede the response; JSON only when that is all the client takes
            if (accept.contains(EVENT_STREAM) || !accept.contains(JSON)) {
                respondWithStream(mcp, r, context, res);
            } else {
                respondWithJson(mcp, r, context, res);
            }
        } else {
            error(res, Status.BAD_REQUEST_400, McpSchema.ErrorCodes.INVALID_REQUEST, "Unknown JSON-RPC message type");
        }
    }

    private void initialize(McpSchema.JSONRPCRequest request, McpTransportContext context, ServerResponse res) {
        McpSchema.InitializeRequest init = json.convertValue(request.params(), new TypeRef<McpSchema.InitializeRequest>() {
        });
        McpStreamableServerSession.McpStreamableServerSessionInit started = sessionFactory.startSession(init);
        McpSchema.InitializeResult result = started.initResult()
                .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                .block();
        String id = started.session().getId();
        sessions.put(id, new Session(started.session(), sessionOwner.apply(context)));
        res.header(SESSION_ID, id);
        res.header(HeaderNames.CONTENT_TYPE, JSON);
        res.send(text(McpSchema.JSONRPCResponse.result(request.id(), result))
                .getBytes(StandardCharsets.UTF_8));
    }

    private void respondWithStream(McpStreamableServerSession mcp, McpSchema.JSONRPCRequest request,
                                   McpTransportContext context, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, EVENT_STREAM);
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        try (OutputStream out = res.outputStream()) {
            SseStream stream = new SseStream(out);
            mcp.responseStream(request, stream).contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
        } catch (IOException | UncheckedIOException e) {
            LOGGER.log(System.Logger.Level.DEBUG, "Client left before the response was written: " + e.getMessage());
        }
    }

    private void respondWithJson(McpStreamableServerSession mcp, McpSchema.JSONRPCRequest request,
                                 McpTransportContext context, ServerResponse res) {
        JsonReply reply = new JsonReply();
        mcp.responseStream(request, reply).contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
        if (reply.response == null) {
            error(res, Status.INTERNAL_SERVER_ERROR_500, McpSchema.ErrorCodes.INTERNAL_ERROR, "No response was produced");
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, JSON);
        res.send(text(reply.response).getBytes(StandardCharsets.UTF_8));
    }

    private void get(ServerRequest req, ServerResponse res) {
        if (!admitted(req, res)) {
            return;
        }
        if (!req.headers().first(HeaderNames.ACCEPT).orElse("").contains(EVENT_STREAM)) {
            error(res, Status.NOT_ACCEPTABLE_406, McpSchema.ErrorCodes.INVALID_REQUEST, "Accept must include text/event-stream");
            return;
        }
        McpTransportContext context = contextExtractor.extract(req);
        Optional<Session> session = session(req, res, context);
        if (session.isEmpty()) {
            return;
        }
        McpStreamableServerSession mcp = session.get().mcp;
        if (mcp.hasListeningStream()) {
            error(res, Status.CONFLICT_409, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "This session already has a server-to-client stream");
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, EVENT_STREAM);
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        try (OutputStream out = res.outputStream()) {
            SseStream stream = new SseStream(out);
            if (req.headers().contains(LAST_EVENT_ID)) {
                // the SDK keeps no history yet; replay whatever it offers, then listen
                mcp.replay(req.headers().first(LAST_EVENT_ID).orElseThrow())
                        .contextWrite(c -> c.put(McpTransportContext.KEY, context))
                        .toIterable()
                        .forEach(m -> stream.sendMessage(m).block());
            }
            McpStreamableServerSession.McpStreamableServerSessionStream listening = mcp.listeningStream(stream);
            try {
                stream.comment("stream open");
                // keep the stream open until the session ends or the client goes away
                while (!stream.awaitClosed(keepAliveInterval) && !closing && sessions.containsKey(mcp.getId())) {
                    stream.comment("keep-alive");
                }
            } finally {
                listening.close();
            }
        } catch (IOException | UncheckedIOException e) {
            LOGGER.log(System.Logger.Level.DEBUG, "Server-to-client stream ended: " + e.getMessage());
        }
    }

    private void delete(ServerRequest req, ServerResponse res) {
        if (!admitted(req, res)) {
            return;
        }
        McpTransportContext context = contextExtractor.extract(req);
        Optional<Session> session = session(req, res, context);
        if (session.isEmpty()) {
            return;
        }
        sessions.remove(session.get().mcp.getId());
        session.get().mcp.delete().contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
        res.status(Status.NO_CONTENT_204).send();
    }

    /** Shutdown, Origin/Host and protocol-version checks shared by every method. */
    private boolean admitted(ServerRequest req, ServerResponse res) {
        if (closing) {
            error(res, Status.SERVICE_UNAVAILABLE_503, McpSchema.ErrorCodes.INTERNAL_ERROR, "Server is shutting down");
            return false;
        }
        Optional<String> refusal = originPolicy.refusal(req.headers().first(HeaderNames.HOST),
                req.headers().first(HeaderNames.ORIGIN));
        if (refusal.isPresent()) {
            LOGGER.log(System.Logger.Level.WARNING, "Refused request: " + refusal.get());
            error(res, Status.FORBIDDEN_403, McpSchema.ErrorCodes.INVALID_REQUEST, refusal.get());
            return false;
        }
        String version = req.headers().first(PROTOCOL_VERSION).orElse(DEFAULT_PROTOCOL_VERSION);
        if (!protocolVersions().contains(version)) {
            error(res, Status.BAD_REQUEST_400, McpSchema.ErrorCodes.INVALID_REQUEST, "Unsupported MCP-Protocol-Version '"
                    + version + "'; supported: " + String.join(", ", protocolVersions()));
            return false;
        }
        return true;
    }

    private Optional<Session> session(ServerRequest req, ServerResponse res, McpTransportContext context) {
        Optional<String> id = req.headers().first(SESSION_ID);
        if (id.isEmpty() || id.get().isBlank()) {
            error(res, Status.BAD_REQUEST_400, McpSchema.ErrorCodes.INVALID_REQUEST, "Mcp-Session-Id header is required");
            return Optional.empty();
        }
        Session s = sessions.get(id.get());
        // a session id presented by another caller is treated as unknown: ids are not bearer tokens
        if (s == null || !Objects.equals(s.owner, sessionOwner.apply(context))) {
            error(res, Status.NOT_FOUND_404, McpSchema.ErrorCodes.INVALID_REQUEST, "Session not found");
            return Optional.empty();
        }
        return Optional.of(s);
    }

    private String readBody(InputStream in) throws BodyTooLargeException {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                buffer.write(chunk, 0, n);
                if (buffer.size() > maxRequestBytes) {
                    throw new BodyTooLargeException();
                }
            }
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void error(ServerResponse res, Status status, int code, String message) {
        // JSON-RPC: an error about a request whose id is unknown carries "id": null
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        body.put("id", null);
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        body.put("error", error);
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, JSON);
        res.send(text(body).getBytes(StandardCharsets.UTF_8));
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Session(McpStreamableServerSession mcp, String owner) {
    }

    private static final class BodyTooLargeException extends Exception {
    }

    /** One SSE response stream: a POST's reply stream or a session's listening stream. */
    private final class SseStream implements McpStreamableServerTransport {
        private final OutputStream out;
        private final ReentrantLock lock = new ReentrantLock();
        private final CountDownLatch closed = new CountDownLatch(1);
        private long nextId;

        SseStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return sendMessage(message, null);
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
            return Mono.fromRunnable(() -> {
                String data = text(message);
                write("id: " + (messageId != null ? messageId : Long.toString(++nextId)) + "\nevent: message\ndata: "
                        + data + "\n\n");
            });
        }

        void comment(String text) {
            write(": " + text + "\n\n");
        }

        private void write(String frame) {
            lock.lock();
            try {
                if (closed.getCount() == 0) {
                    return;
                }
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                closed.countDown();
                throw new UncheckedIOException(e);
            } finally {
                lock.unlock();
            }
        }

        boolean awaitClosed(Duration wait) {
            try {
                return closed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return json.convertValue(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(this::close);
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    /** Collects the single response of a request answered as plain JSON. */
    private final class JsonReply implements McpStreamableServerTransport {
        private volatile McpSchema.JSONRPCMessage response;

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return sendMessage(message, null);
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
            // a JSON reply has room for the response only; notifications need the SSE form
            return Mono.fromRunnable(() -> {
                if (message instanceof McpSchema.JSONRPCResponse) {
                    response = message;
                }
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return json.convertValue(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }

        @Override
        public void close() {
        }
    }

    /**
     * Builder of {@link StreamableHttpTransport}.
     */
    public static final class Builder {
        private McpJsonMapper json;
        private String endpoint = "/mcp";
        private McpTransportContextExtractor<ServerRequest> contextExtractor = req -> McpTransportContext.EMPTY;
        private java.util.function.Function<McpTransportContext, String> sessionOwner = ctx -> "";
        private OriginPolicy originPolicy = OriginPolicy.builder().build();
        private Duration keepAliveInterval = Duration.ofSeconds(15);
        private int maxRequestBytes = 4 * 1024 * 1024;

        private Builder() {
        }

        /**
         * The JSON mapper for MCP messages (required).
         *
         * @param json mapper
         * @return this builder
         */
        public Builder jsonMapper(McpJsonMapper json) {
            this.json = Objects.requireNonNull(json, "json");
            return this;
        }

        /**
         * The endpoint path, default {@code /mcp}.
         *
         * @param endpoint path
         * @return this builder
         */
        public Builder endpoint(String endpoint) {
            if (endpoint == null || !endpoint.startsWith("/")) {
                throw new IllegalArgumentException("endpoint must start with '/', got " + endpoint);
            }
            this.endpoint = endpoint;
            return this;
        }

        /**
         * How to build the MCP transport context (e.g. the caller's identity) from a request.
         *
         * @param extractor extractor
         * @return this builder
         */
        public Builder contextExtractor(McpTransportContextExtractor<ServerRequest> extractor) {
            this.contextExtractor = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        /**
         * Who owns a session, from the transport context (e.g. the caller's subject); requests of
         * another owner do not see the session.
         *
         * @param owner owner function
         * @return this builder
         */
        public Builder sessionOwner(java.util.function.Function<McpTransportContext, String> owner) {
            this.sessionOwner = Objects.requireNonNull(owner, "owner");
            return this;
        }

        /**
         * The Host/Origin policy (default: loopback only).
         *
         * @param policy policy
         * @return this builder
         */
        public Builder originPolicy(OriginPolicy policy) {
            this.originPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Interval of keep-alive comments on server-to-client streams (default 15 s).
         *
         * @param interval interval
         * @return this builder
         */
        public Builder keepAliveInterval(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("keep-alive interval must be positive, got " + interval);
            }
            this.keepAliveInterval = interval;
            return this;
        }

        /**
         * Largest accepted request body (default 4 MiB).
         *
         * @param bytes size in bytes
         * @return this builder
         */
        public Builder maxRequestBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("max request size must be at least 1024 bytes, got " + bytes);
            }
            this.maxRequestBytes = bytes;
            return this;
        }

        /**
         * Builds the transport.
         *
         * @return transport
         */
        public StreamableHttpTransport build() {
            if (json == null) {
                throw new IllegalStateException("StreamableHttpTransport needs a jsonMapper");
            }
            return new StreamableHttpTransport(this);
        }
    }
}
