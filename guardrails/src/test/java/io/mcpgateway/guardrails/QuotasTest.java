package io.mcpgateway.guardrails;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.RiskLevel;

import static io.mcpgateway.guardrails.TestCalls.connection;
import static io.mcpgateway.guardrails.TestCalls.sql;
import static io.mcpgateway.guardrails.TestCalls.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuotasTest {

    private static final ConnectionDefinition RO = connection("demo-readonly", RiskLevel.READ_ONLY);

    /** A clock tests move by hand. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2025-06-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();

    private Quotas quotas(String yaml) {
        return Quotas.create(TestCalls.yaml(yaml).get("quotas"), clock);
    }

    @Test
    void callsOverTheRateAreDeniedWithWhenToRetry() {
        Quotas q = quotas("""
                quotas:
                  - { id: per-tool, calls-per-minute: 3 }
                """);
        BoundCall call = sql(RO, "SELECT 1", "alice");
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), q.admit(call, Optional.empty()));
            clock.advance(Duration.ofSeconds(10));
        }
        Quotas.QuotaExceeded e = q.admit(call, Optional.empty()).orElseThrow();
        assertEquals("quota.per-tool", e.decision().ruleId());
        assertEquals("rate_limited", e.decision().reasonCode());
        assertEquals(Duration.ofSeconds(30), e.retryAfter());
        assertEquals("Quota 'per-tool' allows 3 calls per minute per user and tool, and alice has reached it for tool "
                + "sql_demo_readonly. Retry in 30 s (after 2025-06-01T10:01:00Z), or ask an operator to raise the quota.",
                e.decision().explanation());
        // another user and another tool have their own budgets
        assertEquals(Optional.empty(), q.admit(sql(RO, "SELECT 1", "bob"), Optional.empty()));
        clock.advance(Duration.ofSeconds(30));
        assertEquals(Optional.empty(), q.admit(call, Optional.empty()), "the oldest call left the minute");
    }

    @Test
    void deniedCallsAreNotCounted() {
        Quotas q = quotas("""
                quotas:
                  - { id: q, calls-per-minute: 1 }
                """);
        BoundCall call = sql(RO, "SELECT 1", "alice");
        assertEquals(Optional.empty(), q.admit(call, Optional.empty()));
        for (int i = 0; i < 5; i++) {
            assertTrue(q.admit(call, Optional.empty()).isPresent());
        }
        clock.advance(Duration.ofSeconds(61));
        assertEquals(Optional.empty(), q.admit(call, Optional.empty()));
    }

    @Test
    void rowsAndBytesPerHourAcrossToolsForOneIdentity() {
        Quotas q = quotas("""
                quotas:
                  - { id: hourly, per: identity, rows-per-hour: 1000, bytes-per-hour: 1MB }
                """);
        BoundCall a = sql(RO, "SELECT 1", "alice");
        BoundCall b = sql(connection("demo-write", RiskLevel.WRITE), "SELECT 1", "alice");
        q.admit(a, Optional.empty());
        q.record(a, Optional.empty(), 600, 1_000);
        clock.advance(Duration.ofMinutes(20));
        q.admit(b, Optional.empty());
        q.record(b, Optional.empty(), 500, 1_000);
        Quotas.QuotaExceeded e = q.admit(a, Optional.empty()).orElseThrow();
        assertEquals("quota_exceeded", e.decision().reasonCode());
        assertEquals(Duration.ofMinutes(40), e.retryAfter(), "when the first 600 rows leave the hour");
        clock.advance(Duration.ofMinutes(40));
        assertEquals(Optional.empty(), q.admit(a, Optional.empty()));
        q.record(a, Optional.empty(), 0, 2_000_000);
        assertEquals("Quota 'hourly' allows 1000000 bytes per hour per user, and alice has reached it for all tools.",
                q.admit(b, Optional.empty()).orElseThrow().decision().message());
    }

    @Test
    void quotasApplyOnlyToMatchingCalls() {
        Quotas q = quotas("""
                quotas:
                  - { id: interns, match: { groups: [interns] }, calls-per-minute: 1 }
                """);
        BoundCall intern = sql(RO, "SELECT 1", "ivy", "interns");
        BoundCall staff = sql(RO, "SELECT 1", "sam", "staff");
        q.admit(intern, Optional.empty());
        assertTrue(q.admit(intern, Optional.empty()).isPresent());
        for (int i = 0; i < 10; i++) {
            assertEquals(Optional.empty(), q.admit(staff, Optional.empty()));
        }
    }

    @Test
    void configurationMistakesNameTheKey() {
        assertEquals("quotas.0: set at least one of calls-per-minute, rows-per-hour, bytes-per-hour to a positive number",
                assertThrows(IllegalArgumentException.class, () -> quotas("""
                        quotas:
                          - { id: q }
                        """)).getMessage());
        assertEquals("quotas.0.bytes-per-hour: 'lots' is not a size (e.g. 500000, 20MB, 1GiB)",
                assertThrows(IllegalArgumentException.class, () -> quotas("""
                        quotas:
                          - { id: q, bytes-per-hour: lots }
                        """)).getMessage());
        assertEquals("quotas.0.per: use tool or identity, got 'group'",
                assertThrows(IllegalArgumentException.class, () -> quotas("""
                        quotas:
                          - { id: q, per: group, calls-per-minute: 1 }
                        """)).getMessage());
    }
}
