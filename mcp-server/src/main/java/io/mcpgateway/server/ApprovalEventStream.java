package io.mcpgateway.server;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import tools.jackson.databind.json.JsonMapper;

import io.mcpgateway.approvals.ApprovalEvent;
import io.mcpgateway.approvals.ApprovalRequest;
import io.mcpgateway.approvals.ApprovalService;
import io.mcpgateway.approvals.ReviewerSessions;

/**
 * {@code GET /approvals/events}: a Server-Sent Events stream that tells an open review page
 * about every change to a request its reader may see ({@code event: change}, data
 * {@code {"id","kind","status"}}), so new requests appear without reloading.
 *
 * <p>It follows the store's change feed, woken at once by changes made through this instance
 * and reading the store every second for those made on other instances. A {@code ping} event
 * every 15 seconds keeps proxies from closing the stream and notices clients that left; the
 * stream also ends when the session does.
 */
final class ApprovalEventStream implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(ApprovalEventStream.class.getName());
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final ApprovalService approvals;
    private final ReviewerAuth auth;
    private final JsonMapper json;
    private volatile boolean closed;

    /**
     * Creates the stream endpoint.
     *
     * @param approvals approval service
     * @param auth      reviewer authentication
     * @param json      JSON mapper
     */
    ApprovalEventStream(ApprovalService approvals, ReviewerAuth auth, JsonMapper json) {
        this.approvals = approvals;
        this.auth = auth;
        this.json = json;
    }

    /**
     * Serves one stream until the client leaves, the session ends or the server stops.
     *
     * @param req request
     * @param res response
     */
    void stream(ServerRequest req, ServerResponse res) {
        Optional<ReviewerSessions.Session> session = auth.session(req);
        if (session.isEmpty()) {
            res.status(Status.UNAUTHORIZED_401).send();
            return;
        }
        ReviewerAuth.protect(res);
        long seq = approvals.lastChange();
        long lastBeat = System.nanoTime();
        try (SseSink sink = res.sink(SseSink.TYPE)) {
            // Helidon's sink writes events that carry data; comment-only events are not an option
            sink.emit(SseEvent.builder().name("ready").data("{}").reconnectDelay(Duration.ofSeconds(3)).build());
            while (!closed) {
                approvals.awaitLocalChange(POLL);
                List<ApprovalEvent> changes = approvals.changesAfter(seq, 200);
                for (ApprovalEvent e : changes) {
                    seq = e.seq();
                    Optional<ApprovalRequest> r = approvals.find(e.requestId())
                            .filter(x -> approvals.rules().mayView(x, session.get().person()));
                    if (r.isPresent()) {
                        Map<String, Object> data = new LinkedHashMap<>();
                        data.put("id", e.requestId());
                        data.put("kind", e.kind().label());
                        data.put("status", r.get().status().label());
                        sink.emit(SseEvent.builder().name("change").id(Long.toString(e.seq()))
                                .data(json.writeValueAsString(data)).build());
                        lastBeat = System.nanoTime();
                    }
                }
                if (System.nanoTime() - lastBeat > HEARTBEAT.toNanos()) {
                    if (auth.session(req).isEmpty()) {
                        return;
                    }
                    sink.emit(SseEvent.builder().name("ping").data("{}").build());
                    lastBeat = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException | IllegalStateException e) {
            // the client went away; nothing to clean up
            LOGGER.log(System.Logger.Level.DEBUG, "Approval event stream ended: " + e.getMessage());
        }
    }

    /** Ends every open stream (at server stop). */
    @Override
    public void close() {
        closed = true;
    }
}
