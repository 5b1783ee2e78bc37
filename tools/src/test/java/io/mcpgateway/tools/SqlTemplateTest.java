package io.mcpgateway.tools;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SqlTemplateTest {

    @Test
    void replacesNamedBindsWithJdbcPlaceholdersInOrder() {
        SqlTemplate t = SqlTemplate.parse("SELECT * FROM t WHERE a = :first AND b = :second OR c = :first");
        assertEquals("SELECT * FROM t WHERE a = ? AND b = ? OR c = ?", t.jdbcSql());
        assertEquals(List.of("first", "second", "first"), t.bindNames());
    }

    @Test
    void leavesColonsAndBracesInLiteralsCommentsAndCastsAlone() {
        SqlTemplate t = SqlTemplate.parse("SELECT ':notbind', '{{no}}', \"col:x\", x::text -- :comment {{c}}\n"
                + "/* :block */ FROM t WHERE $$ :dollar $$ = :real");
        assertEquals(List.of("real"), t.bindNames());
        assertEquals(java.util.Set.of(), t.identifierNames());
        assertEquals("SELECT ':notbind', '{{no}}', \"col:x\", x::text -- :comment {{c}}\n/* :block */ FROM t "
                + "WHERE $$ :dollar $$ = ?", t.jdbcSql());
    }

    @Test
    void handlesDoubledQuotesInsideLiterals() {
        SqlTemplate t = SqlTemplate.parse("SELECT 'it''s :no' FROM t WHERE a = :yes");
        assertEquals(List.of("yes"), t.bindNames());
    }

    @Test
    void rejectsUnterminatedLiteralWithItsOffset() {
        TextTemplate.TemplateSyntaxException e = assertThrows(TextTemplate.TemplateSyntaxException.class,
                () -> SqlTemplate.parse("SELECT 'open FROM t WHERE a = :x"));
        assertEquals("unterminated ' quote", e.getMessage());
        assertEquals(7, e.offset());
    }

    @Test
    void identifierSlotsTakeOnlyTheListedNames() {
        Parameter sort = Parameter.builder("sort", ParameterType.STRING)
                .identifiers(Map.of("newest", "created_at")).build();
        SqlTemplate t = SqlTemplate.parse("SELECT id FROM orders WHERE status = :status ORDER BY {{sort}} DESC");
        BoundRequest.Sql bound = t.bind(Map.of("status", "paid", "sort", "newest"), Map.of("sort", sort));
        assertEquals("SELECT id FROM orders WHERE status = ? ORDER BY created_at DESC", bound.sql());
        assertEquals(List.of("paid"), bound.binds());
        assertThrows(IllegalStateException.class, () ->
                t.bind(Map.of("status", "paid", "sort", "created_at; DROP TABLE orders"), Map.of("sort", sort)));
    }

    @Test
    void arrayValuesExpandToOnePlaceholderPerItem() {
        SqlTemplate t = SqlTemplate.parse("SELECT * FROM orders WHERE id IN ( :ids ) AND total > :min");
        SqlTemplate.Bind ids = (SqlTemplate.Bind) t.parts().get(1);
        assertEquals(true, t.isParenthesized(ids));
        assertEquals(false, t.isParenthesized((SqlTemplate.Bind) t.parts().get(3)));
        BoundRequest.Sql bound = t.bind(Map.of("ids", List.of(3L, 5L, 8L), "min", 10L), Map.of());
        assertEquals("SELECT * FROM orders WHERE id IN ( ?, ?, ? ) AND total > ?", bound.sql());
        assertEquals(List.of(3L, 5L, 8L, 10L), bound.binds());
        assertEquals("SELECT * FROM orders WHERE id IN ( NULL ) AND total > ?",
                t.bind(Map.of("ids", List.of(), "min", 1L), Map.of()).sql());
    }

    @Test
    void variantsCoverEveryIdentifierChoice() {
        Parameter sort = Parameter.builder("sort", ParameterType.STRING)
                .identifiers(new java.util.TreeMap<>(Map.of("name", "full_name", "created", "created_at"))).build();
        SqlTemplate t = SqlTemplate.parse("SELECT * FROM c ORDER BY {{sort}}");
        assertEquals(List.of("SELECT * FROM c ORDER BY full_name", "SELECT * FROM c ORDER BY created_at"),
                t.variants(Map.of("sort", sort), 10).reversed());
    }

    @Test
    void jdbcFormConstructorKeepsPolicyCallersWorking() {
        SqlTemplate t = new SqlTemplate("SELECT '?' FROM t WHERE a = ?", "SELECT '?' FROM t WHERE a = ?", List.of("a"));
        assertEquals(List.of("a"), t.bindNames());
        assertEquals("SELECT '?' FROM t WHERE a = ?", t.jdbcSql());
        assertEquals("DELETE FROM t", new SqlTemplate("DELETE FROM t", "DELETE FROM t", List.of()).jdbcSql());
    }
}
