package io.mcpgateway.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * No string argument, whatever it holds, changes the parsed shape of a {@code sql} tool's
 * statement: it always lands in a JDBC bind. Checked on every sample runbook and on templates with
 * the constructs the scanner must get right (literals, comments, dollar quotes, casts, identifier
 * slots, array binds), with strings full of SQL syntax.
 */
class SqlShapePropertyTest {

    private static final Identity CALLER = new Identity("alice", "alice@example.com", Set.of("support"));
    private static final List<ToolDefinition> TOOLS = tools();

    private static List<ToolDefinition> tools() {
        List<ToolDefinition> tools = new ArrayList<>();
        for (ToolDefinition t : new RunbookLoader().load(RunbookLoaderTest.SAMPLES).all()) {
            if (t.template() instanceof SqlTemplate) {
                tools.add(t);
            }
        }
        Parameter sort = Parameter.builder("sort", ParameterType.STRING)
                .identifiers(new java.util.TreeMap<>(Map.of("name", "c.full_name", "newest", "created_at")))
                .defaultValue("name").build();
        Map<String, Parameter> params = Map.of("a", Parameter.builder("a", ParameterType.STRING).build(),
                "b", Parameter.builder("b", ParameterType.STRING).build(), "sort", sort);
        tools.add(new ToolDefinition("tricky", "test", "db", Set.of("g"), params, SqlTemplate.parse("""
                SELECT c.id, ':a' AS lit, "we:ird" -- :a in a comment
                FROM customers c /* :b */ WHERE c.full_name = :a OR c.email LIKE :b || '%'
                  AND c.note::text <> $$ :a $$ ORDER BY {{sort}} DESC"""), null, null, null, "test"));
        return tools;
    }

    @Provide
    Arbitrary<String> sqlish() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("'\";-/*\\:?{}()$ \n\tSELECTORDROP1=").ofMaxLength(30),
                Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.of("' OR '1'='1", "x'; DROP TABLE customers; --", "\" OR 1=1 --", "*/ OR 1=1 /*",
                        "$$; DELETE FROM orders; $$", ":a", "?", "{{sort}}", "'||(SELECT password FROM users)||'"));
    }

    @Property(tries = 200)
    void noStringArgumentChangesTheStatementShape(@ForAll("sqlish") String value) throws Exception {
        for (ToolDefinition tool : TOOLS) {
            SqlTemplate sql = (SqlTemplate) tool.template();
            String reference = CCJSqlParserUtil.parse(bind(tool, sql, "x").sql()).toString();
            BoundRequest.Sql bound = bind(tool, sql, value);
            assertEquals(reference, CCJSqlParserUtil.parse(bound.sql()).toString(), tool.name());
            for (int i = 0; i < sql.bindNames().size(); i++) {
                Parameter p = tool.parameters().get(sql.bindNames().get(i));
                if (p.type() == ParameterType.STRING) {
                    assertEquals(value, bound.binds().get(i), "the value reaches the bind unchanged");
                }
            }
        }
    }

    /** Binds every string parameter to the value, unvalidated; others to a fixed valid value. */
    private static BoundRequest.Sql bind(ToolDefinition tool, SqlTemplate sql, String value) {
        Map<String, Object> values = new HashMap<>();
        for (Parameter p : tool.parameters().values()) {
            Object v = switch (p.type()) {
                case STRING -> p.identifiers().isEmpty() ? value : p.allowed().get(0);
                case ARRAY -> List.of(1L, 2L);
                default -> 1L;
            };
            values.put(p.name(), v);
        }
        return sql.bind(values, tool.parameters());
    }

    @Property(tries = 200)
    void anIdentifierArgumentIsOneOfTheListedNamesOrRefused(@ForAll("sqlish") String value) {
        ToolDefinition tool = TOOLS.get(TOOLS.size() - 1);
        ToolCall call = new ToolCall(tool.name(), Map.of("a", "x", "b", "y", "sort", value), CALLER, "", "c");
        if (value.equals("name") || value.equals("newest")) {
            return;
        }
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () -> ToolBinder.bind(call, tool,
                new ConnectionDefinition("db", "jdbc", "jdbc:h2:mem:x", "", "", RiskLevel.READ_ONLY, Map.of())));
        assertEquals(List.of("'sort' must be one of [name, newest]"), e.problems());
    }
}
