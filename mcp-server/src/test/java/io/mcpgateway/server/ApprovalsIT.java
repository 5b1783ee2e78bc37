package io.mcpgateway.server;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Calls that need approval, end to end: a real MCP client over HTTP holds the call while a
 * reviewer decides through the JSON API or the page's forms, on the demo gateway.
 */
@Timeout(120)
class ApprovalsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static DemoFixture fixture;
    private static ApprovalHarness.MovableClock clock;
    private static Gateway gateway;
    private static GatewayServer server;
    private static ApprovalHarness harness;
    private static String alice;
    private static String bob;
    private static String carol;
    private static String mallory;
    private static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeAll
    static void start() {
        fixture = DemoFixture.create().withApprovalWait("6s");
        clock = new ApprovalHarness.MovableClock();
        gateway = fixture.gateway(clock);
        server = GatewayServer.start(gateway, "127.0.0.1", 0);
        harness = new ApprovalHarness(server);
        // alice is in dba too: even a member of the reviewer group never approves her own call
        alice = mint("alice@example.com", Set.of("support", "engineering", "dba"));
        bob = mint("bob@example.com", Set.of("dba"));
        carol = mint("carol@example.com", Set.of("dba"));
        mallory = mint("mallory@example.com", Set.of("support"));
    }

    @AfterAll
    static void stop() {
        THREADS.shutdownNow();
        server.close();
        gateway.close();
        fixture.close();
    }

    private static String mint(String user, Set<String> groups) {
        return gateway.issuer().mint(user, user, groups, Duration.ofMinutes(30));
    }

    /** Starts a tool call as alice on its own thread; returns once its approval request is pending. */
    private static Held hold(String tool, Map<String, Object> args) throws Exception {
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        List<String> before = harness.pendingIds(bob);
        CompletableFuture<McpSchema.CallToolResult> result = CompletableFuture.supplyAsync(() -> {
            try (var client = harness.client(alice, progress::add)) {
                return client.callTool(McpSchema.CallToolRequest.builder().name(tool).arguments(args)
                        .progressToken("call-" + tool).build());
            }
        }, THREADS);
        String id = harness.awaitNewPending(bob, before, result);
        return new Held(id, result, progress);
    }

    private record Held(String id, CompletableFuture<McpSchema.CallToolResult> result,
                        List<McpSchema.ProgressNotification> progress) {
        McpSchema.CallToolResult get() throws Exception {
            return result.get(30, TimeUnit.SECONDS);
        }
    }

    private static Map<String, Object> structured(McpSchema.CallToolResult r) {
        return JSON.convertValue(r.structuredContent(), new TypeReference<>() {
        });
    }

    @Test
    void heldCallRunsOnceApprovedAndReportsProgressMeanwhile() throws Exception {
        Held held = hold("update_order_status", Map.of("order_id", 3, "status", "shipped"));
        Thread.sleep(300);
        HttpResponse<String> decided = harness.api("POST", "/api/approvals/" + held.id() + "/decision", bob,
                "{\"decision\":\"approve\",\"comment\":\"Customer confirmed\"}");
        assertEquals(200, decided.statusCode(), decided.body());

        McpSchema.CallToolResult r = held.get();
        assertFalse(r.isError(), r.toString());
        assertEquals(1, ((Number) structured(r).get("affectedRows")).intValue());
        assertFalse(held.progress().isEmpty(), "progress notifications while held");
        assertEquals("Waiting for approval of request " + held.id() + " (stage 1 of 1, 'review': 1 approval(s) "
                + "from dba) at " + server.approvalsUrl() + "/" + held.id(), held.progress().getFirst().message());
        assertEquals("call-update_order_status", held.progress().getFirst().progressToken());

        Map<String, Object> after = harness.json(harness.api("GET", "/api/approvals/" + held.id(), bob, null));
        assertEquals("approved", after.get("status"));
        assertNotEquals(null, after.get("usedAt"), "the approval was used by the held call");
    }

    @Test
    void deniedCallFailsWithTheReviewersReason() throws Exception {
        Held held = hold("purge_cancelled_orders", Map.of("before", "2020-01-01"));
        harness.api("POST", "/api/approvals/" + held.id() + "/decision", bob,
                "{\"decision\":\"deny\",\"comment\":\"Not during the quarter close.\"}");
        McpSchema.CallToolResult r = held.get();
        assertEquals(true, r.isError());
        Map<String, Object> s = structured(r);
        assertEquals("denied_by_reviewer", s.get("outcome"));
        assertEquals(held.id(), s.get("approvalId"));
        assertEquals("bob@example.com denied this call (approval request " + held.id() + "): Not during the quarter "
                + "close. Nothing ran; do not retry the same call, change what the reviewer objected to.",
                s.get("message"));
    }

    @Test
    void decisionAfterTheCallStoppedWaitingLetsTheRepeatRunExactlyOnce() throws Exception {
        Map<String, Object> args = Map.of("order_id", 5, "status", "delivered");
        McpSchema.CallToolResult first;
        try (var client = harness.client(alice, p -> { })) {
            first = client.callTool(new McpSchema.CallToolRequest("update_order_status", args));
        }
        Map<String, Object> pending = structured(first);
        assertEquals("approval_pending", pending.get("outcome"));
        String id = (String) pending.get("approvalId");
        assertEquals(server.approvalsUrl() + "/" + id, pending.get("reviewUrl"));

        assertEquals(200, harness.api("POST", "/api/approvals/" + id + "/decision", bob,
                "{\"decision\":\"approve\"}").statusCode());
        try (var client = harness.client(alice, p -> { })) {
            McpSchema.CallToolResult second = client.callTool(new McpSchema.CallToolRequest("update_order_status", args));
            assertFalse(second.isError(), second.toString());
            assertEquals(1, ((Number) structured(second).get("affectedRows")).intValue());

            McpSchema.CallToolResult third = client.callTool(new McpSchema.CallToolRequest("update_order_status", args));
            Map<String, Object> again = structured(third);
            assertEquals("approval_pending", again.get("outcome"), "a used approval does not run a second call");
            assertNotEquals(id, again.get("approvalId"));
        }
    }

    @Test
    void requesterCannotApproveOwnCallEvenInTheReviewerGroup() throws Exception {
        Held held = hold("update_order_status", Map.of("order_id", 7, "status", "paid"));
        HttpResponse<String> self = harness.api("POST", "/api/approvals/" + held.id() + "/decision", alice,
                "{\"decision\":\"approve\"}");
        assertEquals(403, self.statusCode());
        assertEquals("self_approval", harness.json(self).get("error"));
        harness.api("POST", "/api/approvals/" + held.id() + "/decision", bob, "{\"decision\":\"deny\",\"comment\":\"x\"}");
        assertEquals("denied_by_reviewer", structured(held.get()).get("outcome"));
    }

    @Test
    void nonReviewerCannotSeeOrDecide() throws Exception {
        Held held = hold("update_order_status", Map.of("order_id", 8, "status", "paid"));
        HttpResponse<String> r = harness.api("POST", "/api/approvals/" + held.id() + "/decision", mallory,
                "{\"decision\":\"approve\"}");
        assertEquals(404, r.statusCode());
        assertEquals("There is no approval request " + held.id() + " that you may see.", harness.json(r).get("message"));
        assertEquals(404, harness.api("GET", "/api/approvals/" + held.id(), mallory, null).statusCode());
        assertEquals("pending", harness.json(harness.api("GET", "/api/approvals/" + held.id(), bob, null)).get("status"));
        harness.api("POST", "/api/approvals/" + held.id() + "/cancel", alice, "{}");
        assertEquals("approval_cancelled", structured(held.get()).get("outcome"));
    }

    @Test
    void pageDecisionsNeedTheSessionsCsrfToken() throws Exception {
        Held held = hold("update_order_status", Map.of("order_id", 9, "status", "shipped"));
        ApprovalHarness.Browser page = harness.signIn(bob);
        assertEquals(List.of("HttpOnly", "SameSite=Strict"), page.cookieFlags());
        String csrf = page.csrfOn("/approvals/" + held.id());

        String path = "/approvals/" + held.id() + "/decision";
        assertEquals(403, page.post(path, Map.of("decision", "approve")).statusCode(), "no token");
        assertEquals(403, page.post(path, Map.of("decision", "approve", "csrf", "forged")).statusCode(), "wrong token");
        assertEquals(403, page.postFrom("http://evil.example", path, Map.of("decision", "approve", "csrf", csrf))
                .statusCode(), "right token from another site");
        assertEquals(403, page.apiPost("/api/approvals/" + held.id() + "/decision", "{\"decision\":\"approve\"}")
                .statusCode(), "cookie on the API without X-CSRF-Token");
        assertEquals("pending", harness.json(harness.api("GET", "/api/approvals/" + held.id(), bob, null))
                .get("status"), "nothing changed");

        HttpResponse<String> ok = page.post(path, Map.of("decision", "approve", "csrf", csrf, "comment", "ok"));
        assertEquals(303, ok.statusCode());
        assertEquals("/approvals/" + held.id() + "?done=approved", ok.headers().firstValue("Location").orElseThrow());
        assertFalse(held.get().isError());
    }

    @Test
    void destructiveStatementNeedsTwoDifferentReviewers() throws Exception {
        Held held = hold("purge_cancelled_orders", Map.of("before", "2000-01-01"));
        Map<String, Object> one = harness.json(harness.api("POST", "/api/approvals/" + held.id() + "/decision", bob,
                "{\"decision\":\"approve\"}"));
        assertEquals("pending", one.get("status"));
        HttpResponse<String> twice = harness.api("POST", "/api/approvals/" + held.id() + "/decision", bob,
                "{\"decision\":\"approve\"}");
        assertEquals("already_approved", harness.json(twice).get("error"));
        assertEquals("approved", harness.json(harness.api("POST", "/api/approvals/" + held.id() + "/decision", carol,
                "{\"decision\":\"approve\"}")).get("status"));
        assertFalse(held.get().isError());
    }

    @Test
    void expiredRequestReleasesTheHeldCallWithoutRunningIt() throws Exception {
        Held held = hold("update_order_status", Map.of("order_id", 10, "status", "refunded"));
        clock.advance(Duration.ofHours(9));
        try {
            assertEquals("approval_expired", structured(held.get()).get("outcome"));
            assertEquals("expired", harness.json(harness.api("GET", "/api/approvals/" + held.id(), bob, null))
                    .get("status"));
        } finally {
            clock.advance(Duration.ofHours(-9));
        }
    }

    @Test
    void theModelHasNoWayToApprove() throws Exception {
        try (var client = harness.client(alice, p -> { })) {
            assertEquals(List.of(), client.listTools().tools().stream().map(McpSchema.Tool::name)
                    .filter(n -> n.contains("approv")).toList());
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest("update_order_status",
                    Map.of("order_id", 11, "status", "paid", "approved", true)));
            assertEquals("invalid_arguments", structured(r).get("outcome"));
        }
        assertEquals(401, harness.api("GET", "/api/approvals", null, null).statusCode());
        assertInstanceOf(McpError.class, assertThrows(McpError.class, () -> {
            try (var client = harness.client(alice, p -> { })) {
                client.callTool(new McpSchema.CallToolRequest("approve_request", Map.of("id", "x")));
            }
        }));
    }

    @Test
    void signInWithARejectedTokenShowsTheFormAgain() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.approvalsUrl() + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode("not-a-token",
                        StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        assertEquals(List.of(), r.headers().allValues("Set-Cookie"));
        Matcher m = Pattern.compile("role=\"alert\">([^<]*)<").matcher(r.body());
        assertEquals(true, m.find());
        assertEquals("That token was not accepted: The token is malformed or its signature is not valid.", m.group(1));
    }
}
