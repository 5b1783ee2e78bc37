package io.mcpgateway.server;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

/**
 * The HTTP side of {@link StreamableHttpTransport}: the POST, GET and DELETE handlers of the
 * MCP endpoint, each running on the request's virtual thread until its answer is written.
 * <p>
 * Every handler first applies the same gate, in this order: shutdown (503), {@code Host} and
 * {@code Origin} (403), then for anything but {@code initialize} the
 * {@code MCP-Protocol-Version} (400) and the session (400 without id, 404 unknown).
 */
final class StreamableEndpoint {

    private static final System.Logger LOGGER = System.getLogger(StreamableEndpoint.class.getName());
    private static final HeaderName SESSION_ID = HeaderNames.create("Mcp-Session-Id");
    private static final HeaderName PROTOCOL_VERSION = HeaderNames.create("MCP-Protocol-Version");
    private static final HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");
    // The spec: without the header the server SHOULD assume this revision.
    private static final String ASSUMED_PROTOCOL_VERSION = "2025-03-26";

    private final McpJsonMapper jsonMapper;
    private final McpTransportContextExtractor<ServerRequest> contextExtractor;
    private final OriginPolicy originPolicy;
    private final Duration keepAliveInterval;
    private final List<String> protocolVersions;
    private final StreamableRequestBody requestBody;
    private final StreamableSessions sessions;
    private final StreamableReplies replies;

    StreamableEndpoint(McpJsonMapper jsonMapper,
                       McpTransportContextExtractor<ServerRequest> contextExtractor,
                       OriginPolicy originPolicy,
                       Duration keepAliveInterval,
                       List<String> protocolVersions,
                       StreamableRequestBody requestBody,
                       StreamableSessions sessions) {
        this.jsonMapper = jsonMapper;
        this.contextExtractor = contextExtractor;
        this.originPolicy = originPolicy;
        this.keepAliveInterval = keepAliveInterval;
        this.protocolVersions = List.copyOf(protocolVersions);
        this.requestBody = requestBody;
        this.sessions = sessions;
        this.replies = new StreamableReplies(jsonMapper);
    }

    void post(ServerRequest request, ServerResponse response) {
        if (!admitted(request, response)) {
            return;
        }
        Accepts accepts = Accepts.of(request);
        if (!accepts.json() && !accepts.sse()) {
            replies.refuse(response, Status.NOT_ACCEPTABLE_406, McpSchema.ErrorCodes.INVALID_REQUEST,
                           "Not acceptable: Accept must include application/json or text/event-stream");
            return;
        }
        Optional<HttpMediaType> contentType = request.headers().contentType();
        if (contentType.isPresent() && !contentType.get().mediaType().text().equalsIgnoreCase("application/json")) {
            replies.refuse(response, Status.UNSUPPORTED_MEDIA_TYPE_415, McpSchema.ErrorCodes.INVALID_REQUEST,
                           "Unsupported media type: send the message as application/json");
            return;
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = requestBody.read(request);
        } catch (StreamableRequestBody.Refusal refusal) {
            replies.refuse(response, refusal.status(), refusal.code(), refusal.getMessage());
            return;
        }
        McpTransportContext context = contextExtractor.extract(request);
        if (message instanceof McpSchema.JSONRPCRequest call && McpSchema.METHOD_INITIALIZE.equals(call.method())) {
            initialize(call, context, accepts, response);
            return;
        }
        Optional<StreamableSession> found = session(request, response, context);
        if (found.isEmpty()) {
            return;
        }
        StreamableSession session = found.get();
        session.touch();
        try {
            switch (message) {
                case McpSchema.JSONRPCRequest call when accepts.sse() -> stream(session, call, context, response);
                case McpSchema.JSONRPCRequest call -> replyAsJson(session, call, context, response);
                case McpSchema.JSONRPCNotification notification -> {
                    session.mcp().accept(notification).contextWrite(c -> c.put(McpTransportContext.KEY, context))
                            .block();
                    response.status(Status.ACCEPTED_202).send();
                }
                case McpSchema.JSONRPCResponse reply -> {
                    session.mcp().accept(reply).contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
                    response.status(Status.ACCEPTED_202).send();
                }
                default -> throw new IllegalStateException("Unexpected message type " + message.getClass());
            }
        } catch (McpError e) {
            // The SDK refuses a response to a request it never sent: the client's mistake.
            LOGGER.log(DEBUG, "Session {0} refused a message: {1}", session.id(), e.getMessage());
            replies.refuse(response, Status.BAD_REQUEST_400, McpSchema.ErrorCodes.INVALID_REQUEST,
                           "Invalid request: the message does not match any pending exchange");
        } catch (RuntimeException e) {
            replies.internalError(response, "POST in session " + session.id(), e);
        } finally {
            session.touch();
        }
    }

