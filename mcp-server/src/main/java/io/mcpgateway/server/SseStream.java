package io.mcpgateway.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import reactor.core.publisher.Mono;

/**
 * One Server-Sent Events response of the MCP endpoint: the stream answering a POSTed request
 * (progress notifications, then the response) or the listening stream of a GET.
 * <p>
 * Frames are written straight to the Helidon response and flushed one by one, so a client
 * sees each notification when it is sent, not when the tool call ends. Writers on other
 * threads (a notification for the listening stream, a tool's progress) are serialized by a
 * lock. Once the client is gone or the stream is closed, further messages are dropped: the
 * tool call that produced them still completes, only its output has nobody to reach.
 * <p>
 * Events carry no {@code id}: the SDK keeps no event history, so announcing ids would invite
 * {@code Last-Event-ID} reconnects that could not be honoured.
 */
final class SseStream implements McpStreamableServerTransport {

    private static final System.Logger LOGGER = System.getLogger(SseStream.class.getName());
    private static final byte[] OPENING = ": stream open\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final String sessionId;
    private final ServerResponse response;
    private final McpJsonMapper jsonMapper;
    private final UnaryOperator<McpSchema.JSONRPCMessage> outbound;
    private final ReentrantLock lock = new ReentrantLock();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final OutputStream out;

    /**
     * Creates a stream on a response that has not been sent yet: sets the status and headers
     * of an event stream. Nothing is written until {@link #open()} or the first message.
     *
     * @param sessionId the MCP session, for log lines
     * @param response  the Helidon response to write to
     * @param jsonMapper serializes the messages
     * @param outbound  last look at every message before it leaves (error scrubbing)
     */
    SseStream(String sessionId,
              ServerResponse response,
              McpJsonMapper jsonMapper,
              UnaryOperator<McpSchema.JSONRPCMessage> outbound) {
        this.sessionId = sessionId;
        this.response = response;
        this.jsonMapper = jsonMapper;
        this.outbound = outbound;
        response.status(Status.OK_200);
        response.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.header(HeaderNames.CACHE_CONTROL, "no-cache, no-store");
        // Tells nginx-style proxies not to buffer the stream.
        response.header("X-Accel-Buffering", "no");
        this.out = response.outputStream();
    }

    /**
     * Sends the status, the headers and an SSE comment, so that they leave at once: a client
     * waiting for a long tool call (or on the listening stream) sees the stream open, and
     * proxies see traffic.
     *
     * @return {@code true} if the client is still there
     */
    boolean open() {
        lock.lock();
        try {
            return !isClosed() && write(OPENING);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return sendMessage(message, null);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        return Mono.fromRunnable(() -> send(message));
    }

    /**
     * Writes one message as an SSE event, or drops it when the stream is closed.
     *
     * @param message the JSON-RPC message
     */
    void send(McpSchema.JSONRPCMessage message) {
        String json;
        try {
            json = jsonMapper.writeValueAsString(outbound.apply(message));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialize a JSON-RPC message", e);
        }
        StringBuilder frame = new StringBuilder(json.length() + 32).append("event: message\n");
        // A data line must not contain a line break; serialized JSON has none, but be exact.
        for (String line : json.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        frame.append('\n');
        lock.lock();
        try {
            if (isClosed()) {
                LOGGER.log(System.Logger.Level.DEBUG, "Dropped a message for closed stream of session {0}", sessionId);
                return;
            }
            write(frame.toString().getBytes(StandardCharsets.UTF_8));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks the request's (virtual) thread until the stream is closed by the session, by
     * shutdown, or by the client going away. With a positive interval an SSE comment is sent
     * whenever the stream has been idle that long: it keeps proxies from timing the stream
     * out, and a failed write is how a vanished client is noticed.
     *
     * @param keepAliveInterval idle time between comments, zero for none
     */
    void awaitClose(Duration keepAliveInterval) {
        try {
            if (keepAliveInterval.isZero()) {
                closed.await();
                return;
            }
            while (!closed.await(keepAliveInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                lock.lock();
                try {
                    if (!isClosed()) {
                        write(KEEP_ALIVE);
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
    }

    /**
     * Whether the stream was closed or the client went away.
     *
     * @return {@code true} once closed
     */
    boolean isClosed() {
        return closed.getCount() == 0;
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return jsonMapper.convertValue(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::close);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (isClosed()) {
                return;
            }
            closed.countDown();
            // Ends the chunked response; the request handler then returns.
            out.close();
        } catch (IOException | UncheckedIOException e) {
            LOGGER.log(System.Logger.Level.DEBUG, "Closing the stream of session " + sessionId + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes and flushes; on failure marks the stream closed. Caller holds the lock.
     */
    private boolean write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException | UncheckedIOException e) {
            LOGGER.log(System.Logger.Level.DEBUG, "Client of session {0} went away: {1}", sessionId, e.toString());
            closed.countDown();
            return false;
        }
    }
}
