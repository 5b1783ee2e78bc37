package io.mcpgateway.guardrails;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.RiskLevel;

import static io.mcpgateway.guardrails.TestCalls.connection;
import static io.mcpgateway.guardrails.TestCalls.sql;
import static io.mcpgateway.guardrails.TestCalls.tool;
import static io.mcpgateway.guardrails.TestCalls.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Operator rules read from the policy YAML: first match wins, in the order written; rules that
 * let a call through match only when everything the statement does is inside their lists.
 */
class PolicyRulesTest {

    private static final ConnectionDefinition RO = connection("prod-db-readonly", RiskLevel.READ_ONLY);
    private static final ConnectionDefinition RW = connection("prod-db-write", RiskLevel.WRITE);
    private static final ConnectionDefinition ADMIN = connection("prod-db-admin", RiskLevel.ADMIN);

    private static final String POLICY = """
            policy:
              approver-groups: [dba]
              approval-ttl: 2h
              connections:
                prod-db-admin: { approver-groups: [dba-leads], approval-ttl: 15m }
              rules:
                - id: settings-engineering-only
                  match: { tables: [app_settings], except-groups: [engineering] }
                  action: deny
                  reason: Application settings hold credentials.
                  allowed: Ask an engineer to read them.
                - id: support-reads-customers
                  match: { connections: [prod-db-write], statements: [read], tables: [customers, orders], groups: [support] }
                  action: allow
                - id: refunds-two-stages
                  match: { tools: [update_order_status], parameters: { status: [refunded] } }
                  action: require-approval
                  reason: Refunds move money.
                  approval:
                    ttl: 30m
                    stages:
                      - { name: dba, groups: [dba], approvals: 1 }
                      - { name: finance, groups: [finance], approvals: 1 }
                - id: no-deletes-on-orders
                  match: { statements: [delete, truncate], tables: [orders] }
                  action: deny
                - id: inserts-need-two
                  match: { connections: [prod-db-*], statements: [insert] }
                  action: require-approval
                  approvers: [dba, sre]
                  approvals: 2
            """;

    private static PolicyEngine engine(String yaml) {
        return PolicyEngine.builder().config(TestCalls.yaml(yaml).get("policy"))
                .knownConnections(Set.of(RO.name(), RW.name(), ADMIN.name())).build();
    }

    private final PolicyEngine engine = engine(POLICY);

    @Test
    void firstMatchingRuleDecidesInTheOrderWritten() {
        // both the settings rule and the support rule could apply; the first one written wins
        Decision d = engine.evaluate(sql(RW, "SELECT * FROM app_settings", "sue", "support"));
        Decision.Deny deny = assertInstanceOf(Decision.Deny.class, d);
        assertEquals("settings-engineering-only", deny.ruleId());
        assertEquals("Application settings hold credentials. Ask an engineer to read them.", deny.explanation());
        assertEquals("risk.write", engine.evaluate(sql(RW, "SELECT * FROM app_settings", "eve", "engineering")).ruleId());
    }

    @Test
    void allowRuleMatchesOnlyWhenEverythingTheStatementDoesIsListed() {
        assertEquals("support-reads-customers",
                engine.evaluate(sql(RW, "SELECT c.id FROM customers c JOIN orders o ON o.customer_id = c.id", "sue", "support"))
                        .ruleId());
        // a write hidden in a CTE is not a read: the allow rule does not apply, the risk level decides
        Decision cte = engine.evaluate(sql(RW, "WITH x AS (UPDATE customers SET tier = 'x' WHERE id = 1 RETURNING *) "
                + "SELECT * FROM x", "sue", "support"));
        assertEquals("risk.write", cte.ruleId());
        assertInstanceOf(Decision.RequireApproval.class, cte);
        // a table outside the list: not covered by the allow rule
        assertEquals("risk.write", engine.evaluate(sql(RW, "SELECT * FROM customers, invoices", "sue", "support")).ruleId());
    }

