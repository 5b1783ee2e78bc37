package io.mcpgateway.server;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * The live MCP sessions of the transport: started through the SDK's session factory, found by
 * id for the caller they are bound to, ended on DELETE, when idle, or at shutdown.
 */
final class StreamableSessions {

    private static final System.Logger LOGGER = System.getLogger(StreamableSessions.class.getName());

    private final Map<String, StreamableSession> sessions = new ConcurrentHashMap<>();
    private final Function<McpTransportContext, ?> binding;
    private final Duration idleTimeout;
    private volatile McpStreamableServerSession.Factory factory;
    private volatile boolean closed;

    /**
     * Creates an empty registry.
     *
     * @param binding     computes, from a request's transport context, the caller a session
     *                    belongs to
     * @param idleTimeout how long an unused session without open stream is kept
     */
    StreamableSessions(Function<McpTransportContext, ?> binding, Duration idleTimeout) {
        this.binding = binding;
        this.idleTimeout = idleTimeout;
    }

    void factory(McpStreamableServerSession.Factory factory) {
        this.factory = factory;
    }

    /**
     * Whether sessions can be started: the MCP server has given its factory and shutdown has
     * not begun.
     *
     * @return {@code true} if {@link #start} may be called
     */
    boolean ready() {
        return factory != null && !closed;
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Starts a session for an {@code initialize} request, first ending idle sessions.
     *
     * @param initialize the client's request
     * @param context    transport context of the request (gives the session's binding)
     * @return the registered session and the result to answer initialize with
     * @throws RuntimeException if the SDK fails to initialize; nothing is registered then
     */
    Started start(McpSchema.InitializeRequest initialize, McpTransportContext context) {
        endIdle();
        McpStreamableServerSession.McpStreamableServerSessionInit init = factory.startSession(initialize);
        McpSchema.InitializeResult result = init.initResult().block();
        StreamableSession session = new StreamableSession(init.session(), binding.apply(context));
        sessions.put(session.id(), session);
        LOGGER.log(INFO, "MCP session {0} started by client {1} (protocol {2})", session.id(),
                   StreamableReplies.printable(initialize.clientInfo() == null ? "?" : initialize.clientInfo().name()),
                   StreamableReplies.printable(initialize.protocolVersion()));
        return new Started(session, result);
    }

    /**
     * The session with this id, if it exists and belongs to the caller of the request. A
     * session of another caller is reported as absent, so probing ids reveals nothing.
     *
     * @param id      the {@code Mcp-Session-Id} value
     * @param context transport context of the request
     * @return the session, or empty
     */
    Optional<StreamableSession> find(String id, McpTransportContext context) {
        StreamableSession session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (!session.isBoundTo(binding.apply(context))) {
            LOGGER.log(WARNING, "Refused use of MCP session {0} by another caller", session.id());
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /**
     * Ends a session at the client's request.
     *
     * @param session the session
     */
    void delete(StreamableSession session) {
        if (sessions.remove(session.id(), session)) {
            end(session);
            LOGGER.log(INFO, "MCP session {0} ended by the client", session.id());
        }
    }

    /**
     * Sends a notification to one session's listening stream; a session without one misses
     * it (nothing is queued).
     *
     * @param sessionId the session
     * @param method    notification method
     * @param params    notification params
     */
    void notify(String sessionId, String method, Object params) {
        StreamableSession session = sessions.get(sessionId);
        if (session == null) {
            return;
        }
        try {
            session.mcp().sendNotification(method, params).block();
        } catch (RuntimeException e) {
            LOGGER.log(DEBUG, "Notification {0} not delivered to session {1}: {2}", method, sessionId,
                       e.getMessage());
        }
    }

    /**
     * Sends a notification to every session.
     *
     * @param method notification method
     * @param params notification params
     */
    void notifyAll(String method, Object params) {
        sessions.keySet().forEach(id -> notify(id, method, params));
    }

    /**
     * Refuses further sessions and ends all live ones, closing their streams.
     */
    void closeAll() {
        closed = true;
        sessions.values().forEach(this::end);
        sessions.clear();
    }

    int count() {
        return sessions.size();
    }

    long listeningCount() {
        return sessions.values().stream().filter(session -> session.mcp().hasListeningStream()).count();
    }

    private void endIdle() {
        sessions.values().stream().filter(session -> session.isIdleFor(idleTimeout)).forEach(session -> {
            if (sessions.remove(session.id(), session)) {
                LOGGER.log(INFO, "MCP session {0} ended after {1} idle", session.id(), idleTimeout);
                end(session);
            }
        });
    }

    private void end(StreamableSession session) {
        try {
            session.mcp().delete().block();
        } catch (RuntimeException e) {
            LOGGER.log(WARNING, "Ending MCP session " + session.id() + " failed", e);
        }
    }

    /**
     * A session just started and the result that answers its initialize request.
     *
     * @param session the registered session
     * @param result  the initialize result
     */
    record Started(StreamableSession session, McpSchema.InitializeResult result) {
    }
}
