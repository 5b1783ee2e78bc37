package io.mcpgateway.connectors;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.GatewayException;
import io.mcpgateway.tools.Limits;
import io.mcpgateway.tools.RiskLevel;
import io.mcpgateway.tools.ToolResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JDBC connector against the real PostgreSQL and MariaDB servers of the machine. Each test
 * works in a schema (PostgreSQL) or database (MariaDB) of its own and drops it. Without a server
 * the tests skip, unless {@code gateway.require.databases=true} (CI), where absence fails.
 */
@Timeout(60)
class JdbcConnectorIT {

    /** A database server: how the test administers it and how the gateway connects to a scratch area. */
    enum Vendor {
        POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/test", "postgres",
                "SELECT query FROM pg_stat_activity WHERE pid = pg_backend_pid()", "SELECT pg_sleep(5)") {
            @Override
            String create(Statement admin, String name) throws SQLException {
                admin.execute("CREATE SCHEMA " + name);
                return adminUrl + "?currentSchema=" + name;
            }

            @Override
            void drop(Statement admin, String name) throws SQLException {
                admin.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            }
        },
        MARIADB("jdbc:mariadb://127.0.0.1:3306/test", "root",
                "SELECT INFO FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()",
                "SELECT COUNT(*) FROM items a, items b, items c WHERE a.name <> c.name") {
            @Override
            String create(Statement admin, String name) throws SQLException {
                admin.execute("CREATE DATABASE " + name);
                return "jdbc:mysql://127.0.0.1:3306/" + name;
            }

            @Override
            void drop(Statement admin, String name) throws SQLException {
                admin.execute("DROP DATABASE IF EXISTS " + name);
            }
        };

        final String adminUrl;
        final String user;
        final String ownStatement;
        final String slowStatement;

        Vendor(String adminUrl, String user, String ownStatement, String slowStatement) {
            this.adminUrl = adminUrl;
            this.user = user;
            this.ownStatement = ownStatement;
            this.slowStatement = slowStatement;
        }

        abstract String create(Statement admin, String name) throws SQLException;