    @Test
    void denyRuleMatchesWhenAnythingTheStatementDoesIsListed() {
        Decision d = engine.evaluate(sql(ADMIN, "WITH gone AS (DELETE FROM orders WHERE id = 1 RETURNING *) "
                + "SELECT * FROM gone", "dan", "dba"));
        assertEquals("no-deletes-on-orders", d.ruleId());
        Decision.Deny deny = assertInstanceOf(Decision.Deny.class, d);
        assertEquals("Denied by policy rule 'no-deletes-on-orders'. Ask an operator about policy rule "
                + "'no-deletes-on-orders' if this call is needed.", deny.explanation());
        assertEquals("no-deletes-on-orders", engine.evaluate(sql(ADMIN, "TRUNCATE public.orders", "dan", "dba")).ruleId());
    }

    @Test
    void parameterValuesSelectTheRuleAndStagesComeFromIt() {
        Decision.RequireApproval refund = assertInstanceOf(Decision.RequireApproval.class, engine.evaluate(
                tool("update_order_status", RW, "UPDATE orders SET status = :status WHERE id = :id",
                        Map.of("status", "refunded", "id", 7), "sue", "support")));
        assertEquals("refunds-two-stages", refund.ruleId());
        assertEquals(List.of(new Decision.Stage("dba", Set.of("dba"), 1), new Decision.Stage("finance", Set.of("finance"), 1)),
                refund.stages());
        assertEquals(Duration.ofMinutes(30), refund.ttl());
        Decision.RequireApproval paid = assertInstanceOf(Decision.RequireApproval.class, engine.evaluate(
                tool("update_order_status", RW, "UPDATE orders SET status = :status WHERE id = :id",
                        Map.of("status", "paid", "id", 7), "sue", "support")));
        assertEquals("risk.write", paid.ruleId());
        assertEquals(Duration.ofHours(2), paid.ttl());
    }

    @Test
    void shorthandApprovalAndPerConnectionApprovers() {
        Decision.RequireApproval insert = assertInstanceOf(Decision.RequireApproval.class,
                engine.evaluate(sql(RW, "INSERT INTO invoices (id) VALUES (1)", "sue", "support")));
        assertEquals(List.of(new Decision.Stage("review", Set.of("dba", "sre"), 2)), insert.stages());
        Decision.RequireApproval admin = assertInstanceOf(Decision.RequireApproval.class,
                engine.evaluate(sql(ADMIN, "DROP TABLE invoices", "dan", "dba")));
        assertEquals(List.of(new Decision.Stage("review", Set.of("dba-leads"), 2)), admin.stages());
        assertEquals(Duration.ofMinutes(15), admin.ttl());
    }

    @Test
    void hardGuardsComeBeforeEveryRule() {
        PolicyEngine permissive = engine("""
                policy:
                  rules:
                    - id: allow-everything
                      action: allow
                """);
        assertEquals("guard.multiple-statements",
                permissive.evaluate(sql(ADMIN, "SELECT 1; DROP TABLE orders", "dan", "dba")).ruleId());
        assertEquals("guard.dangerous-function", permissive.evaluate(sql(RO, "SELECT pg_sleep(5)", "dan")).ruleId());
        assertEquals("allow-everything", permissive.evaluate(sql(RO, "DROP TABLE orders", "dan")).ruleId());
    }

    @Test
    void policyVersionChangesWithTheRulesAndOnlyThen() {
        assertEquals(engine.policyVersion(), engine(POLICY).policyVersion());
        assertEquals(64, engine.policyVersion().length());
        assertNotEquals(engine.policyVersion(), engine(POLICY.replace("approvals: 2", "approvals: 3")).policyVersion());
        assertNotEquals(engine.policyVersion(), engine(POLICY.replace("dba-leads", "dba-oncall")).policyVersion());
        assertNotEquals(engine.policyVersion(), engine(POLICY + "  sql: { deny-functions: [md5] }\n").policyVersion());
    }

