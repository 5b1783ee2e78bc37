package io.mcpgateway.guardrails;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.FreeSqlTemplate;
import io.mcpgateway.tools.Parameter;
import io.mcpgateway.tools.ParameterType;
import io.mcpgateway.tools.RiskLevel;
import io.mcpgateway.tools.Runbooks;
import io.mcpgateway.tools.SqlTemplate;
import io.mcpgateway.tools.ToolDefinition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Operators test their policy like code: YAML cases in, decisions compared, nothing executed. */
class PolicyTestsTest {

    private static final ConnectionDefinition RO = TestCalls.connection("demo-readonly", RiskLevel.READ_ONLY);
    private static final ConnectionDefinition RW = TestCalls.connection("demo-write", RiskLevel.WRITE);

    private static PolicyTests runner() {
        PolicyEngine engine = PolicyEngine.builder().config(TestCalls.yaml("""
                policy:
                  approver-groups: [dba]
                  rules:
                    - id: refunds-two-stages
                      match: { tools: [update_order_status], parameters: { status: [refunded] } }
                      action: require-approval
                      approval:
                        stages:
                          - { name: dba, groups: [dba] }
                          - { name: finance, groups: [finance] }
                """).get("policy")).build();
        Map<String, Parameter> params = new LinkedHashMap<>();
        params.put("order_id", Parameter.builder("order_id", ParameterType.INTEGER).build());
        params.put("status", Parameter.builder("status", ParameterType.STRING).allowed(List.of("paid", "refunded")).build());
        ToolDefinition update = new ToolDefinition("update_order_status", "Change an order's status", RW.name(),
                Set.of("support"), params, SqlTemplate.parse("UPDATE orders SET status = :status WHERE id = :order_id"),
                null, null, null, "orders.yaml:3");
        return new PolicyTests(engine, Map.of(RO.name(), RO, RW.name(), RW), new Runbooks(Map.of(update.name(), update)),
                conn -> new ToolDefinition("sql_" + conn.name().replace('-', '_'), "Free-form SQL", conn.name(), Set.of(),
                        Map.of(), new FreeSqlTemplate(), null, null, null, ""));
    }

    @Test
    void casesPassAndFailWithTheirDifferencesNamed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), """
                cases:
                  - name: reads are fine
                    connection: demo-readonly
                    sql: SELECT * FROM customers
                    expect: allow
                  - name: refunds need two stages
                    tool: update_order_status
                    arguments: { order_id: 7, status: refunded }
                    groups: [support]
                    expect: { action: approve, rule: refunds-two-stages, approvals: 2 }
                  - name: wrong expectation
                    connection: demo-write
                    sql: DELETE FROM orders
                    expect: { action: approve, rule: risk.write, reason-contains: refund }
                  - name: tool hidden from the caller
                    tool: update_order_status
                    arguments: { order_id: 7, status: paid }
                    groups: [marketing]
                    expect: unknown-tool
                  - name: bad argument
                    tool: update_order_status
                    arguments: { order_id: 7, status: lost }
                    groups: [support]
                    expect: invalid
                """);
        PolicyTests runner = runner();
        List<PolicyTests.Result> results = runner.load(dir).stream().map(runner::run).toList();
        assertEquals(List.of(true, true, false, true, true), results.stream().map(PolicyTests.Result::passed).toList());
        PolicyTests.Result failed = results.get(2);
        assertEquals(dir.resolve("a.yaml") + ":11", failed.testCase().source());
        assertEquals(List.of("expected action approve, got deny", "expected rule risk.write, got risk.write.unbounded",
                "expected the reason to mention 'refund'"), failed.problems());
    }

    @Test
    void malformedFilesAreReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), """
                cases:
                  - name: ok
                    connection: demo-readonly
                    sql: SELECT 1
                    expect: allow
                  - name: typo
                    conection: demo-readonly
                    sql: SELECT 1
                    expect: allow
                  - name: unknown action
                    connection: demo-readonly
                    sql: SELECT 1
                    expect: permit
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runner().load(dir));
        Path file = dir.resolve("bad.yaml");
        assertEquals(file + ":6: unknown key 'conection'; known keys: [arguments, connection, expect, groups, name, sql, "
                + "tool, user]\n"
                + file + ":10: unknown expected action 'permit'; use allow, deny, approve, invalid or unknown-tool",
                e.getMessage());
    }
}
