package io.mcpgateway.audit;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcAuditLogTest {

    private JdbcDataSource ds;
    private JdbcAuditLog log;

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + info.getTestMethod().orElseThrow().getName() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP ALL OBJECTS");
            s.execute("RUNSCRIPT FROM 'classpath:/db/migration/audit/V1__audit_event.sql'");
        }
        log = JdbcAuditLog.create(ds, "test");
    }

    private static AuditEvent event(String id, String actor, String tool, String outcome) {
        return new AuditEvent(id, Instant.parse("2026-11-23T10:15:30.123456Z"), "tool_call", actor,
                Set.of("support", "dba"), tool, "demo-readonly", "READ", "allow", "risk.read-only", "read", outcome,
                12L, "corr-" + id, "session-1", "enforce", "{\"rows\":1}");
    }

    @Test
    void chainsRecordsAndVerifiesIntact() {
        AuditRecord first = log.append(event("e1", "alice", "find_customer", "executed"));
        AuditRecord second = log.append(event("e2", "bob", "orders", "denied"));
        assertEquals(JdbcAuditLog.GENESIS, first.prevHash());
        assertEquals(first.hash(), second.prevHash());
        assertEquals(List.of(new ChainVerification("test", 2, Optional.empty(), "")), log.verify());
    }

    @Test
    void detectsARowChangedAfterItWasWritten() throws Exception {
        log.append(event("e1", "alice", "find_customer", "executed"));
        log.append(event("e2", "alice", "find_customer", "denied"));
        log.append(event("e3", "alice", "find_customer", "executed"));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_event SET outcome = 'executed' WHERE seq = 2");
        }
        ChainVerification v = log.verify().get(0);
        assertEquals(Optional.of(2L), v.brokenAtSeq());
        assertEquals("content was changed after it was written (hash mismatch)", v.problem());
    }

    @Test
    void detectsADeletedRow() throws Exception {
        log.append(event("e1", "alice", "t", "executed"));
        log.append(event("e2", "alice", "t", "executed"));
        log.append(event("e3", "alice", "t", "executed"));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit_event WHERE seq = 2");
        }
        ChainVerification v = log.verify().get(0);
        assertEquals(Optional.of(3L), v.brokenAtSeq());
        assertEquals("record 2 is missing (found 3 next)", v.problem());
    }

    @Test
    void searchFiltersByActorAndToolNewestFirst() {
        log.append(event("e1", "alice", "find_customer", "executed"));
        log.append(event("e2", "bob", "find_customer", "executed"));
        log.append(event("e3", "alice", "orders", "denied"));
        log.append(event("e4", "alice", "find_customer", "denied"));
        List<AuditRecord> found = log.search(new AuditQuery("alice", "find_customer", null, null, null, null, null, 10));
        assertEquals(List.of("e4", "e1"), found.stream().map(r -> r.event().eventId()).toList());
        assertTrue(found.stream().allMatch(r -> r.event().actorGroups().equals(Set.of("dba", "support"))));
    }

    @Test
    void instancesSharingAChainIdInterleaveWithoutBreakingIt() {
        JdbcAuditLog other = JdbcAuditLog.create(ds, "test");
        for (int i = 0; i < 6; i++) {
            (i % 3 == 0 ? other : log).append(event("e" + i, "alice", "find_customer", "executed"));
        }
        assertEquals(List.of(new ChainVerification("test", 6, Optional.empty(), "")), log.verify());
        List<AuditRecord> all = log.search(new AuditQuery(null, null, null, null, null, null, null, 10));
        assertEquals(List.of("e5", "e4", "e3", "e2", "e1", "e0"), all.stream().map(r -> r.event().eventId()).toList());
    }

    @Test
    void aNewInstanceContinuesTheChainItFindsInTheStore() {
        log.append(event("e1", "alice", "find_customer", "executed"));
        AuditRecord next = JdbcAuditLog.create(ds, "test").append(event("e2", "alice", "orders", "executed"));
        assertEquals(2, next.seq());
        assertEquals(List.of(new ChainVerification("test", 2, Optional.empty(), "")), log.verify());
    }
}