        abstract void drop(Statement admin, String name) throws SQLException;
    }

    private Vendor vendor;
    private String scratch;
    private String url;
    private final List<JdbcConnector> opened = new ArrayList<>();

    static Stream<Arguments> vendors() {
        return Stream.of(Arguments.of(Vendor.POSTGRESQL), Arguments.of(Vendor.MARIADB));
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(vendor.adminUrl, vendor.user, "");
    }

    private void setUp(Vendor v) throws SQLException {
        this.vendor = v;
        this.scratch = "gw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Connection c;
        try {
            c = admin();
        } catch (SQLException e) {
            if (Boolean.getBoolean("gateway.require.databases")) {
                throw new AssertionError(v + " is required (gateway.require.databases=true) but does not answer at "
                        + v.adminUrl, e);
            }
            Assumptions.abort(v + " does not answer at " + v.adminUrl + "; skipping (" + e.getMessage() + ")");
            return;
        }
        try (c; Statement s = c.createStatement()) {
            url = v.create(s, scratch);
        }
        try (Connection c2 = DriverManager.getConnection(url.replace("jdbc:mysql:", "jdbc:mariadb:"), v.user, "");
             Statement s = c2.createStatement()) {
            s.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50), price DECIMAL(10,2), "
                    + "active BOOLEAN, created TIMESTAMP)");
            StringBuilder insert = new StringBuilder("INSERT INTO items VALUES ");
            for (int i = 1; i <= 3000; i++) {
                insert.append(i > 1 ? "," : "").append("(").append(i).append(", 'item ").append(i).append("', ")
                        .append(i).append(".50, ").append(i % 2 == 0 ? "TRUE" : "FALSE").append(", '2024-05-01 12:00:00')");
            }
            s.execute(insert.toString());
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        opened.forEach(JdbcConnector::close);
        if (scratch != null && url != null) {
            try (Connection c = admin(); Statement s = c.createStatement()) {
                vendor.drop(s, scratch);
            }
        }
    }

    private JdbcConnector connector(ConnectionDefinition def) {
        JdbcConnector c = new JdbcConnector(def, SecretResolver.create(Map.of(), false));
        opened.add(c);
        return c;
    }

    private ConnectionDefinition def(RiskLevel risk) {
        return new ConnectionDefinition("db", "jdbc", url, vendor.user, "", risk, Map.of());
    }

    private ToolResult run(ConnectionDefinition def, String sql, List<Object> binds, Limits limits) {
        return connector(def).execute(TestCalls.call(def, new BoundRequest.Sql(sql, binds), limits), TestCalls.CONTEXT);
    }

    private static Limits limits(int rows) {
        return new Limits(rows, 1024 * 1024, Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void returnsTypedRowsAndMarksTruncationAtTheRowCap(Vendor v) throws SQLException {
        setUp(v);
        ToolResult.Table t = assertInstanceOf(ToolResult.Table.class, run(def(RiskLevel.READ_ONLY),
                "SELECT id, name, price, active, created FROM items WHERE id > ? ORDER BY id", List.of(10), limits(100)));
        assertEquals(List.of("id", "name", "price", "active", "created"),
                t.columns().stream().map(c -> c.name().toLowerCase()).toList());
        assertEquals(100, t.rows().size());
        assertEquals(List.of(11, "item 11", new java.math.BigDecimal("11.50"), false), t.rows().getFirst().subList(0, 4));
        assertTrue(t.rows().getFirst().get(4).toString().startsWith("2024-05-01T"), t.rows().getFirst().get(4).toString());
        assertTrue(t.truncated());
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void readOnlyConnectionRefusesWritesAtTheSessionLevelEvenForAnAdministrator(Vendor v) throws SQLException {
        setUp(v);
        GatewayException e = assertThrows(GatewayException.class, () -> run(def(RiskLevel.READ_ONLY),
                "UPDATE items SET name = ? WHERE id = ?", List.of("changed", 1), limits(10)));
        assertEquals("execution_failed", e.reasonCode());
        assertEquals("The database refused the statement (SQLState 25006).", e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void writeConnectionCommits(Vendor v) throws SQLException {
        setUp(v);
        ToolResult.UpdateCount u = assertInstanceOf(ToolResult.UpdateCount.class, run(def(RiskLevel.WRITE),
                "UPDATE items SET name = ? WHERE id = ?", List.of("changed", 1), limits(10)));
        assertEquals(1, u.affectedRows());
        try (Connection c = DriverManager.getConnection(url.replace("jdbc:mysql:", "jdbc:mariadb:"), v.user, "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM items WHERE id = 1")) {
            rs.next();
            assertEquals("changed", rs.getString(1));
        }
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void theDatabaseSeesWhoRanTheStatement(Vendor v) throws SQLException {
        setUp(v);
        ToolResult.Table t = assertInstanceOf(ToolResult.Table.class, run(def(RiskLevel.READ_ONLY), v.ownStatement,
                List.of(), limits(1)));
        String seen = (String) t.rows().getFirst().getFirst();
        // MariaDB's driver prefixes its own SET STATEMENT clause for the timeout; the comment follows it
        assertEquals("/* mcp-gateway user=alice@example.com tool=test_tool event=evt-42 */ " + v.ownStatement,
                seen.substring(seen.indexOf("/* mcp-gateway")));
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void cancelsStatementsAtTheToolsTimeout(Vendor v) throws SQLException {
        setUp(v);
        GatewayException e = assertThrows(GatewayException.class, () -> run(def(RiskLevel.READ_ONLY), v.slowStatement,
                List.of(), new Limits(1, 1024, Duration.ofSeconds(1))));
        assertEquals("timeout", e.reasonCode());
        assertEquals("The statement ran longer than the tool's limit of 1 s and was cancelled.", e.getMessage());
    }
}
