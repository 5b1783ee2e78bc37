package io.mcpgateway.guardrails;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.RiskLevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlAnalyzerTest {

    private static final SqlAnalyzer ANALYZER = new SqlAnalyzer();

    @AfterAll
    static void close() {
        ANALYZER.close();
    }

    private static SqlAnalysis analyze(String sql) {
        return ANALYZER.analyze(sql, SqlDialect.H2);
    }

    private static List<String> rules(SqlAnalysis a) {
        return a.hazards().stream().map(SqlHazard::ruleId).toList();
    }

    @Test
    void findsTablesInClausesVisitorAdaptersSkip() {
        SqlAnalysis a = analyze("SELECT id FROM orders ORDER BY (SELECT max(x) FROM secrets) LIMIT 1");
        assertEquals(Set.of("orders", "secrets"), a.tablesRead());
        SqlAnalysis returning = analyze("UPDATE orders SET total = 1 WHERE id = 2 RETURNING (SELECT token FROM api_keys LIMIT 1)");
        assertEquals(Set.of("api_keys"), returning.tablesRead());
        assertEquals(Set.of("orders"), returning.tablesWritten());
        SqlAnalysis conflict = analyze("INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = (SELECT b FROM other)");
        assertEquals(Set.of("other"), conflict.tablesRead());
    }

    @Test
    void writeInsideACommonTableExpressionIsAWrite() {
        SqlAnalysis a = analyze("WITH x AS (DELETE FROM orders WHERE id = 1 RETURNING *) SELECT * FROM x");
        assertEquals(Set.of(StatementKind.READ, StatementKind.DELETE), a.kinds());
        assertEquals(StatementKind.DELETE, a.kind().orElseThrow());
        assertEquals(Set.of("orders"), a.tablesWritten());
        assertEquals(Set.of(), a.tablesRead(), "the CTE name is not a table");
        assertFalse(a.unboundedWrite());
        assertTrue(analyze("WITH x AS (DELETE FROM orders RETURNING *) SELECT * FROM x").unboundedWrite());
    }

    @Test
    void correlatedSubqueryBoundsAWriteAndAnUncorrelatedOneDoesNot() {
        assertFalse(analyze("DELETE FROM orders o WHERE EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id)")
                .unboundedWrite());
        assertTrue(analyze("DELETE FROM orders WHERE EXISTS (SELECT 1 FROM customers c WHERE c.tier = 'basic')")
                .unboundedWrite());
    }

    @Test
    void collectsEveryHazardMostSpecificFirst() {
        SqlAnalysis a = analyze("SELECT pg_sleep(1); SELECT * FROM t INTO OUTFILE '/tmp/x'");
        assertEquals(List.of("guard.multiple-statements", "guard.select-into", "guard.dangerous-function",
                "guard.unparseable"), rules(a));
        SqlAnalysis b = analyze("SELECT pg_sleep(1), load_file('/etc/passwd') FROM pg_shadow");
        assertEquals(List.of("guard.dangerous-function", "guard.dangerous-function", "guard.credential-catalog"), rules(b));
    }

    @Test
    void unparseableTextSaysWhereTheParserStopped() {
        SqlAnalysis a = analyze("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
        assertFalse(a.parsed());
        assertEquals("The statement could not be parsed (unexpected \"LOCK\" at line 1, column 1), and the gateway runs "
                + "only statements it can analyse. It looks like a LOCK TABLE statement, which the gateway's SQL parser "
                + "does not support.", a.hazards().getFirst().message());
    }

    @Test
    void executableCommentIsCodeForMySqlAndItsContentIsScanned() {
        SqlAnalysis a = ANALYZER.analyze("SELECT 1 /*!50000 , SLEEP(5) */", SqlDialect.MYSQL);
        assertEquals(List.of("guard.executable-comment", "guard.dangerous-function"), rules(a));
    }

    @Test
    void backslashEscapesFollowTheConnectionsDialect() {
        String sql = "SELECT * FROM customers WHERE name = 'O\\'Brien'";
        assertEquals(List.of(), rules(ANALYZER.analyze(sql, SqlDialect.MYSQL)));
        assertEquals(List.of("guard.unparseable"), rules(ANALYZER.analyze(sql, SqlDialect.H2)));
        // what MySQL reads as one string, H2 reads as a string followed by a second statement
        String trick = "SELECT * FROM customers WHERE name = 'a\\'; DROP TABLE customers; -- '";
        assertEquals("guard.multiple-statements", rules(ANALYZER.analyze(trick, SqlDialect.H2)).getFirst());
        assertEquals("guard.multiple-statements", rules(ANALYZER.analyze(trick, SqlDialect.MYSQL)).getFirst());
    }

    @Test
    void explainAnalyzeRunsTheStatementAndPlainExplainDoesNot() {
        assertEquals(Set.of(StatementKind.DELETE), analyze("EXPLAIN ANALYZE DELETE FROM orders WHERE id = 1").kinds());
        assertEquals(Set.of(StatementKind.DELETE), analyze("EXPLAIN (ANALYZE, VERBOSE) DELETE FROM orders WHERE id = 1").kinds());
        assertEquals(Set.of(StatementKind.READ), analyze("EXPLAIN DELETE FROM orders WHERE id = 1").kinds());
        assertEquals(Set.of(StatementKind.READ), analyze("EXPLAIN (ANALYZE off) DELETE FROM orders").kinds());
    }

    @Test
    void textLongerThanTheLimitIsRefusedUnread() {
        try (SqlAnalyzer small = SqlAnalyzer.builder().maxLength(20).build()) {
            SqlAnalysis a = small.analyze("SELECT * FROM customers WHERE id = 1");
            assertEquals(List.of("guard.statement-too-long"), rules(a));
            assertEquals("The statement is 36 characters long; the gateway analyses statements of at most 20 characters.",
                    a.hazards().getFirst().message());
        }
        assertEquals("policy.sql.max-length must be between 1 and 1048576, got 0",
                assertThrows(IllegalArgumentException.class, () -> SqlAnalyzer.builder().maxLength(0)).getMessage());
    }

    @Test
    void longConditionIsAnalysedWithoutOverflowingTheStack() {
        StringBuilder where = new StringBuilder("id = 0");
        for (int i = 1; i < 400; i++) {
            where.append(" OR id = ").append(i);
        }
        SqlAnalysis a = analyze("DELETE FROM orders WHERE " + where);
        assertTrue(a.parsed(), a.parseError());
        assertFalse(a.unboundedWrite());
        assertTrue(analyze("DELETE FROM orders WHERE " + where + " OR 1 = 1").unboundedWrite());
    }

    @Test
    void dialectComesFromTheOptionOrTheJdbcUrl() {
        assertEquals(SqlDialect.POSTGRESQL, SqlDialect.of(conn("jdbc:postgresql://db/x", Map.of())));
        assertEquals(SqlDialect.MYSQL, SqlDialect.of(conn("jdbc:mariadb://db/x", Map.of())));
        assertEquals(SqlDialect.H2, SqlDialect.of(conn("jdbc:h2:mem:x", Map.of())));
        assertEquals(SqlDialect.MYSQL, SqlDialect.of(conn("jdbc:h2:mem:x", Map.of("sql-dialect", "mariadb"))));
        assertEquals("Unknown sql-dialect 'oracle': use h2, postgresql, mysql, mariadb or generic",
                assertThrows(IllegalArgumentException.class,
                        () -> SqlDialect.of(conn("jdbc:x", Map.of("sql-dialect", "oracle")))).getMessage());
    }

    private static ConnectionDefinition conn(String url, Map<String, String> options) {
        return new ConnectionDefinition("c", "jdbc", url, "", "", RiskLevel.READ_ONLY, options);
    }
}
