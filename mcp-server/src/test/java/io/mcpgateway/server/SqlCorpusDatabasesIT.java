package io.mcpgateway.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.ToolCall;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The SQL corpus against the machine's real PostgreSQL and MariaDB, in a database of its own, with
 * every connection logged in as the server's superuser: only policy stands between a statement
 * and the data. Allowed statements execute; nothing on an admin connection runs without approval,
 * nothing on a write connection runs unless the corpus says it is a read, and the data, schema and
 * accounts are exactly as before. Without a server the test skips, unless
 * {@code gateway.require.databases=true} (CI), where absence fails.
 */
class SqlCorpusDatabasesIT {

    private static final Path CORPUS = Path.of("..", "guardrails", "src", "test", "resources", "sql-corpus.yaml");

    /** A server, how the test administers it, and what its fingerprint reads. */
    enum Vendor {
        POSTGRESQL("postgresql", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", "jdbc:postgresql://127.0.0.1:5432/",
                List.of("SELECT rolname, rolsuper, rolcreaterole, rolcanlogin FROM pg_roles ORDER BY 1",
                        "SELECT table_schema, table_name, table_type FROM information_schema.tables "
                                + "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2",
                        "SELECT grantee, table_name, privilege_type FROM information_schema.table_privileges "
                                + "WHERE table_schema = 'public' ORDER BY 1, 2, 3")),
        MARIADB("mysql", "jdbc:mariadb://127.0.0.1:3306/test", "root", "jdbc:mariadb://127.0.0.1:3306/",
                List.of("SELECT user, host FROM mysql.user ORDER BY 1, 2",
                        "SELECT table_schema, table_name, table_type FROM information_schema.tables "
                                + "WHERE table_schema NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys') "
                                + "ORDER BY 1, 2"));

        final String dialect;
        final String adminUrl;
        final String user;
        final String base;
        final List<String> catalogQueries;

        Vendor(String dialect, String adminUrl, String user, String base, List<String> catalogQueries) {
            this.dialect = dialect;
            this.adminUrl = adminUrl;
            this.user = user;
            this.base = base;
            this.catalogQueries = catalogQueries;
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    @Timeout(600)
    void noWriteRunsWithoutApprovalOnARealServer(Vendor vendor) throws Exception {
        String db = "gw_corpus_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection admin = adminConnection(vendor); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        Path dir = Files.createTempDirectory("gateway-corpus");
        try {
            String url = vendor.base + db;
            seed(vendor, url);
            Files.createDirectories(dir.resolve("runbooks"));
            Files.writeString(dir.resolve("gateway.yaml"), config(vendor, url));
            String before = fingerprint(vendor, url);
            List<String> ranWithoutApproval = new ArrayList<>();
            try (Gateway gateway = Gateway.create(GatewayConfig.load(dir.resolve("gateway.yaml"), dir.resolve("data")),
                    Clock.systemUTC())) {
                int n = 0;
                for (JsonNode e : YAMLMapper.builder().build().readTree(CORPUS.toFile()).get("statements")) {
                    String dialect = e.path("dialect").asString("h2");
                    if (!dialect.equals("h2") && !dialect.equals(vendor.dialect)) {
                        continue;
                    }
                    String sql = e.get("sql").asString();
                    String[] expected = e.get("expect").asString().split(" ");
                    Identity caller = new Identity("corpus-" + ++n, "", Set.of("engineering"));
                    for (String risk : List.of("write", "admin")) {
                        CallOutcome o = gateway.pipeline().handle(new ToolCall("sql_db_" + risk, Map.of("sql", sql),
                                caller, "", "c" + n));
                        boolean mayRun = risk.equals("write") && expected[1].equals("allow");
                        if (o instanceof CallOutcome.Success && !mayRun) {
                            ranWithoutApproval.add(risk + ": " + sql);
                        }
                    }
                    gateway.pipeline().handle(new ToolCall("sql_db_readonly", Map.of("sql", sql), caller, "", "r" + n));
                }
            }
            assertEquals(List.of(), ranWithoutApproval);
            assertEquals(before, fingerprint(vendor, url), "no data, schema or account changed");
        } finally {
            try (Connection admin = adminConnection(vendor); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + db);
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Connection adminConnection(Vendor vendor) throws SQLException {
        try {
            return DriverManager.getConnection(vendor.adminUrl, vendor.user, "");
        } catch (SQLException e) {
            if (Boolean.getBoolean("gateway.require.databases")) {
                throw new AssertionError(vendor + " is required (gateway.require.databases=true) but does not answer at "
                        + vendor.adminUrl, e);
            }
            Assumptions.abort(vendor + " does not answer at " + vendor.adminUrl + "; skipping (" + e.getMessage() + ")");
            throw e;
        }
    }

    private static String config(Vendor vendor, String url) {
        StringBuilder b = new StringBuilder("tools-dir: runbooks\nconnections:\n");
        for (String risk : List.of("readonly", "write", "admin")) {
            b.append("  db-").append(risk).append(":\n")
                    .append("    kind: jdbc\n")
                    .append("    url: ").append(url).append('\n')
                    .append("    user: ").append(vendor.user).append('\n')
                    .append("    risk: ").append(risk.equals("readonly") ? "read-only" : risk).append('\n')
                    .append("    free-form-sql: true\n")
                    .append("    free-form-sql-groups: [engineering]\n");
        }
        // a call that needs approval answers "pending" at once; nobody approves here
        return b.append("policy:\n  approver-groups: [dba]\napprovals:\n  wait: 0s\n").toString();
    }

    /** The demo's three tables with a few rows, in the scratch database. */
    private static void seed(Vendor vendor, String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, vendor.user, ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INT PRIMARY KEY, full_name VARCHAR(120), email VARCHAR(200), "
                    + "phone VARCHAR(40), country CHAR(2), tier VARCHAR(10), created_at TIMESTAMP)");
            s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, status VARCHAR(20), total DECIMAL(10, 2), "
                    + "currency CHAR(3), note VARCHAR(400), created_at TIMESTAMP, updated_at TIMESTAMP)");
            s.execute("CREATE TABLE app_settings (setting_key VARCHAR(80) PRIMARY KEY, setting_value VARCHAR(400), "
                    + "description VARCHAR(200))");
            s.execute("CREATE INDEX orders_status ON orders (status)");
            for (int i = 1; i <= 20; i++) {
                s.execute("INSERT INTO customers VALUES (" + i + ", 'Customer " + i + "', 'c" + i + "@example.com', "
                        + "'+46 70 000 00 " + i + "', 'SE', 'basic', TIMESTAMP '2024-01-01 10:00:00')");
                s.execute("INSERT INTO orders VALUES (" + i + ", " + i + ", '" + (i % 3 == 0 ? "cancelled" : "paid")
                        + "', " + i + "0.50, 'EUR', NULL, TIMESTAMP '2024-02-01 10:00:00', TIMESTAMP '2024-02-02 10:00:00')");
            }
            s.execute("INSERT INTO app_settings VALUES ('feature.x', 'on', 'A switch')");
        }
    }

    private static String fingerprint(Vendor vendor, String url) throws Exception {
        List<String> queries = new ArrayList<>(vendor.catalogQueries);
        for (String table : List.of("customers", "orders", "app_settings")) {
            queries.add("SELECT * FROM " + table + " ORDER BY 1");
        }
        try (Connection c = DriverManager.getConnection(url, vendor.user, "")) {
            return DatabaseFingerprint.of(c, queries);
        }
    }
}
