package io.mcpgateway.guardrails;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.RiskLevel;

import static io.mcpgateway.guardrails.TestCalls.http;
import static io.mcpgateway.guardrails.TestCalls.httpCall;
import static io.mcpgateway.guardrails.TestCalls.logs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * HTTP and log requests: the same risk levels as SQL (writes gated by default), hard guards
 * against leaving the configured host or log root, and rules on methods, paths and files.
 */
class RequestPolicyTest {

    private static final ConnectionDefinition API_RO = http("status-api", RiskLevel.READ_ONLY);
    private static final ConnectionDefinition API_RW = http("orders-api", RiskLevel.WRITE);
    private static final ConnectionDefinition API_ADMIN = http("admin-api", RiskLevel.ADMIN);
    private static final ConnectionDefinition LOGS = new ConnectionDefinition("app-logs", "logs", "/var/log/app", "", "",
            RiskLevel.READ_ONLY, Map.of());

    private final PolicyEngine engine = PolicyEngine.builder().config(TestCalls.yaml("""
            policy:
              approver-groups: [sre]
              rules:
                - id: no-admin-paths
                  match: { paths: ["/admin/**"] }
                  action: deny
                  reason: Admin endpoints are off limits.
                - id: refunds-by-finance
                  match: { connections: [orders-api], methods: [POST], paths: ["/orders/*/refund"] }
                  action: require-approval
                  approvers: [finance]
                - id: no-auth-logs
                  match: { files: ["auth/**"] }
                  action: deny
            """).get("policy")).build();

    @Test
    void readsAreAllowedAndWritesGatedByRiskLevel() {
        assertEquals("allow", engine.evaluate(httpCall(API_RO, "GET", "/status", Map.of(), "u")).action());
        Decision.Deny post = assertInstanceOf(Decision.Deny.class,
                engine.evaluate(httpCall(API_RO, "POST", "/status", Map.of(), "u")));
        assertEquals("Connection 'status-api' is read-only, and POST requests change data. Only GET, HEAD and OPTIONS "
                + "requests run here.", post.explanation());
        Decision.RequireApproval put = assertInstanceOf(Decision.RequireApproval.class,
                engine.evaluate(httpCall(API_RW, "PUT", "/orders/7", Map.of(), "u")));
        assertEquals(List.of(new Decision.Stage("review", Set.of("sre"), 1)), put.stages());
        Decision.RequireApproval delete = assertInstanceOf(Decision.RequireApproval.class,
                engine.evaluate(httpCall(API_ADMIN, "DELETE", "/orders/7", Map.of(), "u")));
        assertEquals(2, delete.stages().getFirst().approvals());
    }

    @Test
    void rulesMatchMethodsAndPathPatterns() {
        assertEquals("no-admin-paths", engine.evaluate(httpCall(API_RO, "GET", "/admin/users/1", Map.of(), "u")).ruleId());
        Decision.RequireApproval refund = assertInstanceOf(Decision.RequireApproval.class,
                engine.evaluate(httpCall(API_RW, "POST", "/orders/42/refund", Map.of(), "u")));
        assertEquals("refunds-by-finance", refund.ruleId());
        assertEquals(Set.of("finance"), refund.stages().getFirst().groups());
        // '*' stays within one segment
        assertEquals("risk.write", engine.evaluate(httpCall(API_RW, "POST", "/orders/42/x/refund", Map.of(), "u")).ruleId());
    }

    @Test
    void pathsThatLeaveTheBaseUrlAreRefusedBeforeAnyRule() {
        for (String path : List.of("//evil.example/x", "/orders/../admin", "/orders/%2e%2e/admin", "/a%2fb", "/a\\b",
                "/orders/%2E%2E/x")) {
            assertEquals("guard.http-egress", engine.evaluate(httpCall(API_RW, "GET", path, Map.of(), "u")).ruleId(), path);
        }
        Decision.Deny host = assertInstanceOf(Decision.Deny.class,
                engine.evaluate(httpCall(API_RW, "GET", "/status", Map.of("Host", "evil.example"), "u")));
        assertEquals("A tool may not set the Host header: the gateway sets host and credentials itself.", host.message());
        assertEquals("guard.http-method", engine.evaluate(httpCall(API_RW, "TRACE", "/status", Map.of(), "u")).ruleId());
    }

    @Test
    void logReadsStayUnderTheRootAndPatternsStaySane() {
        assertEquals("allow", engine.evaluate(logs(LOGS, "tail", "app/server.log", null, false)).action());
        assertEquals("no-auth-logs", engine.evaluate(logs(LOGS, "search", "auth/secure.log", "fail", false)).ruleId());
        for (String file : List.of("../etc/passwd", "/etc/passwd", "~/x", "app/../../etc/passwd", "C:\\x")) {
            assertEquals("guard.log-path", engine.evaluate(logs(LOGS, "tail", file, null, false)).ruleId(), file);
        }
        Decision.Deny redos = assertInstanceOf(Decision.Deny.class,
                engine.evaluate(logs(LOGS, "search", "app/server.log", "(a+)+$", true)));
        assertEquals("The search pattern repeats a group that itself repeats, which can take exponential time.",
                redos.message());
        assertEquals("guard.log-pattern", engine.evaluate(logs(LOGS, "search", "app/server.log", "([a-z", true)).ruleId());
        assertEquals("allow", engine.evaluate(logs(LOGS, "search", "app/server.log", "(a+)+$", false)).action(),
                "a literal search is not a regex");
    }

    @Test
    void engineWithoutRulesFallsBackToRiskLevels() {
        PolicyEngine plain = PolicyEngine.builder().fallback(new RiskLevelPolicy(Set.of("sre"), Duration.ofMinutes(5))).build();
        assertEquals("approve", plain.evaluate(httpCall(API_RW, "PATCH", "/orders/1", Map.of(), "u")).action());
    }
}