    @Test
    void configurationMistakesAreRejectedWithTheKeyAndValue() {
        assertEquals("policy.rules.0: unknown key 'mach'; known keys: [action, allowed, approval, approvals, approvers, "
                        + "description, id, match, reason]",
                assertThrows(IllegalArgumentException.class, () -> engine("""
                        policy:
                          rules:
                            - { id: r1, mach: { tools: [x] }, action: deny }
                        """)).getMessage());
        assertEquals("policy.rules.0.action: unknown action 'permit'; use allow, deny or require-approval",
                assertThrows(IllegalArgumentException.class, () -> engine("""
                        policy:
                          rules:
                            - { id: r1, action: permit }
                        """)).getMessage());
        assertEquals("policy.rules.0.match.statements: Unknown statement kind 'selects': use one of [read, lock, insert, "
                        + "merge, update, delete, truncate, transaction, session, maintenance, call, ddl, privilege, other]",
                assertThrows(IllegalArgumentException.class, () -> engine("""
                        policy:
                          rules:
                            - { id: r1, action: allow, match: { statements: [selects] } }
                        """)).getMessage());
        assertEquals("policy.rules.1.id: rule id 'r1' is used twice; rule ids must be unique",
                assertThrows(IllegalArgumentException.class, () -> engine("""
                        policy:
                          rules:
                            - { id: r1, action: allow }
                            - { id: r1, action: deny }
                        """)).getMessage());
        assertEquals("policy.rules.0.id: 'risk.mine' starts with a reserved prefix [default., explain., guard., quota., "
                        + "risk., runbook., tool.]",
                assertThrows(IllegalArgumentException.class, () -> engine("""
                        policy:
                          rules:
                            - { id: risk.mine, action: allow }
                        """)).getMessage());
        assertEquals("policy names connections that are not configured: [prod-db-wrte] (configured: [prod-db-admin, "
                        + "prod-db-readonly, prod-db-write])",
                assertThrows(IllegalArgumentException.class, () -> engine("""
                        policy:
                          rules:
                            - { id: r1, action: allow, match: { connections: [prod-db-wrte] } }
                        """)).getMessage());
        assertEquals("policy.sql.allow-functions: 'md5' is not a denied function, so there is nothing to allow",
                assertThrows(IllegalArgumentException.class, () -> engine("""
                        policy:
                          sql: { allow-functions: [md5] }
                        """)).getMessage());
        assertEquals("policy: unknown key 'rule'; known keys: [approval-ttl, approver-groups, connections, injection, "
                        + "quotas, rules, sql]",
                assertThrows(IllegalArgumentException.class, () -> engine("""
                        policy:
                          rule: []
                        """)).getMessage());
    }

    @Test
    void liftedFunctionIsNoLongerRefused() {
        PolicyEngine lifted = engine("""
                policy:
                  sql: { allow-functions: [pg_sleep], deny-functions: [md5] }
                """);
        assertEquals("risk.read-only", lifted.evaluate(sql(RO, "SELECT pg_sleep(1)", "dan")).ruleId());
        Decision.Deny md5 = assertInstanceOf(Decision.Deny.class, lifted.evaluate(sql(RO, "SELECT md5('x')", "dan")));
        assertEquals("The statement calls md5, which is denied by this gateway's policy.", md5.message());
    }

    @Test
    void missingPolicySectionMeansRiskLevelsWithDefaultApprovers() {
        PolicyEngine defaults = PolicyEngine.create(yaml("other: 1").get("policy"));
        Decision.RequireApproval r = assertInstanceOf(Decision.RequireApproval.class,
                defaults.evaluate(sql(RW, "UPDATE orders SET status = 'x' WHERE id = 1", "sue")));
        assertEquals(List.of(new Decision.Stage("review", Set.of("approvers"), 1)), r.stages());
        assertEquals(Duration.ofHours(1), r.ttl());
    }
}
