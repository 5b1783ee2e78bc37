package io.mcpgateway.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunbookLoaderTest {

    @TempDir
    Path dir;

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
                """);
        Runbooks runbooks = new RunbookLoader().load(dir);
        assertEquals(List.of("first", "second"), List.copyOf(runbooks.tools().keySet()));
        ToolDefinition first = runbooks.find("first").orElseThrow();
        assertEquals(5, first.limits().maxRows());
        assertEquals("SELECT * FROM t WHERE id = ?", ((SqlTemplate) first.template()).jdbcSql());
    }

    @Test
    void reportsEveryProblemWithFileAndLine() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), """
                tools:
                  - name: ok_tool
                    description: Fine.
                    connection: db
                    sql: SELECT 1
                  - name: unbound
                    description: Uses a bind that is not declared.
                    connection: db
                    sql: SELECT * FROM t WHERE id = :id
                  - name: typo
                    description: Has an unknown key.
                    connection: db
                    sqll: SELECT 1
                  - name: ok_tool
                    description: Duplicate.
                    connection: db
                    sql: SELECT 2
                """);
        RunbookException e = assertThrows(RunbookException.class, () -> new RunbookLoader().load(dir));
        Path f = dir.resolve("bad.yaml");
        assertEquals(List.of(
                f + ":6: tool 'unbound': bind ':id' is not declared under 'parameters'",
                f + ":10: tool 'typo': unknown key 'sqll' in tool (known: annotations, connection, description, "
                        + "groups, limits, masking, name, parameters, sql)",
                f + ":14: duplicate tool name 'ok_tool', also defined at " + f + ":2"), e.problems());
    }

    @Test
    void rejectsParameterThatIsNeverUsed() throws Exception {
        Files.writeString(dir.resolve("unused.yaml"), """
                tools:
                  - name: unused
                    description: Declares a parameter it never binds.
                    connection: db
                    parameters:
                      id: { type: integer }
                    sql: SELECT 1
                """);
        RunbookException e = assertThrows(RunbookException.class, () -> new RunbookLoader().load(dir));
        assertEquals(List.of(dir.resolve("unused.yaml") + ":2: tool 'unused': parameter 'id' is declared but never "
                + "used in 'sql'"), e.problems());
    }
}
