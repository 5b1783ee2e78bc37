package io.mcpgateway.connectors;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.GatewayException;
import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.Limits;
import io.mcpgateway.tools.RiskLevel;
import io.mcpgateway.tools.SqlTemplate;
import io.mcpgateway.tools.ToolCall;
import io.mcpgateway.tools.ToolDefinition;
import io.mcpgateway.tools.ToolResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcConnectorTest {

    private String url;
    private Connection keepAlive;
    private final List<JdbcConnector> opened = new ArrayList<>();

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        // the owner's connection keeps the in-memory database alive; the gateway's user is not admin
        url = "jdbc:h2:mem:" + info.getTestMethod().orElseThrow().getName();
        keepAlive = DriverManager.getConnection(url, "owner", "owner-pw");
        try (Statement s = keepAlive.createStatement()) {
            s.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50))");
            for (int i = 1; i <= 30; i++) {
                s.execute("INSERT INTO items VALUES (" + i + ", 'item " + i + "')");
            }
            s.execute("CREATE USER reader PASSWORD 'reader-secret-1'");
            s.execute("GRANT SELECT ON SCHEMA PUBLIC TO reader");
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        opened.forEach(JdbcConnector::close);
        try (Statement s = keepAlive.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    private JdbcConnector connector(RiskLevel risk, String user, String credential) {
        ConnectionDefinition def = new ConnectionDefinition("db", "jdbc", url, user, credential, risk, Map.of());
        JdbcConnector c = new JdbcConnector(def, SecretResolver.create(Map.of("DB_PW", "reader-secret-1"), false));
        opened.add(c);
        return c;
    }

    private static BoundCall call(ConnectionDefinition conn, String sql, List<Object> binds, int maxRows) {
        ToolDefinition tool = new ToolDefinition("list_items", "test", conn.name(), Set.of("g"), Map.of(),
                new SqlTemplate(sql, sql, List.of()), new Limits(maxRows, 64 * 1024, Duration.ofSeconds(5)), null, null, "");
        ToolCall tc = new ToolCall(tool.name(), Map.of(), new Identity("alice", "", Set.of("g")), "", "c");
        return new BoundCall(tc, tool, conn, Map.of(), new BoundRequest.Sql(sql, binds));
    }

    @Test
    void returnsTypedColumnsAndMarksTruncationAtTheRowCap() {
        JdbcConnector c = connector(RiskLevel.READ_ONLY, "reader", "env:DB_PW");
        ToolResult r = c.execute(call(defOf(RiskLevel.READ_ONLY), "SELECT id, name FROM items WHERE id > ? ORDER BY id",
                List.of(5), 10), new ExecutionContext("alice", "evt-1"));
        ToolResult.Table t = assertInstanceOf(ToolResult.Table.class, r);
        assertEquals(List.of("ID", "NAME"), t.columns().stream().map(ToolResult.Column::name).toList());
        assertEquals(10, t.rows().size());
        assertEquals(List.of(6, "item 6"), t.rows().get(0));
        assertTrue(t.truncated());
    }

    @Test
    void bindValuesNeverBecomeSql() {
        JdbcConnector c = connector(RiskLevel.READ_ONLY, "reader", "env:DB_PW");
        ToolResult.Table t = (ToolResult.Table) c.execute(call(defOf(RiskLevel.READ_ONLY),
                "SELECT id FROM items WHERE name = ?", List.of("x' OR '1'='1"), 10), new ExecutionContext("a", "e"));
        assertEquals(0, t.rows().size());
        assertFalse(t.truncated());
    }

    @Test
    void readOnlyConnectionCannotWriteEvenIfPolicyWereBypassed() {
        JdbcConnector c = connector(RiskLevel.READ_ONLY, "reader", "env:DB_PW");
        GatewayException e = assertThrows(GatewayException.class, () -> c.execute(call(defOf(RiskLevel.READ_ONLY),
                "DELETE FROM items WHERE id = ?", List.of(1), 10), new ExecutionContext("a", "e")));
        assertEquals("execution_failed", e.reasonCode());
        assertFalse(e.getMessage().contains("reader-secret-1"));
    }

    @Test
    void plaintextCredentialIsRefusedOutsideTheDemo() {
        JdbcConnector c = connector(RiskLevel.READ_ONLY, "reader", "reader-secret-1");
        GatewayException e = assertThrows(GatewayException.class, () -> c.execute(call(defOf(RiskLevel.READ_ONLY),
                "SELECT 1", List.of(), 10), new ExecutionContext("a", "e")));
        assertEquals("credential_plaintext", e.reasonCode());
        assertFalse(e.getMessage().contains("reader-secret-1"));
    }

    private ConnectionDefinition defOf(RiskLevel risk) {
        return new ConnectionDefinition("db", "jdbc", url, "reader", "env:DB_PW", risk, Map.of());
    }
}