    void get(ServerRequest request, ServerResponse response) {
        if (!admitted(request, response)) {
            return;
        }
        if (!Accepts.of(request).sse()) {
            replies.refuse(response, Status.NOT_ACCEPTABLE_406, McpSchema.ErrorCodes.INVALID_REQUEST,
                           "Not acceptable: the listening stream is text/event-stream");
            return;
        }
        McpTransportContext context = contextExtractor.extract(request);
        Optional<StreamableSession> found = session(request, response, context);
        if (found.isEmpty()) {
            return;
        }
        StreamableSession session = found.get();
        SseStream stream = new SseStream(session.id(), response, jsonMapper, replies::clientSafe);
        try {
            Optional<String> lastEventId = request.headers().first(LAST_EVENT_ID);
            if (lastEventId.isPresent()) {
                // Replays what the SDK kept of the stream; SDK 2.1 keeps nothing, so this is empty.
                session.mcp().replay(lastEventId.get()).contextWrite(c -> c.put(McpTransportContext.KEY, context))
                        .toIterable().forEach(stream::send);
            }
            // The SDK closes the listening stream this one replaces: the newest GET wins. The
            // spec lets a client hold several streams as long as each message goes to one,
            // and refusing the second GET (409) strands a client that reconnects before the
            // server has noticed its old connection is dead.
            McpStreamableServerSession.McpStreamableServerSessionStream listening = session.mcp()
                    .listeningStream(stream);
            try {
                // Announced only once registered: a client that sees the stream open can
                // count on it to receive what the server sends from then on.
                stream.open();
                stream.awaitClose(keepAliveInterval);
            } finally {
                listening.releaseTransport();
            }
        } catch (RuntimeException e) {
            LOGGER.log(WARNING, "Listening stream of session " + session.id() + " failed", e);
        } finally {
            stream.close();
            session.touch();
        }
    }

    void delete(ServerRequest request, ServerResponse response) {
        if (!admitted(request, response)) {
            return;
        }
        Optional<StreamableSession> found = session(request, response, contextExtractor.extract(request));
        if (found.isPresent()) {
            sessions.delete(found.get());
            response.status(Status.OK_200).send();
        }
    }

    void methodNotAllowed(ServerRequest request, ServerResponse response) {
        response.header(HeaderNames.ALLOW, "GET, POST, DELETE");
        replies.refuse(response, Status.METHOD_NOT_ALLOWED_405, McpSchema.ErrorCodes.INVALID_REQUEST,
                       "Method not allowed: the MCP endpoint accepts GET, POST and DELETE");
    }

    private void initialize(McpSchema.JSONRPCRequest call,
                            McpTransportContext context,
                            Accepts accepts,
                            ServerResponse response) {
        if (!sessions.ready()) {
            replies.refuse(response, Status.SERVICE_UNAVAILABLE_503, McpSchema.ErrorCodes.INTERNAL_ERROR,
                           "The MCP server is not ready");
            return;
        }
        McpSchema.InitializeRequest initialize;
        try {
            initialize = jsonMapper.convertValue(call.params(), new TypeRef<McpSchema.InitializeRequest>() { });
        } catch (RuntimeException e) {
            replies.refuse(response, Status.BAD_REQUEST_400, McpSchema.ErrorCodes.INVALID_PARAMS,
                           "Invalid params: initialize needs protocolVersion, capabilities and clientInfo");
            return;
        }
        StreamableSessions.Started started;
        try {
            started = sessions.start(initialize, context);
        } catch (RuntimeException e) {
            replies.internalError(response, "initialize", e);
            return;
        }
        String id = started.session().id();
        McpSchema.JSONRPCResponse reply = McpSchema.JSONRPCResponse.result(call.id(), started.result());
        response.header(SESSION_ID, id);
        if (accepts.json()) {
            replies.sendJson(response, Status.OK_200, reply);
        } else {
            SseStream stream = new SseStream(id, response, jsonMapper, replies::clientSafe);
            if (stream.open()) {
                stream.send(reply);
            }
            stream.close();
        }
    }

    /**
     * Answers a request with an SSE stream: what the handler sends while it runs (progress),
     * then the response.
     */
    private void stream(StreamableSession session,
                        McpSchema.JSONRPCRequest call,
                        McpTransportContext context,
                        ServerResponse response) {
        SseStream stream = new SseStream(session.id(), response, jsonMapper, replies::clientSafe);
        if (!stream.open()) {
            return;
        }
        try {
            session.mcp().responseStream(call, stream).contextWrite(c -> c.put(McpTransportContext.KEY, context))
                    .block();
        } catch (RuntimeException e) {
            String correlation = StreamableReplies.correlationId();
            LOGGER.log(WARNING, "Request " + StreamableReplies.printable(call.method()) + " in session "
                    + session.id() + " failed, correlation id " + correlation, e);
            stream.send(McpSchema.JSONRPCResponse.error(call.id(), new McpSchema.JSONRPCResponse.JSONRPCError(
                    McpSchema.ErrorCodes.INTERNAL_ERROR, StreamableReplies.internalErrorMessage(correlation))));
        } finally {
            stream.close();
        }
    }

