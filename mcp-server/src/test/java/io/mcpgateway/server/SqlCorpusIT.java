package io.mcpgateway.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.ToolCall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SQL corpus of the guardrails module sent through the real demo: every statement to the
 * free-form SQL tools of {@code demo-readonly}, {@code demo-write} and {@code demo-admin}, on the
 * demo's H2 database, through the whole pipeline, as the database administrator. Allowed
 * statements execute for real; the proof that no write ran without approval is that the
 * database's data, schema and users are exactly as before.
 */
class SqlCorpusIT {

    private static final Path CORPUS = Path.of("..", "guardrails", "src", "test", "resources", "sql-corpus.yaml");
    private static final String[] TOOLS = {"sql_demo_readonly", "sql_demo_write", "sql_demo_admin"};

    private static DemoFixture fixture;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        // a call that needs approval answers "pending" at once; nobody approves here
        fixture = DemoFixture.create().withApprovalWait("0s");
        // every connection logs in as the database administrator: only policy stands between a
        // statement and the data, so a statement policy wrongly allows would show in the fingerprint
        String config = Files.readString(fixture.configFile())
                .replace("user: gateway_ro\n", "user: gateway_admin\n")
                .replace("user: gateway_rw\n", "user: gateway_admin\n")
                .replace("secrets/gateway_ro\n", "secrets/gateway_admin\n")
                .replace("secrets/gateway_rw\n", "secrets/gateway_admin\n")
                .replace("    risk: admin\n", "    risk: admin\n    free-form-sql: true\n    free-form-sql-groups: [engineering]\n");
        Files.writeString(fixture.configFile(), config);
        gateway = fixture.gateway();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        fixture.close();
    }

    @Test
    @Timeout(300)
    void everyDecisionHoldsOnTheDemoAndNoWriteRunsWithoutApproval() throws Exception {
        String before = fingerprint();
        JsonNode corpus = YAMLMapper.builder().build().readTree(CORPUS.toFile());
        List<String> mismatches = new ArrayList<>();
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        int n = 0;
        for (JsonNode e : corpus.get("statements")) {
            if (!e.path("dialect").asString("h2").equals("h2")) {
                continue;
            }
            n++;
            String sql = e.get("sql").asString();
            String[] expected = e.get("expect").asString().split(" ");
            // one caller per statement: the demo's per-user rate limits stay out of the way
            Identity caller = new Identity("corpus-" + n, "", Set.of("engineering"));
            for (int i = 0; i < TOOLS.length; i++) {
                CallOutcome outcome = gateway.pipeline().handle(new ToolCall(TOOLS[i], Map.of("sql", sql), caller, "",
                        "corpus-" + n + "-" + i));
                String got = switch (outcome) {
                    case CallOutcome.Success s -> "allow";
                    // an allowed statement may still fail on H2 (another dialect's syntax): it ran nothing
                    case CallOutcome.Failed f -> "allow";
                    // invalid arguments (an empty statement) are refused before policy: nothing ran either
                    case CallOutcome.Refused r -> r.outcome().equals("denied") || r.outcome().equals("invalid_arguments")
                            ? "deny" : r.outcome().startsWith("approval") ? "approve" : r.outcome();
                    case CallOutcome.UnknownTool u -> "unknown-tool";
                };
                outcomes.merge(TOOLS[i] + " " + outcome.getClass().getSimpleName(), 1, Integer::sum);
                String want = expected[i].startsWith("approve") ? "approve" : expected[i];
                if (!want.equals(got)) {
                    mismatches.add(TOOLS[i] + ": expected " + want + ", got " + got + " (" + outcome + ") for " + sql);
                }
            }
        }
        assertEquals(before, fingerprint(), "no data, schema or user changed");
        assertEquals(List.of(), mismatches);
        assertTrue(n >= 300, "ran " + n + " statements");
        assertTrue(outcomes.getOrDefault("sql_demo_readonly Success", 0) >= 80,
                "the benign reads really executed: " + outcomes);
    }

    /** A hash of every row of every table, the schema objects and the users of the demo database. */
    private static String fingerprint() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + fixture.dataDir().resolve("demo/shop"),
                "demo_owner", Files.readString(fixture.dataDir().resolve("demo/secrets/owner")).strip());
             Statement s = c.createStatement()) {
            List<String> queries = new ArrayList<>(List.of(
                    "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES "
                            + "WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA' ORDER BY 1, 2",
                    "SELECT USER_NAME, IS_ADMIN FROM INFORMATION_SCHEMA.USERS ORDER BY 1",
                    "SELECT GRANTEE, PRIVILEGE_TYPE, TABLE_NAME FROM INFORMATION_SCHEMA.TABLE_PRIVILEGES ORDER BY 1, 2, 3",
                    "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS "
                            + "WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY 1, 2",
                    "SELECT INDEX_NAME, TABLE_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY 1"));
            try (ResultSet rs = s.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
                    + "WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA' ORDER BY 1, 2")) {
                while (rs.next()) {
                    queries.add("SELECT * FROM \"" + rs.getString(1) + "\".\"" + rs.getString(2) + "\" ORDER BY 1");
                }
            }
            return DatabaseFingerprint.of(c, queries);
        }
    }
}
