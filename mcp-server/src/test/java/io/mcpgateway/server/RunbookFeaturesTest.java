package io.mcpgateway.server;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.ToolCall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The template language's features on the real demo through the pipeline: identity-bound
 * parameters, identifier choices, array binds, dates, the runbook's approval requirement and its
 * result caps.
 */
class RunbookFeaturesTest {

    private static final Identity ALICE = new Identity("alice", "alice@example.com", Set.of("support"));
    private static final Identity BOB = new Identity("bob", "bob@example.com", Set.of("support"));
    private static DemoFixture fixture;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        fixture = DemoFixture.create().withApprovalWait("0s").withRunbook("approval.yaml", """
                tools:
                  - name: count_orders_with_approval
                    description: Counts orders, after a reviewer agrees.
                    connection: demo-readonly
                    groups: [support]
                    sql: SELECT COUNT(*) AS n FROM orders
                    approval:
                      stages:
                        - { name: lead, groups: [leads] }
                        - { name: dba, groups: [dba], approvals: 2 }
                  - name: all_orders_capped
                    description: Every order, capped at three rows.
                    connection: demo-readonly
                    groups: [support]
                    sql: SELECT id FROM orders ORDER BY id
                    limits: { rows: 3 }
                """);
        gateway = fixture.gateway();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        fixture.close();
    }

    private static CallOutcome call(Identity who, String tool, Map<String, Object> args) {
        return gateway.pipeline().handle(new ToolCall(tool, args, who, "s", "c-" + tool));
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> rows(CallOutcome o) {
        return (List<List<Object>>) assertInstanceOf(CallOutcome.Success.class, o).structured().get("rows");
    }

    @Test
    void myTicketsAreTheCallersOwnWhoeverAsks() {
        List<List<Object>> alice = rows(call(ALICE, "my_open_tickets", Map.of()));
        List<List<Object>> bob = rows(call(BOB, "my_open_tickets", Map.of("statuses", List.of("open", "waiting",
                "solved"))));
        assertEquals(false, alice.isEmpty());
        assertEquals(false, bob.isEmpty());
        List<Object> aliceIds = alice.stream().map(r -> r.get(0)).toList();
        assertEquals(true, bob.stream().noneMatch(r -> aliceIds.contains(r.get(0))), "no ticket is both's");
        assertEquals(true, alice.stream().allMatch(r -> r.get(3).equals("open") || r.get(3).equals("waiting")));
    }

    @Test
    void theAssigneeCannotBeSuppliedByTheModel() {
        CallOutcome.Refused r = assertInstanceOf(CallOutcome.Refused.class,
                call(ALICE, "my_open_tickets", Map.of("me", "bob@example.com")));
        assertEquals("invalid_arguments", r.outcome());
        assertEquals(List.of("'me' is taken from your identity (email) and cannot be given as an argument"),
                r.details().get("problems"));
    }

    @Test
    void theSortColumnIsOneOfTheListedNames() {
        List<List<Object>> oldest = rows(call(ALICE, "my_open_tickets", Map.of("sort_by", "created",
                "direction", "oldest_first")));
        List<List<Object>> newest = rows(call(ALICE, "my_open_tickets", Map.of("sort_by", "created")));
        assertEquals(oldest.reversed().stream().map(r -> r.get(0)).toList(), newest.stream().map(r -> r.get(0)).toList());
        CallOutcome.Refused r = assertInstanceOf(CallOutcome.Refused.class,
                call(ALICE, "my_open_tickets", Map.of("sort_by", "t.subject")));
        assertEquals(List.of("'sort_by' must be one of [created, status, customer]"), r.details().get("problems"));
    }

    @Test
    void arraysAndDatesBindAsValues() {
        assertEquals(List.of(3, 5, 8), rows(call(ALICE, "orders_by_ids", Map.of("ids", List.of(8, 3, 5))))
                .stream().map(r -> r.get(0)).toList());
        List<List<Object>> day = rows(call(ALICE, "orders_created_between", Map.of("from", "2024-03-26",
                "to", "2024-03-26")));
        assertEquals(true, day.stream().anyMatch(r -> r.get(0).equals(1)), "order 1 was created on 2024-03-26");
    }

    @Test
    void theRunbooksApprovalStagesAreHonoured() {
        CallOutcome.Refused r = assertInstanceOf(CallOutcome.Refused.class,
                call(ALICE, "count_orders_with_approval", Map.of()));
        assertEquals("approval_pending", r.outcome());
        assertEquals("runbook.approval", r.ruleId());
        var request = gateway.approvals().find((String) r.details().get("approvalId")).orElseThrow();
        assertEquals(List.of(new io.mcpgateway.tools.Decision.Stage("lead", java.util.Set.of("leads"), 1),
                new io.mcpgateway.tools.Decision.Stage("dba", java.util.Set.of("dba"), 2)), request.stages());
    }

    @Test
    void resultsAreCappedAndSaySo() {
        CallOutcome.Success s = assertInstanceOf(CallOutcome.Success.class, call(ALICE, "all_orders_capped", Map.of()));
        assertEquals(3, s.structured().get("rowCount"));
        assertEquals(true, s.structured().get("truncated"));
        assertEquals("more", s.structured().get("withheldRows"));
    }
}
