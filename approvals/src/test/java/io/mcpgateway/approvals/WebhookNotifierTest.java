package io.mcpgateway.approvals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static io.mcpgateway.approvals.ApprovalFixture.ALICE;
import static io.mcpgateway.approvals.ApprovalFixture.BOB;
import static io.mcpgateway.approvals.ApprovalFixture.ONE_DBA;
import static io.mcpgateway.approvals.ApprovalFixture.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Notifications delivered to a real local HTTP receiver: signature, retries, Slack format.
 */
@Timeout(30)
class WebhookNotifierTest {

    private static final String SECRET = "0123456789abcdef-shared";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpServer receiver;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failWith = 503;

    record Delivery(Map<String, String> headers, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.getFirst()));
            deliveries.add(new Delivery(headers, body));
            int status = failuresLeft.getAndDecrement() > 0 ? failWith : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private WebhookNotifier notifier(WebhookNotifier.Format format) {
        WebhookNotifier.Builder b = WebhookNotifier.builder()
                .format(format)
                .url(url(), "test.url")
                .initialBackoff(Duration.ofMillis(20))
                .timeout(Duration.ofSeconds(2))
                .reviewUrl(id -> "https://gateway.example.com/approvals/" + id);
        return (format == WebhookNotifier.Format.WEBHOOK ? b.secret(SECRET) : b).build();
    }

    /** Opens a request (and denies it) with the notifier listening; returns the request id. */
    private String openAndDeny(WebhookNotifier notifier) {
        ApprovalFixture fixture = ApprovalFixture.h2("notify-" + UUID.randomUUID());
        ApprovalService service = fixture.service().addListener(notifier).build();
        var bound = call(ALICE, 42, "shipped");
        ApprovalRequest r = service.open(bound, ONE_DBA, ApprovalBinding.of(bound, "p1"), UnaryOperator.identity());
        service.deny(r.id(), BOB, "Not <today> & not ever");
        notifier.close();
        return r.id();
    }

    @Test
    void signedJsonDeliveriesVerifyWithTheSharedSecretAndCarryNoArguments() {
        String id = openAndDeny(notifier(WebhookNotifier.Format.WEBHOOK));
        assertEquals(2, deliveries.size());
        List<String> events = deliveries.stream().map(d -> d.headers().get("X-Gateway-Event")).sorted().toList();
        assertEquals(List.of("approval.denied", "approval.requested"), events);
        for (Delivery d : deliveries) {
            String expected = "sha256=" + WebhookNotifier.sign(SECRET.getBytes(StandardCharsets.UTF_8),
                    d.headers().get("X-Gateway-Timestamp") + "." + d.body());
            assertEquals(expected, d.headers().get("X-Gateway-Signature"));
            assertFalse(d.body().contains("shipped"), "arguments stay out of notifications: " + d.body());
        }
        Map<String, Object> denied = JSON.readValue(deliveries.stream()
                .filter(d -> d.headers().get("X-Gateway-Event").equals("approval.denied")).findFirst().orElseThrow()
                .body(), new TypeReference<>() {
                });
        assertEquals(id, denied.get("id"));
        assertEquals("denied", denied.get("status"));
        assertEquals("update_order_status", denied.get("tool"));
        assertEquals("bob@example.com", denied.get("actor"));
        assertEquals("Not <today> & not ever", denied.get("comment"));
        assertEquals("https://gateway.example.com/approvals/" + id, denied.get("reviewUrl"));
    }

    @Test
    void forgedSignatureDoesNotVerify() {
        openAndDeny(notifier(WebhookNotifier.Format.WEBHOOK));
        Delivery d = deliveries.getFirst();
        String withOtherSecret = "sha256=" + WebhookNotifier.sign("another-secret-of-16+".getBytes(StandardCharsets.UTF_8),
                d.headers().get("X-Gateway-Timestamp") + "." + d.body());
        assertFalse(withOtherSecret.equals(d.headers().get("X-Gateway-Signature")));
    }

    @Test
    void serverErrorsAreRetriedWithTheSameDeliveryIdUntilAccepted() {
        failuresLeft.set(2);
        WebhookNotifier notifier = notifier(WebhookNotifier.Format.WEBHOOK);
        ApprovalFixture fixture = ApprovalFixture.h2("retry-" + UUID.randomUUID());
        ApprovalService service = fixture.service().addListener(notifier).build();
        var bound = call(ALICE, 42, "shipped");
        service.open(bound, ONE_DBA, ApprovalBinding.of(bound, "p1"), UnaryOperator.identity());
        notifier.close();
        assertEquals(3, deliveries.size(), "two 503s, then accepted");
        assertEquals(1, deliveries.stream().map(d -> d.headers().get("X-Gateway-Delivery")).distinct().count());
    }

    @Test
    void clientErrorIsNotRetried() {
        failuresLeft.set(5);
        failWith = 400;
        openAndDeny(notifier(WebhookNotifier.Format.WEBHOOK));
        assertEquals(2, deliveries.size(), "one attempt per notification");
    }

    @Test
    void slackMessageLinksToTheReviewPageAndEscapesControlCharacters() {
        String id = openAndDeny(notifier(WebhookNotifier.Format.SLACK));
        Map<String, Object> denied = JSON.readValue(deliveries.stream()
                .filter(d -> d.body().contains("Denied")).findFirst().orElseThrow().body(), new TypeReference<>() {
                });
        assertEquals(":no_entry: *Denied* by bob@example.com: `update_order_status` on `demo-write` (risk write), "
                + "requested by alice@example.com\nRule `risk.write`: Writes on connection 'demo-write' need a "
                + "reviewer's approval.\n> Not &lt;today&gt; &amp; not ever\n"
                + "<https://gateway.example.com/approvals/" + id + "|Review " + id + ">", denied.get("text"));
        assertEquals(null, deliveries.getFirst().headers().get("X-Gateway-Signature"));
    }

    @Test
    void signedWebhookWithoutSecretIsAConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WebhookNotifier.builder()
                .format(WebhookNotifier.Format.WEBHOOK).url(url(), "x").reviewUrl(id -> id).build());
        assertEquals("approvals notifications of kind webhook need a secret (receivers verify the "
                + "X-Gateway-Signature with it)", e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> WebhookNotifier.builder().url("ftp://example.com/x", "approvals.notifications.0.url"));
        assertEquals("approvals.notifications.0.url must be an http(s) URL with a host", bad.getMessage());
    }
}
