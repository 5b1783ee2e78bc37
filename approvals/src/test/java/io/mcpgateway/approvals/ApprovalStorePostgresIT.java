package io.mcpgateway.approvals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

import io.mcpgateway.tools.Decision;

import static io.mcpgateway.approvals.ApprovalFixture.ALICE;
import static io.mcpgateway.approvals.ApprovalFixture.BOB;
import static io.mcpgateway.approvals.ApprovalFixture.CAROL;
import static io.mcpgateway.approvals.ApprovalFixture.LEAD_THEN_DBA;
import static io.mcpgateway.approvals.ApprovalFixture.ONE_DBA;
import static io.mcpgateway.approvals.ApprovalFixture.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The approval migration and state machine on the machine's PostgreSQL, in a schema of its own
 * that is dropped afterwards. Skips when no server answers, unless
 * {@code gateway.require.databases=true} (CI), where absence fails.
 */
@Timeout(60)
class ApprovalStorePostgresIT {

    private static final String SCHEMA = "approvals_it_" + UUID.randomUUID().toString().substring(0, 8);
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void connect() throws SQLException {
        PGSimpleDataSource admin = source(null);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + SCHEMA);
        } catch (SQLException e) {
            if (Boolean.getBoolean("gateway.require.databases")) {
                fail("PostgreSQL on 127.0.0.1:5432 is required (gateway.require.databases=true): " + e.getMessage());
            }
            Assumptions.abort("PostgreSQL on 127.0.0.1:5432 does not answer; skipping (" + e.getMessage() + ")");
        }
        dataSource = source(SCHEMA);
        ApprovalFixture.migrate(dataSource);
    }

    private static PGSimpleDataSource source(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[]{"127.0.0.1"});
        ds.setPortNumbers(new int[]{5432});
        ds.setDatabaseName("test");
        ds.setUser(System.getenv().getOrDefault("PGUSER", "postgres"));
        ds.setConnectTimeout(3);
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        return ds;
    }

    @AfterAll
    static void drop() throws SQLException {
        if (dataSource == null) {
            return;
        }
        try (Connection c = source(null).getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void twoStageRequestIsApprovedUsedOnceAndKeepsItsHistory() {
        ApprovalFixture fixture = ApprovalFixture.on(dataSource);
        ApprovalService service = fixture.service().build();
        var bound = call(ALICE, 101, "shipped");
        ApprovalBinding binding = ApprovalBinding.of(bound, "p1");
        ApprovalRequest r = service.open(bound, LEAD_THEN_DBA, binding, UnaryOperator.identity());
        service.approve(r.id(), CAROL, "lead ok");
        ApprovalRequest approved = service.approve(r.id(), BOB, "dba ok");
        assertEquals(ApprovalStatus.APPROVED, approved.status());
        assertEquals(r.createdAt(), service.find(r.id()).orElseThrow().createdAt(), "timestamps round-trip");
        assertTrue(service.consume(r.id(), binding).isPresent());
        assertTrue(service.consume(r.id(), binding).isEmpty(), "second use is refused");
        assertEquals(List.of("requested", "approved", "stage_passed", "approved", "stage_passed", "used"),
                service.history(r.id()).stream().map(e -> e.kind().label()).toList());
        assertEquals(Long.valueOf(101), ((Number) approved.call().parameters().get("order_id")).longValue());
    }

    @Test
    void concurrentVotesAreSerializedByTheRowLock() throws Exception {
        ApprovalFixture fixture = ApprovalFixture.on(dataSource);
        ApprovalService one = fixture.service().build();
        ApprovalService two = ApprovalFixture.on(dataSource).service().build();
        var twoDbas = new Decision.RequireApproval("risk.admin", "destructive_needs_two", "Two DBAs.",
                List.of(new Decision.Stage("review", java.util.Set.of("dba"), 2)), Duration.ofHours(1));
        var bound = call(ALICE, 102, "cancelled");
        ApprovalRequest r = one.open(bound, twoDbas, ApprovalBinding.of(bound, "p1"), UnaryOperator.identity());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<ApprovalRequest> a = CompletableFuture.supplyAsync(() -> one.approve(r.id(), BOB, ""),
                    threads);
            CompletableFuture<ApprovalRequest> b = CompletableFuture.supplyAsync(() -> two.approve(r.id(), CAROL, ""),
                    threads);
            a.get(20, TimeUnit.SECONDS);
            b.get(20, TimeUnit.SECONDS);
        }
        assertEquals(ApprovalStatus.APPROVED, one.find(r.id()).orElseThrow().status(),
                "neither vote was lost to the other");
    }

    @Test
    void decisionOnOneInstanceReleasesACallHeldOnAnother() throws Exception {
        ApprovalService held = ApprovalFixture.on(dataSource).service().build();
        ApprovalService deciding = ApprovalFixture.on(dataSource).service().build();
        ApprovalGate gate = ApprovalGate.builder().service(held).wait(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100)).reviewUrl(id -> id).policyVersion(() -> "p1").build();
        var bound = call(ALICE, 103, "paid");
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<ApprovalOutcome> f = CompletableFuture.supplyAsync(
                    () -> gate.await(bound, ONE_DBA, ApprovalGate.WaitProgress.NONE), threads);
            String id = null;
            while (id == null) {
                id = deciding.list(new ApprovalQuery(ApprovalStatus.PENDING, null, "alice@example.com", 50)).stream()
                        .filter(x -> x.call().parameters().get("order_id").toString().equals("103"))
                        .map(ApprovalRequest::id).findFirst().orElse(null);
                Thread.sleep(50);
            }
            deciding.approve(id, BOB, "");
            assertInstanceOf(ApprovalOutcome.Granted.class, f.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void expiryComparesTimesInTheDatabase() {
        ApprovalFixture fixture = ApprovalFixture.on(dataSource);
        ApprovalService service = fixture.service().build();
        var bound = call(ALICE, 104, "paid");
        ApprovalRequest r = service.open(bound, ONE_DBA, ApprovalBinding.of(bound, "p1"), UnaryOperator.identity());
        fixture.clock.advance(Duration.ofHours(8));
        assertTrue(service.expireDue() >= 1);
        assertEquals(ApprovalStatus.EXPIRED, service.find(r.id()).orElseThrow().status());
        assertEquals("expired", service.history(r.id()).getLast().kind().name().toLowerCase(Locale.ROOT));
    }
}