    private void replyAsJson(StreamableSession session,
                             McpSchema.JSONRPCRequest call,
                             McpTransportContext context,
                             ServerResponse response) {
        StreamableJsonReply reply = new StreamableJsonReply(session.id(), jsonMapper, replies::clientSafe);
        session.mcp().responseStream(call, reply).contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
        Optional<McpSchema.JSONRPCResponse> answer = reply.response();
        if (answer.isPresent()) {
            replies.sendJson(response, Status.OK_200, answer.get());
        } else {
            replies.internalError(response, "JSON reply in session " + session.id(),
                                  new IllegalStateException("The SDK produced no response for " + call.method()));
        }
    }

    /**
     * Refuses requests during shutdown and requests with a foreign Host or Origin, before any
     * MCP handling.
     */
    private boolean admitted(ServerRequest request, ServerResponse response) {
        if (sessions.isClosed()) {
            replies.refuse(response, Status.SERVICE_UNAVAILABLE_503, McpSchema.ErrorCodes.INTERNAL_ERROR,
                           "The MCP server is shutting down");
            return false;
        }
        return headerAllowed(request, response, HeaderNames.HOST, originPolicy::allowsHost,
                             "Forbidden: the Host header does not name this server")
                && headerAllowed(request, response, HeaderNames.ORIGIN, originPolicy::allowsOrigin,
                                 "Forbidden: the Origin header is not allowed");
    }

    private boolean headerAllowed(ServerRequest request,
                                  ServerResponse response,
                                  HeaderName header,
                                  Predicate<List<String>> allowed,
                                  String refusal) {
        List<String> values = request.headers().values(header);
        if (allowed.test(values)) {
            return true;
        }
        LOGGER.log(WARNING, "Refused a request to the MCP endpoint with {0} {1} (DNS rebinding protection)",
                   header.defaultCase(), StreamableReplies.printable(String.join(",", values)));
        replies.refuse(response, Status.FORBIDDEN_403, McpSchema.ErrorCodes.INVALID_REQUEST, refusal);
        return false;
    }

    /**
     * The session a non-initialize request belongs to, after checking its protocol version;
     * or empty after answering 400 (unsupported version, no session id) or 404 (unknown,
     * ended, or another caller's session).
     */
    private Optional<StreamableSession> session(ServerRequest request,
                                                ServerResponse response,
                                                McpTransportContext context) {
        String version = request.headers().first(PROTOCOL_VERSION).orElse(ASSUMED_PROTOCOL_VERSION);
        if (!protocolVersions.contains(version)) {
            replies.refuse(response, Status.BAD_REQUEST_400, McpSchema.ErrorCodes.INVALID_REQUEST,
                           "Bad request: unsupported MCP-Protocol-Version; supported: "
                                   + String.join(", ", protocolVersions));
            return Optional.empty();
        }
        Optional<String> id = request.headers().first(SESSION_ID).filter(value -> !value.isBlank());
        if (id.isEmpty()) {
            replies.refuse(response, Status.BAD_REQUEST_400, McpSchema.ErrorCodes.INVALID_REQUEST,
                           "Bad request: Mcp-Session-Id header is required; send initialize first");
            return Optional.empty();
        }
        Optional<StreamableSession> session = sessions.find(id.get(), context);
        if (session.isEmpty()) {
            replies.refuse(response, Status.NOT_FOUND_404, McpSchema.ErrorCodes.INVALID_REQUEST,
                           "Session not found: initialize a new session");
        }
        return session;
    }

    /**
     * Which answer formats the client takes, from its {@code Accept} header. No header means
     * anything; wildcard ranges such as {@code text/*} count.
     */
    private record Accepts(boolean json, boolean sse) {

        static Accepts of(ServerRequest request) {
            List<String> values = request.headers().values(HeaderNames.ACCEPT);
            if (values.isEmpty()) {
                return new Accepts(true, true);
            }
            boolean json = false;
            boolean sse = false;
            for (String value : values) {
                for (String range : value.split(",")) {
                    String type = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
                    json |= type.equals("application/json") || type.equals("application/*") || type.equals("*/*");
                    sse |= type.equals("text/event-stream") || type.equals("text/*") || type.equals("*/*");
                }
            }
            return new Accepts(json, sse);
        }
    }
}
