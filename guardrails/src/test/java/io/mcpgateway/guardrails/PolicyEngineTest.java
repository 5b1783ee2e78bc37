package io.mcpgateway.guardrails;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.RiskLevel;
import io.mcpgateway.tools.SqlTemplate;
import io.mcpgateway.tools.ToolCall;
import io.mcpgateway.tools.ToolDefinition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class PolicyEngineTest {

    private final PolicyEngine engine = PolicyEngine.builder()
            .fallback(new RiskLevelPolicy(Set.of("dba"), Duration.ofHours(1)))
            .build();

    private static BoundCall call(RiskLevel risk, String sql) {
        ConnectionDefinition conn = new ConnectionDefinition("db-" + risk.configName(), "jdbc", "jdbc:h2:mem:x", "",
                "", risk, Map.of());
        ToolDefinition tool = new ToolDefinition("t", "test", conn.name(), Set.of("g"), Map.of(),
                new SqlTemplate(sql, sql, List.of()), null, null, null, "");
        ToolCall tc = new ToolCall("t", Map.of(), new Identity("alice", "", Set.of("g")), "", "c1");
        return new BoundCall(tc, tool, conn, Map.of(), new BoundRequest.Sql(sql, List.of()));
    }

    @Test
    void allowsReadsOnReadOnlyConnection() {
        Decision d = engine.evaluate(call(RiskLevel.READ_ONLY, "SELECT id FROM customers WHERE email = ?"));
        assertInstanceOf(Decision.Allow.class, d);
        assertEquals("risk.read-only", d.ruleId());
    }

    @Test
    void deniesWriteStatementOnReadOnlyConnectionWithReasonAndAlternative() {
        Decision d = engine.evaluate(call(RiskLevel.READ_ONLY, "UPDATE orders SET status = 'paid' WHERE id = 1"));
        Decision.Deny deny = assertInstanceOf(Decision.Deny.class, d);
        assertEquals("write_on_read_only", deny.reasonCode());
        assertEquals("Connection 'db-read-only' is read-only, and this statement is an UPDATE, not a plain read. "
                + "Only reads (SELECT without FOR UPDATE) run here; use a tool on a write connection to change data.",
                deny.explanation());
    }

    @Test
    void deniesStackedStatementsEvenWhenEachIsARead() {
        Decision d = engine.evaluate(call(RiskLevel.READ_ONLY, "SELECT 1; DROP TABLE customers"));
        assertEquals("guard.multiple-statements", d.ruleId());
        assertInstanceOf(Decision.Deny.class, d);
    }

    @Test
    void deniesWhatDoesNotParse() {
        Decision d = engine.evaluate(call(RiskLevel.ADMIN, "SELEC * FORM customers"));
        assertEquals("guard.unparseable", d.ruleId());
    }

    @Test
    void boundedWriteNeedsApprovalOnWriteConnection() {
        Decision d = engine.evaluate(call(RiskLevel.WRITE, "UPDATE orders SET status = ? WHERE id = ?"));
        Decision.RequireApproval r = assertInstanceOf(Decision.RequireApproval.class, d);
        assertEquals(List.of(new Decision.Stage("review", Set.of("dba"), 1)), r.stages());
    }

    @Test
    void unboundedOrAlwaysTrueWriteIsDeniedOnWriteConnection() {
        assertEquals("risk.write.unbounded", engine.evaluate(call(RiskLevel.WRITE, "DELETE FROM orders")).ruleId());
        assertEquals("risk.write.unbounded",
                engine.evaluate(call(RiskLevel.WRITE, "UPDATE orders SET total = 0 WHERE 1 = 1")).ruleId());
        assertEquals("risk.write.ddl", engine.evaluate(call(RiskLevel.WRITE, "DROP TABLE orders")).ruleId());
    }

    @Test
    void destructiveStatementOnAdminNeedsTwoApprovers() {
        Decision.RequireApproval r = assertInstanceOf(Decision.RequireApproval.class,
                engine.evaluate(call(RiskLevel.ADMIN, "DELETE FROM orders WHERE status = 'cancelled'")));
        assertEquals(2, r.stages().get(0).approvals());
    }

    @Test
    void policyThatThrowsDeniesTheCall() {
        PolicyEngine broken = PolicyEngine.builder()
                .addRule(input -> {
                    throw new IllegalStateException("rule bug");
                })
                .fallback(input -> Optional.of(new Decision.Allow("x", "x", "x")))
                .build();
        Decision d = broken.evaluate(call(RiskLevel.READ_ONLY, "SELECT 1"));
        assertEquals("guard.policy-error", d.ruleId());
    }

    @Test
    void runbookApprovalTurnsAnAllowIntoApprovalAndNeverLoosensADecision() {
        Decision.Stage lead = new Decision.Stage("team-lead", Set.of("leads"), 1);
        PolicyEngine withRunbook = PolicyEngine.builder()
                .fallback(new RiskLevelPolicy(Set.of("dba"), Duration.ofHours(1)))
                .toolApprovals(tool -> tool.name().equals("t") ? Optional.of(List.of(lead)) : Optional.empty())
                .build();
        Decision.RequireApproval read = assertInstanceOf(Decision.RequireApproval.class,
                withRunbook.evaluate(call(RiskLevel.READ_ONLY, "SELECT 1")));
        assertEquals("runbook.approval", read.ruleId());
        assertEquals(List.of(lead), read.stages());
        Decision.RequireApproval write = assertInstanceOf(Decision.RequireApproval.class,
                withRunbook.evaluate(call(RiskLevel.ADMIN, "DELETE FROM orders WHERE id = 1")));
        assertEquals(List.of(new Decision.Stage("review", Set.of("dba"), 2), lead), write.stages(),
                "policy's two approvers stay, the runbook's stage is added");
        assertInstanceOf(Decision.Deny.class, withRunbook.evaluate(call(RiskLevel.READ_ONLY, "DELETE FROM orders")));
        PolicyEngine configured = PolicyEngine.builder()
                .fallback(new RiskLevelPolicy(Set.of("dba"), Duration.ofMinutes(20)))
                .toolApprovals(tool -> Optional.of(List.of()))
                .build();
        Decision.RequireApproval byConfigured = assertInstanceOf(Decision.RequireApproval.class,
                configured.evaluate(call(RiskLevel.READ_ONLY, "SELECT 1")));
        assertEquals(List.of(new Decision.Stage("review", Set.of("dba"), 1)), byConfigured.stages());
        assertEquals(Duration.ofMinutes(20), byConfigured.ttl());
        PolicyEngine covered = PolicyEngine.builder()
                .fallback(new RiskLevelPolicy(Set.of("dba"), Duration.ofHours(1)))
                .toolApprovals(tool -> Optional.of(List.of(new Decision.Stage("dba", Set.of("dba"), 1))))
                .build();
        Decision.RequireApproval twoDbas = assertInstanceOf(Decision.RequireApproval.class,
                covered.evaluate(call(RiskLevel.ADMIN, "DROP TABLE orders")));
        assertEquals(List.of(new Decision.Stage("review", Set.of("dba"), 2)), twoDbas.stages(),
                "a runbook stage policy already covers adds nothing");
    }
}
