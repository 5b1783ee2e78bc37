package io.mcpgateway.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.mcpgateway.tools.HttpTemplate;
import io.mcpgateway.tools.LogsTemplate;
import io.mcpgateway.tools.SqlTemplate;
import io.mcpgateway.tools.TextTemplate;
import io.mcpgateway.tools.ToolDefinition;
import io.mcpgateway.tools.ToolHints;
import io.mcpgateway.tools.ToolTemplate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a client sees of a runbook tool: annotations derived from what the template does unless
 * the runbook writes them, and an output schema for tabular results.
 */
class McpToolsTest {

    private final McpTools tools = new McpTools(null, ctx -> Optional.empty(), JsonMapper.builder().build());

    private McpSchema.Tool describe(ToolTemplate template, ToolHints hints) {
        return tools.describe(new ToolDefinition("t", "d", "c", Set.of("g"), Map.of(), template, null, null, hints,
                "test"));
    }

    private static List<Boolean> hints(McpSchema.Tool t) {
        McpSchema.ToolAnnotations a = t.annotations();
        return List.of(a.readOnlyHint(), a.destructiveHint(), a.idempotentHint(), a.openWorldHint());
    }

    private static HttpTemplate http(String method) {
        return new HttpTemplate(method, TextTemplate.literal("/x"), Map.of(), Map.of(), null);
    }

    @Test
    void annotationsFollowWhatTheTemplateDoes() {
        assertEquals(List.of(true, false, true, false), hints(describe(SqlTemplate.parse("SELECT 1"), null)));
        assertEquals(List.of(false, true, false, false), hints(describe(SqlTemplate.parse("DELETE FROM t WHERE id = 1"),
                null)));
        assertEquals(List.of(false, false, false, false), hints(describe(SqlTemplate.parse("INSERT INTO t VALUES (1)"),
                null)));
        assertEquals(List.of(true, false, true, false), hints(describe(http("GET"), null)));
        assertEquals(List.of(false, true, true, false), hints(describe(http("DELETE"), null)));
        assertEquals(List.of(false, false, false, false), hints(describe(http("POST"), null)));
        assertEquals(List.of(true, false, true, false), hints(describe(new LogsTemplate("tail",
                TextTemplate.literal("app.log"), null, false, null, null, 100, null), null)));
    }

    @Test
    void writtenAnnotationsWin() {
        assertEquals(List.of(true, false, true, true), hints(describe(http("POST"), new ToolHints(true, false, true,
                true))));
    }

    @Test
    void sqlToolsPublishTheShapeOfTheirStructuredResult() {
        assertEquals(OutputSchema.table(), describe(SqlTemplate.parse("SELECT 1"), null).outputSchema());
        assertEquals(OutputSchema.tableOrCount(), describe(SqlTemplate.parse("UPDATE t SET a = 1 WHERE id = 2"), null)
                .outputSchema());
        assertEquals(null, describe(http("GET"), null).outputSchema(), "HTTP results have no fixed shape");
    }
}
