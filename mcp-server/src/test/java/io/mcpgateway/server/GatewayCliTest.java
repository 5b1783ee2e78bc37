package io.mcpgateway.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.tools.Identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI contract of DESIGN.md, run in-process.
 */
class GatewayCliTest {

    private DemoFixture fixture;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;
    private InputStream oldIn;

    @BeforeEach
    void setUp() {
        fixture = DemoFixture.create();
        oldOut = System.out;
        oldErr = System.err;
        oldIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        System.setOut(oldOut);
        System.setErr(oldErr);
        System.setIn(oldIn);
        fixture.close();
    }

    private int run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = fixture.configFile().toString();
        all[args.length + 2] = "--data-dir";
        all[args.length + 3] = fixture.dataDir().toString();
        return GatewayCli.run(all);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tokenMintsAVerifiableTokenForTheGivenUserAndGroups() {
        assertEquals(0, run("token", "--user", "carol@example.com", "--groups", "support,dba"));
        String token = out().strip();
        try (Gateway g = fixture.gateway()) {
            Identity id = g.authenticator().verify(token);
            assertEquals(new Identity("carol@example.com", "carol@example.com", Set.of("support", "dba")), id);
        }
    }

    @Test
    void maskKeepsKeyedHashesStableAcrossRunsWithAKeyGeneratedIntoTheDataDirectory() throws Exception {
        fixture.withConfigLine("tools-dir: runbooks",
                "tools-dir: runbooks\nmasking:\n  profiles:\n    pseudonyms: { strategy: hash }");
        String[] runs = new String[2];
        for (int i = 0; i < runs.length; i++) {
            out.reset();
            System.setIn(new ByteArrayInputStream("Write to maria.garcia@example.com today.\n"
                    .getBytes(StandardCharsets.UTF_8)));
            assertEquals(0, run("mask", "--profile", "pseudonyms"));
            runs[i] = out().strip();
        }
        assertTrue(runs[0].matches("Write to \\[EMAIL:[0-9a-f]{16}] today\\."), runs[0]);
        // a new engine per run: only a key kept between runs gives the same pseudonym
        assertEquals(runs[0], runs[1]);
        Path key = fixture.dataDir().resolve("keys").resolve("masking-hash-key");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(key)));
    }

    @Test
    void policyExplainPrintsJsonDecision() {
        assertEquals(0, run("policy", "explain", "--connection", "demo-readonly", "--sql",
                "DELETE FROM customers WHERE id = 1", "--json"));
        assertEquals("{\"action\":\"deny\",\"rule\":\"risk.read-only\",\"reason\":\"Connection 'demo-readonly' is "
                + "read-only, and this statement is a DELETE, not a plain read. Only reads (SELECT without FOR UPDATE) run "
                + "here; use a tool on a write connection to change data.\",\"reasonCode\":\"write_on_read_only\"}",
                out().strip());
    }

    @Test
    void policyExplainJsonlAnswersOneLinePerInputInOrder() {
        System.setIn(new ByteArrayInputStream(("""
                {"connection":"demo-readonly","sql":"SELECT * FROM customers","user":"u","groups":["support"]}
                {"connection":"demo-write","sql":"UPDATE orders SET status='paid' WHERE id=3"}
                {"connection":"demo-admin","sql":"DROP TABLE orders"}
                {"connection":"nope","sql":"SELECT 1"}
                """).getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, run("policy", "explain", "--jsonl"));
        String[] lines = out().strip().split("\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith("{\"action\":\"allow\",\"rule\":\"risk.read-only\""), lines[0]);
        assertTrue(lines[1].startsWith("{\"action\":\"approve\",\"rule\":\"risk.write\""), lines[1]);
        assertTrue(lines[2].startsWith("{\"action\":\"approve\",\"rule\":\"risk.admin\""), lines[2]);
        assertEquals("{\"action\":\"deny\",\"rule\":\"explain.invalid-input\",\"reason\":\"Line 4: unknown connection "
                + "'nope'; nothing was evaluated.\"}", lines[3]);
    }

    @Test
    void runbooksLintPassesOnTheSampleRunbooksAndFailsWithPositions(@TempDir Path bad) throws Exception {
        assertEquals(0, run("runbooks", "lint", DemoFixture.EXAMPLES.resolve("runbooks").toString()));
        assertTrue(out().contains("no problems"));
        Files.writeString(bad.resolve("broken.yaml"), "tools:\n  - name: x\n    description: d\n    connection: demo-readonly\n"
                + "    groups: [g]\n    sql: SELECT * FROM t WHERE id = :id\n");
        assertEquals(1, run("runbooks", "lint", bad.toString()));
        assertTrue(out().contains(bad.resolve("broken.yaml") + ":6:37: bind ':id' is not declared under "
                + "'parameters'"), out());
    }

    @Test
    void auditVerifyReportsOkThenTheBrokenLinkAfterTampering() throws Exception {
        try (Gateway g = fixture.gateway()) {
            g.pipeline().handle(new io.mcpgateway.tools.ToolCall("orders_by_status", java.util.Map.of("status", "paid"),
                    new Identity("alice", "", Set.of("support")), "", "c1"));
        }
        assertEquals(0, run("audit", "verify"));
        assertTrue(out().startsWith("OK chain local: 2 record(s)"), out());
        try (Gateway g = fixture.gateway(); var c = g.store().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_event SET actor = 'mallory' WHERE seq = 1");
        }
        out.reset();
        assertEquals(1, run("audit", "verify"));
        assertEquals("BROKEN chain local at record 1: content was changed after it was written (hash mismatch)",
                out().strip());
    }

    @Test
    void unknownConfigFileIsAClearError() {
        assertEquals(2, GatewayCli.run("token", "--user", "u", "--config", "/nonexistent/gateway.yaml"));
        assertEquals("error: Configuration file /nonexistent/gateway.yaml does not exist",
                err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void demoDataHoldsWhatTheGatewayMustProtect() throws Exception {
        try (Gateway g = fixture.gateway();
             var c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + fixture.dataDir().resolve("demo/shop"),
                     "demo_owner", Files.readString(fixture.dataDir().resolve("demo/secrets/owner")).strip());
             var s = c.createStatement();
             var rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM customers), (SELECT COUNT(*) FROM orders), "
                     + "(SELECT setting_value FROM app_settings WHERE setting_key = 'payment_api_key')")) {
            assertTrue(rs.next());
            assertEquals(200, rs.getInt(1));
            assertEquals(600, rs.getInt(2));
            assertTrue(rs.getString(3).startsWith("sk_live_"));
        }
    }
}
