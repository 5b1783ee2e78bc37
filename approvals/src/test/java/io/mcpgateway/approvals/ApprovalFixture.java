package io.mcpgateway.approvals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.RiskLevel;
import io.mcpgateway.tools.SqlTemplate;
import io.mcpgateway.tools.ToolCall;
import io.mcpgateway.tools.ToolDefinition;

/**
 * A real H2 store with the production migration applied, a clock tests move by hand, and the
 * calls and people of the approval tests.
 */
final class ApprovalFixture {

    static final Identity ALICE = new Identity("alice@example.com", "alice@example.com", Set.of("support"));
    static final Identity BOB = new Identity("bob@example.com", "bob@example.com", Set.of("dba"));
    static final Identity CAROL = new Identity("carol@example.com", "carol@example.com", Set.of("dba", "team-lead"));
    static final Identity DAVE = new Identity("dave@example.com", "dave@example.com", Set.of("team-lead"));
    static final Identity MALLORY = new Identity("mallory@example.com", "mallory@example.com", Set.of("support"));

    static final Decision.RequireApproval ONE_DBA = new Decision.RequireApproval("risk.write", "write_needs_approval",
            "Writes on connection 'demo-write' need a reviewer's approval.",
            List.of(new Decision.Stage("review", Set.of("dba"), 1)), Duration.ofHours(1));
    static final Decision.RequireApproval LEAD_THEN_DBA = new Decision.RequireApproval("orders.purge",
            "two_stage", "Purges need the team lead, then a DBA.",
            List.of(new Decision.Stage("team-lead", Set.of("team-lead"), 1),
                    new Decision.Stage("dba", Set.of("dba"), 1)), Duration.ofMinutes(30));

    private static final ToolDefinition TOOL = new ToolDefinition("update_order_status", "Change an order's status.",
            "demo-write", Set.of("support"), Map.of(),
            SqlTemplate.parse("UPDATE orders SET status = :status WHERE id = :order_id"), null, null, null, "test");
    private static final ConnectionDefinition CONNECTION = new ConnectionDefinition("demo-write", "jdbc",
            "jdbc:h2:mem:unused", "rw", "", RiskLevel.WRITE, Map.of());

    final MutableClock clock = new MutableClock(Instant.parse("2025-06-02T09:00:00Z"));
    final DataSource dataSource;

    private ApprovalFixture(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A fresh in-memory store with the approval tables. */
    static ApprovalFixture h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        migrate(ds);
        return new ApprovalFixture(ds);
    }

    /** An existing store (already migrated). */
    static ApprovalFixture on(DataSource dataSource) {
        return new ApprovalFixture(dataSource);
    }

    /** Applies the production migration script the way the server does (statements end a line with ';'). */
    static void migrate(DataSource ds) {
        String sql;
        try (InputStream in = ApprovalFixture.class.getClassLoader()
                .getResourceAsStream("db/migration/approvals/V1__approval_request.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (line.strip().startsWith("--") || line.isBlank()) {
                continue;
            }
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                statements.add(current.toString().strip().replaceAll(";$", ""));
                current.setLength(0);
            }
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    ApprovalService.Builder service() {
        return ApprovalService.builder().dataSource(dataSource).clock(clock);
    }

    /** The demo's order status change, as bound for a caller. */
    static BoundCall call(Identity who, long orderId, String status) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("order_id", orderId);
        values.put("status", status);
        ToolCall call = new ToolCall(TOOL.name(), values, who, "session-1", "corr-" + orderId);
        return new BoundCall(call, TOOL, CONNECTION, values,
                new BoundRequest.Sql("UPDATE orders SET status = ? WHERE id = ?", List.of(status, orderId)));
    }

    /** A clock that moves only when told to. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
