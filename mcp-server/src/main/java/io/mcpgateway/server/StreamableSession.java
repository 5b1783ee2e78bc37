package io.mcpgateway.server;

import java.time.Duration;
import java.util.Objects;

import io.modelcontextprotocol.spec.McpStreamableServerSession;

/**
 * What the transport keeps per MCP session besides the SDK's session: the caller the session
 * is bound to and when it was last used.
 */
final class StreamableSession {

    private final McpStreamableServerSession mcp;
    private final Object binding;
    private volatile long lastActiveNanos = System.nanoTime();

    /**
     * Wraps a started SDK session.
     *
     * @param mcp     the SDK session
     * @param binding the caller the session belongs to, as computed at initialize ({@code null}
     *                when sessions are not bound)
     */
    StreamableSession(McpStreamableServerSession mcp, Object binding) {
        this.mcp = mcp;
        this.binding = binding;
    }

    McpStreamableServerSession mcp() {
        return mcp;
    }

    String id() {
        return mcp.getId();
    }

    /**
     * Whether a request whose caller computes to {@code binding} may use this session. A
     * session id that leaks (a log line, a shared terminal) must not let another user read
     * this user's notifications or act in their session.
     *
     * @param callerBinding the binding computed for the current request
     * @return {@code true} if it is the caller that initialized the session
     */
    boolean isBoundTo(Object callerBinding) {
        return Objects.equals(binding, callerBinding);
    }

    void touch() {
        lastActiveNanos = System.nanoTime();
    }

    /**
     * Whether the session has been unused for longer than {@code idleTimeout} and has no
     * open stream (a client holding a stream open is still there, however silent).
     *
     * @param idleTimeout the idle limit
     * @return {@code true} if the session may be ended
     */
    boolean isIdleFor(Duration idleTimeout) {
        return !mcp.hasOpenStream() && System.nanoTime() - lastActiveNanos > idleTimeout.toNanos();
    }
}
