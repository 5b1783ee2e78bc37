package io.mcpgateway.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.ToolCall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code approvals.notifications} from gateway.yaml, wired through the gateway: a call that
 * needs approval reaches a real local receiver as a signed webhook; a plaintext secret is refused.
 */
@Timeout(60)
class ApprovalNotificationsTest {

    private HttpServer receiver;
    private final List<Map<String, String>> deliveries = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            deliveries.add(Map.of("event", exchange.getRequestHeaders().getFirst("X-Gateway-Event"),
                    "timestamp", exchange.getRequestHeaders().getFirst("X-Gateway-Timestamp"),
                    "signature", exchange.getRequestHeaders().getFirst("X-Gateway-Signature"),
                    "body", body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private String hook() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    void requestForApprovalIsDeliveredSignedWithTheReferencedSecret() throws Exception {
        try (DemoFixture fixture = DemoFixture.create().withApprovalWait("0s")) {
            Path secret = fixture.dataDir().resolve("webhook-secret");
            Files.createDirectories(secret.getParent());
            Files.writeString(secret, "a-shared-secret-of-some-length\n");
            fixture.withConfigLine("  notifications: []", "  notifications:\n"
                    + "    - { kind: webhook, url: \"" + hook() + "\", secret: \"file:" + secret + "\" }");
            Gateway gateway = fixture.gateway();
            try (gateway) {
                gateway.pipeline().handle(new ToolCall("update_order_status", Map.of("order_id", 2, "status", "paid"),
                        new Identity("alice@example.com", "alice@example.com", Set.of("support")), "", "c-1"));
            }
            // closing the gateway waits for deliveries in flight
            assertEquals(1, deliveries.size());
            Map<String, String> d = deliveries.getFirst();
            assertEquals("approval.requested", d.get("event"));
            assertEquals("sha256=" + hmac("a-shared-secret-of-some-length", d.get("timestamp") + "." + d.get("body")),
                    d.get("signature"));
        }
    }

    @Test
    void plaintextWebhookSecretIsRefusedAtStart() {
        try (DemoFixture fixture = DemoFixture.create()) {
            fixture.withConfigLine("  notifications: []", "  notifications:\n"
                    + "    - { kind: webhook, url: \"" + hook() + "\", secret: \"written-in-clear-1234\" }");
            GatewayConfig config = fixture.config();
            DemoDatabase.ensure(config);
            io.mcpgateway.tools.GatewayException e = assertThrows(io.mcpgateway.tools.GatewayException.class,
                    () -> Gateway.create(config, java.time.Clock.systemUTC()).close());
            assertEquals("credential_plaintext", e.reasonCode());
        }
    }

    private static String hmac(String secret, String text) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
