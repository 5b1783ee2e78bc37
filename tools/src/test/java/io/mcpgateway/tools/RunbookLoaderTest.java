package io.mcpgateway.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunbookLoaderTest {

    static final Path SAMPLES = Path.of("..", "examples", "claude-config", "runbooks");

    @TempDir
    Path dir;

    private List<String> problems(String yaml) throws Exception {
        Files.writeString(dir.resolve("r.yaml"), yaml);
        return problems();
    }

    private List<String> problems() {
        RunbookException e = assertThrows(RunbookException.class, () -> RunbookLoader.builder()
                .connections(Map.of("db", new ConnectionDefinition("db", "jdbc", "jdbc:h2:mem:x", "", "",
                        RiskLevel.READ_ONLY, Map.of()), "api", new ConnectionDefinition("api", "http",
                        "https://api.example", "", "", RiskLevel.WRITE, Map.of())))
                .build().load(dir));
        String prefix = dir.resolve("r.yaml") + ":";
        return e.problems().stream().map(RunbookProblem::toString).map(s -> s.startsWith(prefix)
                ? s.substring(prefix.length()) : s).toList();
    }

    @Test
    void theSampleRunbooksLoadClean() {
        Runbooks runbooks = new RunbookLoader().load(SAMPLES);
        assertEquals(true, runbooks.tools().size() >= 8, runbooks.tools().keySet().toString());
    }

    @Test
    void loadsToolsFromEveryYamlFileInNameOrder() throws Exception {
        Files.writeString(dir.resolve("b.yaml"), """
                tools:
                  - name: second
                    description: Second tool.
                    connection: db
                    groups: [ops]
                    sql: SELECT 1
                """);
        Files.writeString(dir.resolve("a.yml"), """
                tools:
                  - name: first
                    description: First tool.
                    connection: db
                    groups: [ops]
                    parameters:
                      id: { type: integer, minimum: 1 }
                    sql: SELECT * FROM t WHERE id = :id
                    limits: { rows: 5, timeout: 2s }
                    approval: { groups: [dba], approvals: 2 }
                """);
        Files.writeString(dir.resolve(".#a.yaml"), "not: [valid");
        Runbooks runbooks = new RunbookLoader().load(dir);
        assertEquals(List.of("first", "second"), List.copyOf(runbooks.tools().keySet()));
        ToolDefinition first = runbooks.find("first").orElseThrow();
        assertEquals(5, first.limits().maxRows());
        assertEquals("SELECT * FROM t WHERE id = ?", ((SqlTemplate) first.template()).jdbcSql());
        assertEquals(new ApprovalRequirement(true, List.of(new Decision.Stage("approval", java.util.Set.of("dba"), 2))),
                first.approval());
        assertEquals(dir.resolve("a.yml") + ":2:5", first.source());
        assertEquals(ApprovalRequirement.NONE, runbooks.find("second").orElseThrow().approval());
    }

    @Test
    void reportsEveryProblemWithLineColumnAndHint() throws Exception {
        assertEquals(List.of(
                "11:37: bind ':id' is not declared under 'parameters' (hint: declare it under 'parameters' with a type)",
                "12:5: tool 'typo' needs one of 'sql', 'http' or 'logs'",
                "16:5: unknown key 'sqll' in tool 'typo' (hint: did you mean 'sql'?)",
                "17:11: duplicate tool name 'ok_tool', also defined at " + dir.resolve("r.yaml") + ":2:5 "
                        + "(hint: tool names are unique across all runbook files)"), problems("""
                tools:
                  - name: ok_tool
                    description: Fine.
                    connection: db
                    groups: [g]
                    sql: SELECT 1
                  - name: unbound
                    description: Uses a bind that is not declared.
                    connection: db
                    groups: [g]
                    sql: SELECT * FROM t WHERE id = :id
                  - name: typo
                    description: Has an unknown key.
                    connection: db
                    groups: [g]
                    sqll: SELECT 1
                  - name: ok_tool
                    description: Duplicate.
                    connection: db
                    groups: [g]
                    sql: SELECT 2
                """));
    }

    @Test
    void duplicateNamesAcrossFilesAreErrors() throws Exception {
        String tool = """
                tools:
                  - name: same
                    description: d
                    connection: db
                    groups: [g]
                    sql: SELECT 1
                """;
        Files.writeString(dir.resolve("a.yaml"), tool);
        Files.writeString(dir.resolve("r.yaml"), tool);
        assertEquals(List.of("2:11: duplicate tool name 'same', also defined at " + dir.resolve("a.yaml") + ":2:5 "
                + "(hint: tool names are unique across all runbook files)"), problems());
    }

    @Test
    void bindPositionInsideALiteralBlockIsExact() throws Exception {
        assertEquals(List.of("7:7: parameter 'customer_id' is declared but never used in 'sql' "
                + "(hint: use it in the template or remove it)", "9:38: bind ':customer' is not declared under "
                + "'parameters' (hint: did you mean 'customer_id'?)"), problems("""
                tools:
                  - name: orders
                    description: d
                    connection: db
                    groups: [g]
                    parameters:
                      customer_id: { type: integer }
                    sql: |
                      SELECT * FROM orders WHERE c = :customer
                """));
    }

    @Test
    void unknownConnectionsAndWrongKindsAreNamed() throws Exception {
        assertEquals(List.of("4:17: unknown connection 'dbb' (hint: did you mean 'db'?)",
                "11:17: a sql tool needs a jdbc connection, and 'api' is http"), problems("""
                tools:
                  - name: a
                    description: d
                    connection: dbb
                    groups: [g]
                    sql: SELECT 1
                  - name: b
                    description: d
                    groups: [g]
                    sql: SELECT 1
                    connection: api
                """));
    }

    @Test
    void badYamlIsReportedAtItsPosition() throws Exception {
        List<String> p = problems("tools:\n  - name: a\n    description: [unclosed\n");
        assertEquals(1, p.size());
        assertEquals(true, p.get(0).startsWith("4:1: not valid YAML: "), p.get(0));
    }
}
