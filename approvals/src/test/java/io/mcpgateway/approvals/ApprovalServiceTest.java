package io.mcpgateway.approvals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mcpgateway.tools.Identity;

import static io.mcpgateway.approvals.ApprovalFixture.ALICE;
import static io.mcpgateway.approvals.ApprovalFixture.BOB;
import static io.mcpgateway.approvals.ApprovalFixture.CAROL;
import static io.mcpgateway.approvals.ApprovalFixture.DAVE;
import static io.mcpgateway.approvals.ApprovalFixture.LEAD_THEN_DBA;
import static io.mcpgateway.approvals.ApprovalFixture.MALLORY;
import static io.mcpgateway.approvals.ApprovalFixture.ONE_DBA;
import static io.mcpgateway.approvals.ApprovalFixture.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The approval state machine on a real H2 store with a clock the tests move.
 */
class ApprovalServiceTest {

    private ApprovalFixture fixture;
    private ApprovalService service;
    private final List<String> heard = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = ApprovalFixture.h2("service-" + UUID.randomUUID());
        service = fixture.service()
                .adminGroups(Set.of("approvals-admin"))
                .addListener((r, e) -> heard.add(e.kind().label() + ":" + r.status().label()))
                .build();
    }

    private ApprovalRequest open(Identity who, io.mcpgateway.tools.Decision.RequireApproval decision) {
        var bound = call(who, 42, "shipped");
        return service.open(bound, decision, ApprovalBinding.of(bound, "p1"), UnaryOperator.identity());
    }

    @Test
    void oneApprovalFromTheStageGroupApprovesAndStartsTheApprovalLifetime() {
        ApprovalRequest r = open(ALICE, ONE_DBA);
        assertEquals(ApprovalStatus.PENDING, r.status());
        assertEquals("UPDATE orders SET status = ? WHERE id = ?\n-- binds: [shipped, 42]", r.call().statement());
        assertEquals(fixture.clock.instant().plus(Duration.ofHours(8)), r.expiresAt());

        fixture.clock.advance(Duration.ofMinutes(3));
        ApprovalRequest approved = service.approve(r.id(), BOB, "Customer asked for it");
        assertEquals(ApprovalStatus.APPROVED, approved.status());
        assertEquals(fixture.clock.instant().plus(Duration.ofHours(1)), approved.approvalExpiresAt());
        assertEquals(List.of("requested:pending", "approved:approved", "stage_passed:approved"), heard);
        assertEquals(List.of("REQUESTED alice@example.com", "APPROVED bob@example.com Customer asked for it",
                "STAGE_PASSED gateway 1 of 1 approvals"), service.history(r.id()).stream()
                .map(e -> (e.kind() + " " + e.actor() + " " + e.comment()).strip()).toList());
    }

    @Test
    void requesterCannotApproveOwnRequestEvenAsReviewerAndAdministrator() {
        Identity admin = new Identity("carol@example.com", "carol@example.com", Set.of("dba", "approvals-admin"));
        ApprovalRequest r = open(admin, ONE_DBA);
        ApprovalException e = assertThrows(ApprovalException.class, () -> service.approve(r.id(), admin, "ok"));
        assertEquals("self_approval", e.reasonCode());
        assertEquals("You requested this call, so you cannot decide it: another member of dba must review it "
                + "(you may cancel it instead).", e.getMessage());
        // the same person under another subject is still the requester (matched by e-mail)
        Identity alias = new Identity("c.m.", "CAROL@example.com", Set.of("dba"));
        assertEquals("self_approval", assertThrows(ApprovalException.class,
                () -> service.approve(r.id(), alias, "")).reasonCode());
        assertEquals(ApprovalStatus.PENDING, service.find(r.id()).orElseThrow().status());
    }

    @Test
    void nonReviewerIsRefusedAndChangesNothing() {
        ApprovalRequest r = open(ALICE, ONE_DBA);
        ApprovalException e = assertThrows(ApprovalException.class, () -> service.approve(r.id(), MALLORY, "lgtm"));
        assertEquals("not_reviewer", e.reasonCode());
        assertEquals("Stage 'review' is decided by members of dba, and you are in none of them.", e.getMessage());
        assertEquals("not_reviewer", assertThrows(ApprovalException.class,
                () -> service.deny(r.id(), MALLORY, "no")).reasonCode());
        assertEquals(1, service.history(r.id()).size());
    }

    @Test
    void denialNeedsAReasonAndRecordsIt() {
        ApprovalRequest r = open(ALICE, ONE_DBA);
        ApprovalException e = assertThrows(ApprovalException.class, () -> service.deny(r.id(), BOB, "  "));
        assertEquals("reason_required", e.reasonCode());
        ApprovalRequest denied = service.deny(r.id(), BOB, "Order 42 is already delivered.");
        assertEquals(ApprovalStatus.DENIED, denied.status());
        assertEquals("Order 42 is already delivered.", denied.resolution());
        assertEquals("already_decided", assertThrows(ApprovalException.class,
                () -> service.approve(r.id(), CAROL, "")).reasonCode());
    }

    @Test
    void pendingRequestExpiresWhenNobodyDecides() {
        ApprovalRequest r = open(ALICE, ONE_DBA);
        fixture.clock.advance(Duration.ofHours(8));
        ApprovalException e = assertThrows(ApprovalException.class, () -> service.approve(r.id(), BOB, ""));
        assertEquals("already_decided", e.reasonCode());
        assertEquals("Request " + r.id() + " is already expired; nothing is left to decide.", e.getMessage());
        ApprovalRequest expired = service.find(r.id()).orElseThrow();
        assertEquals(ApprovalStatus.EXPIRED, expired.status());
        assertEquals("Nobody decided within 8h.", expired.resolution());
        assertEquals(List.of("requested:pending", "expired:expired"), heard);
    }

    @Test
    void sweepExpiresDueRequestsAndUnusedApprovals() {
        ApprovalRequest waiting = open(ALICE, ONE_DBA);
        var other = call(ALICE, 7, "paid");
        ApprovalRequest approved = service.open(other, ONE_DBA, ApprovalBinding.of(other, "p1"),
                UnaryOperator.identity());
        service.approve(approved.id(), BOB, "");
        fixture.clock.advance(Duration.ofMinutes(59));
        assertEquals(0, service.expireDue());
        fixture.clock.advance(Duration.ofMinutes(1));
        assertEquals(1, service.expireDue(), "the approval lifetime (1h) ended");
        assertEquals(ApprovalStatus.EXPIRED, service.find(approved.id()).orElseThrow().status());
        assertEquals(ApprovalStatus.PENDING, service.find(waiting.id()).orElseThrow().status());
        assertTrue(service.consume(approved.id(), ApprovalBinding.of(other, "p1")).isEmpty(),
                "an expired approval cannot be used");
    }

    @Test
    void approvalIsUsedOnceAndOnlyByItsBinding() {
        var bound = call(ALICE, 42, "shipped");
        ApprovalBinding binding = ApprovalBinding.of(bound, "p1");
        ApprovalRequest r = service.open(bound, ONE_DBA, binding, UnaryOperator.identity());
        service.approve(r.id(), BOB, "");

        ApprovalBinding otherArguments = ApprovalBinding.of(call(ALICE, 43, "shipped"), "p1");
        ApprovalBinding otherCaller = ApprovalBinding.of(call(MALLORY, 42, "shipped"), "p1");
        ApprovalBinding otherPolicy = ApprovalBinding.of(bound, "p2");
        assertTrue(service.consume(r.id(), otherArguments).isEmpty());
        assertTrue(service.consume(r.id(), otherCaller).isEmpty());
        assertTrue(service.consume(r.id(), otherPolicy).isEmpty());

        ApprovalRequest used = service.consume(r.id(), binding).orElseThrow();
        assertEquals(fixture.clock.instant(), used.consumedAt());
        assertTrue(service.consume(r.id(), binding).isEmpty(), "second use is refused");
        assertEquals("used", service.history(r.id()).getLast().kind().label());
    }

    @Test
    void twoStagesNeedTheTeamLeadThenADbaEachADifferentPerson() {
        ApprovalRequest r = open(ALICE, LEAD_THEN_DBA);
        assertEquals("not_reviewer", assertThrows(ApprovalException.class,
                () -> service.approve(r.id(), BOB, "")).reasonCode(), "a DBA cannot decide the team-lead stage");

        ApprovalRequest afterLead = service.approve(r.id(), CAROL, "Fine by the team");
        assertEquals(ApprovalStatus.PENDING, afterLead.status());
        assertEquals(1, afterLead.stage());
        assertEquals("dba", afterLead.currentStage().orElseThrow().name());
        assertNull(afterLead.approvalExpiresAt());

        ApprovalException again = assertThrows(ApprovalException.class, () -> service.approve(r.id(), CAROL, ""));
        assertEquals("already_approved", again.reasonCode());
        assertEquals("You already approved this request (stage 'team-lead'); every approval must come from a "
                + "different reviewer.", again.getMessage());
        assertEquals("not_reviewer", assertThrows(ApprovalException.class,
                () -> service.approve(r.id(), DAVE, "")).reasonCode(), "a team lead cannot decide the DBA stage");

        ApprovalRequest approved = service.approve(r.id(), BOB, "");
        assertEquals(ApprovalStatus.APPROVED, approved.status());
        assertEquals(fixture.clock.instant().plus(Duration.ofMinutes(30)), approved.approvalExpiresAt());
        assertEquals(List.of("requested:pending", "approved:pending", "stage_passed:pending", "approved:approved",
                "stage_passed:approved"), heard);
    }

    @Test
    void nOfMStageWaitsForEnoughDistinctApprovals() {
        var twoDbas = new io.mcpgateway.tools.Decision.RequireApproval("risk.admin", "destructive_needs_two",
                "Destructive statements need two approvers.",
                List.of(new io.mcpgateway.tools.Decision.Stage("review", Set.of("dba"), 2)), Duration.ofHours(1));
        ApprovalRequest r = open(ALICE, twoDbas);
        assertEquals(ApprovalStatus.PENDING, service.approve(r.id(), BOB, "").status());
        assertEquals("already_approved", assertThrows(ApprovalException.class,
                () -> service.approve(r.id(), BOB, "")).reasonCode());
        assertEquals(ApprovalStatus.APPROVED, service.approve(r.id(), CAROL, "").status());
    }

    @Test
    void requesterOrAdministratorCancelsOthersCannot() {
        ApprovalRequest r = open(ALICE, ONE_DBA);
        ApprovalException e = assertThrows(ApprovalException.class, () -> service.cancel(r.id(), BOB, ""));
        assertEquals("not_allowed", e.reasonCode());
        ApprovalRequest cancelled = service.cancel(r.id(), ALICE, "Wrong order");
        assertEquals(ApprovalStatus.CANCELLED, cancelled.status());
        assertEquals("already_decided", assertThrows(ApprovalException.class,
                () -> service.cancel(r.id(), ALICE, "")).reasonCode());

        Identity admin = new Identity("root@example.com", "", Set.of("approvals-admin"));
        ApprovalRequest other = open(MALLORY, ONE_DBA);
        assertEquals(ApprovalStatus.CANCELLED, service.cancel(other.id(), admin, "").status());
    }

    @Test
    void unknownRequestIsNotFound() {
        ApprovalException e = assertThrows(ApprovalException.class, () -> service.approve("apr_nope", BOB, ""));
        assertEquals("not_found", e.reasonCode());
        assertEquals("There is no approval request apr_nope.", e.getMessage());
    }

    @Test
    void listIsNewestFirstAndFilters() {
        ApprovalRequest first = open(ALICE, ONE_DBA);
        fixture.clock.advance(Duration.ofSeconds(1));
        var other = call(MALLORY, 9, "paid");
        ApprovalRequest second = service.open(other, ONE_DBA, ApprovalBinding.of(other, "p1"),
                UnaryOperator.identity());
        service.deny(first.id(), BOB, "No");
        assertEquals(List.of(second.id(), first.id()), service.list(new ApprovalQuery(null, null, null, 10))
                .stream().map(ApprovalRequest::id).toList());
        assertEquals(List.of(second.id()), service.list(ApprovalQuery.PENDING).stream().map(ApprovalRequest::id).toList());
        assertEquals(List.of(first.id()), service.list(new ApprovalQuery(null, null, "ALICE@example.com", 10))
                .stream().map(ApprovalRequest::id).toList());
    }

    @Test
    void reviewersSeeRequestsOfTheirStagesOthersOnlyTheirOwn() {
        ApprovalRequest r = open(ALICE, LEAD_THEN_DBA);
        ReviewerRules rules = service.rules();
        assertEquals(true, rules.mayView(r, ALICE));
        assertEquals(true, rules.mayView(r, BOB));
        assertEquals(true, rules.mayView(r, DAVE));
        assertEquals(false, rules.mayView(r, MALLORY));
        assertEquals(true, rules.mayView(r, new Identity("root", "", Set.of("approvals-admin"))));
    }

    @Test
    void statementShownToReviewersIsScrubbedOfServerHeldCredentials() {
        var bound = call(ALICE, 42, "s3cr3t-value");
        ApprovalRequest r = service.open(bound, ONE_DBA, ApprovalBinding.of(bound, "p1"),
                text -> text.replace("s3cr3t-value", "[CREDENTIAL]"));
        ApprovalRequest stored = service.find(r.id()).orElseThrow();
        assertEquals("UPDATE orders SET status = ? WHERE id = ?\n-- binds: [[CREDENTIAL], 42]",
                stored.call().statement());
        assertEquals("[CREDENTIAL]", stored.call().parameters().get("status"));
    }

    @Test
    void aChangeTheAuditTrailCannotRecordIsNotMade() {
        java.util.concurrent.atomic.AtomicBoolean auditDown = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> recorded = new ArrayList<>();
        ApprovalService audited = fixture.service()
                .addRecorder((r, e) -> {
                    if (auditDown.get()) {
                        throw new IllegalStateException("audit store unavailable");
                    }
                    recorded.add(e.kind().label() + ":" + r.status().label());
                })
                .addListener((r, e) -> heard.add(e.kind().label() + ":" + r.status().label()))
                .build();
        var bound = call(ALICE, 7, "shipped");
        ApprovalBinding binding = ApprovalBinding.of(bound, "p1");
        ApprovalRequest r = audited.open(bound, ONE_DBA, binding, UnaryOperator.identity());

        auditDown.set(true);
        ApprovalException e = assertThrows(ApprovalException.class, () -> audited.approve(r.id(), BOB, "fine"));
        assertEquals("not_recorded", e.reasonCode());
        assertEquals(ApprovalStatus.PENDING, audited.find(r.id()).orElseThrow().status());
        assertEquals(List.of("REQUESTED"), audited.history(r.id()).stream().map(h -> h.kind().name()).toList());
        assertEquals(List.of("requested:pending"), heard, "listeners hear only of changes that were made");

        auditDown.set(false);
        assertEquals(ApprovalStatus.APPROVED, audited.approve(r.id(), BOB, "fine").status());
        // the approved call cannot run either while its use cannot be recorded
        auditDown.set(true);
        assertEquals("not_recorded", assertThrows(ApprovalException.class,
                () -> audited.consume(r.id(), binding)).reasonCode());
        auditDown.set(false);
        assertTrue(audited.consume(r.id(), binding).isPresent());
        assertTrue(audited.consume(r.id(), binding).isEmpty(), "used once");
        assertEquals(List.of("requested:pending", "approved:approved", "stage_passed:approved", "used:approved"),
                recorded);
        // nothing is opened that the trail does not hold
        auditDown.set(true);
        assertEquals("not_recorded", assertThrows(ApprovalException.class,
                () -> audited.open(call(ALICE, 8, "shipped"), ONE_DBA, ApprovalBinding.of(call(ALICE, 8, "shipped"), "p1"),
                        UnaryOperator.identity())).reasonCode());
        assertEquals(1, audited.list(new ApprovalQuery(null, null, null, 50)).size());
    }
}
