package io.mcpgateway.approvals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.tools.BoundCall;

import static io.mcpgateway.approvals.ApprovalFixture.ALICE;
import static io.mcpgateway.approvals.ApprovalFixture.BOB;
import static io.mcpgateway.approvals.ApprovalFixture.ONE_DBA;
import static io.mcpgateway.approvals.ApprovalFixture.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The held call: released by a decision in time, pending when nobody decides, and run exactly
 * once when the same call comes back after a late approval.
 */
@Timeout(30)
class ApprovalGateTest {

    private ApprovalFixture fixture;
    private ApprovalService service;
    private final AtomicReference<String> policyVersion = new AtomicReference<>("p1");
    private final List<String> progress = new CopyOnWriteArrayList<>();
    // one thread per held call: the common pool may have a single worker on a small machine
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void setUp() {
        fixture = ApprovalFixture.h2("gate-" + UUID.randomUUID());
        service = fixture.service().build();
    }

    private ApprovalGate gate(ApprovalService on, Duration wait) {
        return ApprovalGate.builder()
                .service(on)
                .wait(wait)
                .progressInterval(Duration.ofMillis(100))
                .pollInterval(Duration.ofMillis(50))
                .reviewUrl(id -> "http://127.0.0.1:8080/approvals/" + id)
                .policyVersion(policyVersion::get)
                .build();
    }

    private ApprovalOutcome await(ApprovalGate gate, BoundCall bound) {
        return gate.await(bound, ONE_DBA, (r, waited, limit, message) -> progress.add(message));
    }

    /** Starts a held call and returns once its request is pending in the store. */
    private CompletableFuture<ApprovalOutcome> held(ApprovalGate gate, BoundCall bound) throws InterruptedException {
        int before = service.list(ApprovalQuery.PENDING).size();
        CompletableFuture<ApprovalOutcome> f = CompletableFuture.supplyAsync(() -> await(gate, bound), threads);
        while (service.list(ApprovalQuery.PENDING).size() == before && !f.isDone()) {
            Thread.sleep(20);
        }
        return f;
    }

    private String pendingId() {
        return service.list(ApprovalQuery.PENDING).getFirst().id();
    }

    @Test
    void heldCallRunsWhenApprovedWhileWaitingAndReportsProgress() throws Exception {
        CompletableFuture<ApprovalOutcome> f = held(gate(service, Duration.ofSeconds(20)), call(ALICE, 42, "shipped"));
        String id = pendingId();
        Thread.sleep(250);
        service.approve(id, BOB, "");
        ApprovalOutcome.Granted granted = assertInstanceOf(ApprovalOutcome.Granted.class, f.get(10, TimeUnit.SECONDS));
        assertEquals(id, granted.request().id());
        assertTrue(progress.size() >= 2, "progress every 100ms while held: " + progress);
        assertEquals("Waiting for approval of request " + id + " (stage 1 of 1, 'review': 1 approval(s) from dba) "
                + "at http://127.0.0.1:8080/approvals/" + id, progress.getFirst());
    }

    @Test
    void heldCallFailsWithTheReviewersReason() throws Exception {
        CompletableFuture<ApprovalOutcome> f = held(gate(service, Duration.ofSeconds(20)), call(ALICE, 42, "shipped"));
        String id = pendingId();
        service.deny(id, BOB, "Order 42 was delivered yesterday.");
        ApprovalOutcome.Refused refused = assertInstanceOf(ApprovalOutcome.Refused.class, f.get(10, TimeUnit.SECONDS));
        assertEquals("denied_by_reviewer", refused.outcome());
        assertEquals("bob@example.com denied this call (approval request " + id + "): Order 42 was delivered "
                + "yesterday. Nothing ran; do not retry the same call, change what the reviewer objected to.",
                refused.message());
    }

    @Test
    void undecidedCallReturnsPendingWithIdAndReviewUrl() {
        ApprovalOutcome.Pending p = assertInstanceOf(ApprovalOutcome.Pending.class,
                await(gate(service, Duration.ofMillis(300)), call(ALICE, 42, "shipped")));
        assertEquals("http://127.0.0.1:8080/approvals/" + p.request().id(), p.reviewUrl());
        assertEquals("This call needs approval (Writes on connection 'demo-write' need a reviewer's approval.) and "
                + "is waiting for review as request " + p.request().id() + " at " + p.reviewUrl() + ". Nothing ran "
                + "yet. It is not an error in the call: once a reviewer approves, call update_order_status again with "
                + "exactly the same arguments and it runs once. The request expires at 2025-06-02T17:00:00Z.",
                p.message());
    }

