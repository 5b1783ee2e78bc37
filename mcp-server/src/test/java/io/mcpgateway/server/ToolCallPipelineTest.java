package io.mcpgateway.server;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mcpgateway.audit.AuditQuery;
import io.mcpgateway.audit.AuditRecord;
import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.ToolCall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline on the real demo: H2 demo database, sample runbooks, masking and the audit store.
 */
class ToolCallPipelineTest {

    private static final Identity ALICE = new Identity("alice@example.com", "alice@example.com",
            Set.of("support", "engineering"));
    private static DemoFixture fixture;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        fixture = DemoFixture.create().withReadOnlyWriteTool().withApprovalWait("0s");
        gateway = fixture.gateway();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        fixture.close();
    }

    private static CallOutcome call(String tool, Map<String, Object> args) {
        CallOutcome o = gateway.pipeline().handle(new ToolCall(tool, args, ALICE, "s1", "corr-" + tool));
        if (o instanceof CallOutcome.Failed f) {
            System.err.println("FAILED " + f);
        }
        return o;
    }

    private static List<AuditRecord> audit(String tool) {
        return gateway.auditLog().search(new AuditQuery(null, tool, null, null, null, null, null, 50));
    }

    @Test
    void searchReturnsRowsWithEveryEmailMasked() {
        CallOutcome.Success s = assertInstanceOf(CallOutcome.Success.class,
                call("search_customers_by_name", Map.of("name_pattern", "A%")));
        @SuppressWarnings("unchecked")
        List<List<Object>> rows = (List<List<Object>>) s.structured().get("rows");
        assertFalse(rows.isEmpty());
        for (List<Object> row : rows) {
            assertTrue(row.get(2).toString().matches("<EMAIL_\\d+>"), row.toString());
        }
        assertFalse(s.text().matches("(?s).*[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[a-z]{2,}.*"),
                "no e-mail address may reach the model");
        assertTrue(s.text().startsWith("Result of tool search_customers_by_name ("));
    }

    @Test
    void cardNumbersAndTheServerHeldCredentialNeverLeave() throws Exception {
        CallOutcome.Success s = assertInstanceOf(CallOutcome.Success.class,
                call("get_customer_profile", Map.of("customer_id", 7)));
        @SuppressWarnings("unchecked")
        List<Object> row = ((List<List<Object>>) s.structured().get("rows")).get(0);
        assertTrue(row.get(6).toString().matches("<CARD_NUMBER_\\d+>"), row.toString());
        String roPassword = Files.readString(fixture.dataDir().resolve("demo/secrets/gateway_ro")).strip();
        assertFalse(s.text().contains(roPassword));
    }

    @Test
    void agentLooksUpACustomerByAMaskedEmailItNeverSaw() {
        CallOutcome.Success found = assertInstanceOf(CallOutcome.Success.class,
                call("search_customers_by_name", Map.of("name_pattern", "Kavya Fischer")));
        @SuppressWarnings("unchecked")
        List<Object> row = ((List<List<Object>>) found.structured().get("rows")).get(0);
        String token = row.get(2).toString();
        assertTrue(token.matches("<EMAIL_\\d+>"), token);
        CallOutcome.Success byEmail = assertInstanceOf(CallOutcome.Success.class,
                call("find_customer_by_email", Map.of("email", token)));
        @SuppressWarnings("unchecked")
        List<List<Object>> rows = (List<List<Object>>) byEmail.structured().get("rows");
        assertEquals(1, rows.size());
        assertEquals(row.get(0), rows.get(0).get(0), "the token resolved to the same customer");
        assertEquals(token, rows.get(0).get(2), "and the e-mail comes back as the same token");
        // another session cannot use the token
        CallOutcome other = gateway.pipeline().handle(new ToolCall("find_customer_by_email", Map.of("email", token),
                ALICE, "another-session", "c"));
        assertEquals("invalid_arguments", assertInstanceOf(CallOutcome.Refused.class, other).outcome());
    }

    @Test
    void writeThroughReadOnlyConnectionIsRefusedWithReasonAndAudited() {
        CallOutcome.Refused r = assertInstanceOf(CallOutcome.Refused.class,
                call("rename_customer_readonly", Map.of("customer_id", 1, "full_name", "Mallory")));
        assertEquals("denied", r.outcome());
        assertEquals("risk.read-only", r.ruleId());
        assertEquals("Connection 'demo-readonly' is read-only, and this statement is an UPDATE, not a plain read. "
                + "Only reads (SELECT without FOR UPDATE) run here; use a tool on a write connection to change data.",
                r.message());
        AuditRecord last = audit("rename_customer_readonly").get(0);
        assertEquals("denied", last.event().outcome());
        assertEquals("UPDATE", last.event().statementKind());
        // nothing ran: the name is unchanged
        CallOutcome.Success s = assertInstanceOf(CallOutcome.Success.class,
                call("search_customers_by_name", Map.of("name_pattern", "Mallory")));
        assertEquals(0, s.structured().get("rowCount"));
    }

    @Test
    void invalidArgumentsAreRefusedBeforePolicyAndAudited() {
        CallOutcome.Refused r = assertInstanceOf(CallOutcome.Refused.class,
                call("find_customer_by_email", Map.of("email", "nobody", "extra", 1)));
        assertEquals("invalid_arguments", r.outcome());
        assertEquals(List.of("unknown argument 'extra' (accepted: email)", "'email' must be an e-mail address"),
                r.details().get("problems"));
        assertEquals("invalid_arguments", audit("find_customer_by_email").get(0).event().outcome());
    }

    @Test
    void toolOutsideTheCallersGroupsIsUnknown() {
        Identity outsider = new Identity("eve", "", Set.of("marketing"));
        CallOutcome o = gateway.pipeline().handle(new ToolCall("read_app_settings", Map.of(), outsider, "s", "c"));
        assertEquals(new CallOutcome.UnknownTool("read_app_settings"), o);
    }

    @Test
    void executedCallLeavesDecisionAndResultRowsWithMaskingCountsButNoValues() {
        call("find_customer_by_email", Map.of("email", "alice.andersson@example.com"));
        List<AuditRecord> rows = audit("find_customer_by_email");
        AuditRecord result = rows.get(0);
        AuditRecord decision = rows.get(1);
        assertEquals("tool_result", result.event().type());
        assertEquals("tool_call", decision.event().type());
        assertEquals("allowed", decision.event().outcome());
        assertFalse(decision.event().payload().contains("alice.andersson@example.com"),
                "arguments are masked in the audit payload");
        assertTrue(gateway.auditLog().verify().stream().allMatch(v -> v.intact()));
    }

    @Test
    void updateThroughWriteConnectionWaitsForApprovalAndNothingRuns() {
        CallOutcome.Refused r = assertInstanceOf(CallOutcome.Refused.class,
                call("update_order_status", Map.of("order_id", 1, "status", "shipped")));
        assertEquals("approval_pending", r.outcome());
        assertEquals("write_needs_approval", r.reasonCode());
        assertEquals("risk.write", r.ruleId());
        String id = (String) r.details().get("approvalId");
        assertEquals(gateway.reviewUrl(id), r.details().get("reviewUrl"));
        assertEquals("pending", gateway.approvals().find(id).orElseThrow().status().label());
        assertEquals(List.of("tool_result approval_pending", "approval requested", "tool_call approval_required"),
                audit("update_order_status").stream().map(a -> a.event().type() + " " + a.event().outcome()).toList(),
                "the decision, the request, and the call's outcome are audited");
    }
}
