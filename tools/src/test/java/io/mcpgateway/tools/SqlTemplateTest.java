package io.mcpgateway.tools;

import java.util.List;

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
    void leavesColonsInLiteralsCommentsAndCastsAlone() {
        SqlTemplate t = SqlTemplate.parse("SELECT ':notbind', \"col:x\", x::text -- :comment\n"
                + "/* :block */ FROM t WHERE $$ :dollar $$ = :real");
        assertEquals(List.of("real"), t.bindNames());
        assertEquals("SELECT ':notbind', \"col:x\", x::text -- :comment\n/* :block */ FROM t WHERE $$ :dollar $$ = ?",
                t.jdbcSql());
    }

    @Test
    void handlesDoubledQuotesInsideLiterals() {
        SqlTemplate t = SqlTemplate.parse("SELECT 'it''s :no' FROM t WHERE a = :yes");
        assertEquals(List.of("yes"), t.bindNames());
    }

    @Test
    void rejectsUnterminatedLiteral() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SqlTemplate.parse("SELECT 'open FROM t WHERE a = :x"));
        assertEquals("Unterminated ' quote in SQL template", e.getMessage());
    }
}