    @Test
    void decisionAfterTheWaitEndedLetsTheRepeatedCallRunExactlyOnce() {
        ApprovalGate gate = gate(service, Duration.ofMillis(200));
        BoundCall bound = call(ALICE, 42, "shipped");
        ApprovalOutcome first = await(gate, bound);
        ApprovalOutcome.Pending again = assertInstanceOf(ApprovalOutcome.Pending.class, await(gate, bound));
        assertEquals(first.request().id(), again.request().id(), "a repeat joins the pending request");

        service.approve(first.request().id(), BOB, "Go ahead");
        ApprovalOutcome.Granted granted = assertInstanceOf(ApprovalOutcome.Granted.class, await(gate, bound));
        assertEquals(first.request().id(), granted.request().id());

        ApprovalOutcome.Pending third = assertInstanceOf(ApprovalOutcome.Pending.class, await(gate, bound));
        assertNotEquals(first.request().id(), third.request().id(), "a used approval never runs a second call");
    }

    @Test
    void approvalDoesNotRunACallWithOtherArgumentsOrForAnotherCaller() {
        ApprovalGate gate = gate(service, Duration.ZERO);
        ApprovalOutcome first = await(gate, call(ALICE, 42, "shipped"));
        service.approve(first.request().id(), BOB, "");
        ApprovalOutcome other = await(gate, call(ALICE, 42, "refunded"));
        assertInstanceOf(ApprovalOutcome.Pending.class, other);
        assertNotEquals(first.request().id(), other.request().id());
        assertInstanceOf(ApprovalOutcome.Pending.class, await(gate, call(BOB, 42, "shipped")));
        assertInstanceOf(ApprovalOutcome.Granted.class, await(gate, call(ALICE, 42, "shipped")));
    }

    @Test
    void changedPolicyVersionEvaluatesTheCallAgain() {
        ApprovalGate gate = gate(service, Duration.ZERO);
        BoundCall bound = call(ALICE, 42, "shipped");
        ApprovalOutcome first = await(gate, bound);
        service.approve(first.request().id(), BOB, "");
        policyVersion.set("p2");
        ApprovalOutcome.Pending p = assertInstanceOf(ApprovalOutcome.Pending.class, await(gate, bound));
        assertNotEquals(first.request().id(), p.request().id());
        assertEquals("p2", p.request().policyVersion());
    }

    @Test
    void deniedCallRepeatedGetsTheSameDenialWithoutAskingReviewersAgain() {
        ApprovalGate gate = gate(service, Duration.ZERO);
        BoundCall bound = call(ALICE, 42, "shipped");
        ApprovalOutcome first = await(gate, bound);
        service.deny(first.request().id(), BOB, "No.");
        ApprovalOutcome.Refused r = assertInstanceOf(ApprovalOutcome.Refused.class, await(gate, bound));
        assertEquals(first.request().id(), r.request().id());
        assertEquals(1, service.list(new ApprovalQuery(null, null, null, 10)).size());
    }

    @Test
    void twoHeldCallsOfOneApprovalRunOnlyOnce() throws Exception {
        ApprovalGate gate = gate(service, Duration.ofSeconds(20));
        BoundCall bound = call(ALICE, 42, "shipped");
        CompletableFuture<ApprovalOutcome> a = held(gate, bound);
        CompletableFuture<ApprovalOutcome> b = CompletableFuture.supplyAsync(() -> await(gate, bound), threads);
        Thread.sleep(300);
        service.approve(pendingId(), BOB, "");
        List<String> outcomes = List.of(a.get(10, TimeUnit.SECONDS), b.get(10, TimeUnit.SECONDS)).stream()
                .map(o -> o instanceof ApprovalOutcome.Refused r ? r.outcome() : o.getClass().getSimpleName())
                .sorted().toList();
        assertEquals(List.of("Granted", "approval_used"), outcomes);
    }

    @Test
    void decisionOnAnotherInstanceReleasesTheHeldCall() throws Exception {
        ApprovalService otherInstance = ApprovalFixture.on(fixture.dataSource).service().build();
        CompletableFuture<ApprovalOutcome> f = held(gate(service, Duration.ofSeconds(20)), call(ALICE, 42, "shipped"));
        otherInstance.approve(pendingId(), BOB, "");
        assertInstanceOf(ApprovalOutcome.Granted.class, f.get(10, TimeUnit.SECONDS));
    }

    @Test
    void expiredRequestRefusesTheHeldCall() throws Exception {
        CompletableFuture<ApprovalOutcome> f = held(gate(service, Duration.ofSeconds(20)), call(ALICE, 42, "shipped"));
        fixture.clock.advance(Duration.ofHours(9));
        ApprovalOutcome.Refused r = assertInstanceOf(ApprovalOutcome.Refused.class, f.get(10, TimeUnit.SECONDS));
        assertEquals("approval_expired", r.outcome());
    }
}
