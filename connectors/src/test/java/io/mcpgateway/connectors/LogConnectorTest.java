package io.mcpgateway.connectors;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.GatewayException;
import io.mcpgateway.tools.Limits;
import io.mcpgateway.tools.RiskLevel;
import io.mcpgateway.tools.ToolResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class LogConnectorTest {

    @TempDir
    Path dir;
    private Path root;

    @BeforeEach
    void files() throws IOException {
        root = Files.createDirectories(dir.resolve("logs"));
        gz(root.resolve("app.log.2.gz"), """
                2024-05-01T09:00:00Z INFO start
                2024-05-01T09:30:00Z WARN disk at 80%
                """);
        Files.writeString(root.resolve("app.log.1"), """
                2024-05-01T10:00:00Z INFO request id=1
                2024-05-01T10:30:00Z ERROR payment failed
                java.lang.IllegalStateException: card declined
                \tat shop.Pay.charge(Pay.java:42)
                2024-05-01T11:00:00Z INFO request id=2
                """);
        Files.writeString(root.resolve("app.log"), """
                2024-05-01T12:00:00Z INFO request id=3
                2024-05-01T12:30:00Z ERROR payment failed again
                2024-05-01T13:00:00Z INFO shutdown""");
        Files.writeString(root.resolve("other.log"), "2024-05-01T08:00:00Z INFO other\n");
        Files.writeString(dir.resolve("secret.txt"), "password=hunter2\n");
    }

    private static void gz(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private ConnectionDefinition def(Map<String, String> options) {
        return new ConnectionDefinition("app-logs", "logs", root.toString(), "", "", RiskLevel.READ_ONLY, options);
    }

    private ToolResult.LogLines run(ConnectionDefinition def, BoundRequest.Logs request, Limits limits) {
        try (LogConnector c = new LogConnector(def)) {
            return (ToolResult.LogLines) c.execute(TestCalls.call(def, request, limits), TestCalls.CONTEXT);
        }
    }

    private ToolResult.LogLines run(BoundRequest.Logs request) {
        return run(def(Map.of()), request, new Limits(100, 64 * 1024, Duration.ofSeconds(20)));
    }

    private static List<String> texts(ToolResult.LogLines r) {
        return r.lines().stream().map(l -> l.file() + ": " + l.text()).toList();
    }

    @Test
    void tailReadsAcrossRotationsOldestFirst() {
        ToolResult.LogLines r = run(new BoundRequest.Logs("tail", "app.log", null, false, null, null, 5));
        assertEquals(List.of(
                "app.log.1: \tat shop.Pay.charge(Pay.java:42)",
                "app.log.1: 2024-05-01T11:00:00Z INFO request id=2",
                "app.log: 2024-05-01T12:00:00Z INFO request id=3",
                "app.log: 2024-05-01T12:30:00Z ERROR payment failed again",
                "app.log: 2024-05-01T13:00:00Z INFO shutdown"), texts(r));
        assertTrue(r.truncated());
        assertEquals("more lines matched than the 5 returned", r.note());
    }

    @Test
    void searchFindsLiteralsInGzippedRotations() {
        ToolResult.LogLines r = run(new BoundRequest.Logs("search", "app.log", "disk at", false, null, null, 10));
        assertEquals(List.of("app.log.2.gz: 2024-05-01T09:30:00Z WARN disk at 80%"), texts(r));
        assertFalse(r.truncated());
    }

    @Test
    void regexSearchIsLinearTimeAndRefusesBacktrackingFeatures() throws IOException {
        Files.writeString(root.resolve("evil.log"), "a".repeat(200_000) + "!\n" + "2024-05-01T12:00:00Z ERROR code=E42\n");
        // (a+)+b takes exponential time on a backtracking engine; RE2 answers at once
        ToolResult.LogLines none = run(new BoundRequest.Logs("search", "evil.log", "(a+)+b", true, null, null, 10));
        assertEquals(0, none.lines().size());
        ToolResult.LogLines found = run(new BoundRequest.Logs("search", "evil.log", "code=E\\d+", true, null, null, 10));
        assertEquals(List.of("evil.log: 2024-05-01T12:00:00Z ERROR code=E42"), texts(found));
        // the binder quotes a caller's text as \Q...\E inside a template's expression
        ToolResult.LogLines quoted = run(new BoundRequest.Logs("search", "evil.log", "ERROR .*\\Qcode=E4\\E", true,
                null, null, 10));
        assertEquals(texts(found), texts(quoted));
        GatewayException e = assertThrows(GatewayException.class,
                () -> run(new BoundRequest.Logs("search", "evil.log", "(a)\\1", true, null, null, 10)));
        assertEquals("invalid_pattern", e.reasonCode());
        assertTrue(e.getMessage().startsWith("The search pattern is not a valid regular expression (RE2 syntax: "
                + "no back-references or look-arounds): "), e.getMessage());
    }

    @Test
    void windowUsesLineTimestampsAndKeepsContinuationLinesWithTheirEntry() {
        ToolResult.LogLines r = run(new BoundRequest.Logs("window", "app.log", null, false,
                Instant.parse("2024-05-01T10:15:00Z"), Instant.parse("2024-05-01T12:00:00Z"), 50));
        assertEquals(List.of(
                "app.log.1: 2024-05-01T10:30:00Z ERROR payment failed",
                "app.log.1: java.lang.IllegalStateException: card declined",
                "app.log.1: \tat shop.Pay.charge(Pay.java:42)",
                "app.log.1: 2024-05-01T11:00:00Z INFO request id=2",
                "app.log: 2024-05-01T12:00:00Z INFO request id=3"), texts(r));
        assertFalse(r.truncated());
        ToolResult.LogLines errors = run(new BoundRequest.Logs("search", "app.log", "ERROR", false,
                Instant.parse("2024-05-01T09:00:00Z"), null, 50));
        assertEquals(List.of("app.log.1: 2024-05-01T10:30:00Z ERROR payment failed",
                "app.log: 2024-05-01T12:30:00Z ERROR payment failed again"), texts(errors));
    }

    @Test
    void readsCommonLogFormatTimestamps() throws IOException {
        Files.writeString(root.resolve("access.log"), """
                10.0.0.1 - - [01/May/2024:11:59:00 +0000] "GET / HTTP/1.1" 200 12
                10.0.0.2 - - [01/May/2024:12:01:00 +0000] "GET /a HTTP/1.1" 404 0
                """);
        ToolResult.LogLines r = run(new BoundRequest.Logs("window", "access.log", null, false,
                Instant.parse("2024-05-01T12:00:00Z"), null, 10));
        assertEquals(List.of("access.log: 10.0.0.2 - - [01/May/2024:12:01:00 +0000] \"GET /a HTTP/1.1\" 404 0"), texts(r));
    }

    @Test
    void refusesPathsThatLeaveTheRoot() throws IOException {
        Files.createSymbolicLink(root.resolve("escape.log"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("up"), dir);
        for (String file : List.of("../secret.txt", "%2e%2e/secret.txt", "..%2fsecret.txt", "/etc/passwd",
                "sub/../../secret.txt", "..\\secret.txt", "~/secret.txt", "escape.log", "up/secret.txt", "./app.log")) {
            GatewayException e = assertThrows(GatewayException.class,
                    () -> run(new BoundRequest.Logs("tail", file, null, false, null, null, 5)), file);
            assertEquals("path_refused", e.reasonCode(), file + ": " + e.getMessage());
            assertFalse(e.getMessage().contains("hunter2"));
        }
        assertEquals("Log file 'escape.log' refused on connection 'app-logs': it leads out of the log root through a "
                + "symbolic link.", assertThrows(GatewayException.class,
                () -> run(new BoundRequest.Logs("tail", "escape.log", null, false, null, null, 5))).getMessage());
    }

    @Test
    void followsSymlinksThatStayInsideTheRoot() throws IOException {
        Files.createSymbolicLink(root.resolve("current.log"), root.resolve("other.log"));
        assertEquals(List.of("other.log: 2024-05-01T08:00:00Z INFO other"),
                texts(run(new BoundRequest.Logs("tail", "current.log", null, false, null, null, 5))));
    }

    @Test
    void globsMatchFileNamesButNotRotations() {
        ToolResult.LogLines r = run(new BoundRequest.Logs("search", "*.log", "INFO s", false, null, null, 10));
        assertEquals(List.of("app.log.2.gz: 2024-05-01T09:00:00Z INFO start",
                "app.log: 2024-05-01T13:00:00Z INFO shutdown"), texts(r));
    }

    @Test
    void unknownFileIsNotFound() {
        GatewayException e = assertThrows(GatewayException.class,
                () -> run(new BoundRequest.Logs("tail", "nothing.log", null, false, null, null, 5)));
        assertEquals("No log file 'nothing.log' under the roots of connection 'app-logs'.", e.getMessage());
    }

    @Test
    void tailOfAHugeFileReadsOnlyItsEnd() throws IOException {
        Path huge = root.resolve("huge.log");
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(huge),
                StandardCharsets.UTF_8), 1 << 20)) {
            for (int i = 0; i < 1_000_000; i++) {
                w.write("2024-05-01T12:00:00Z INFO request number " + i + " served in 12 ms by worker 7\n");
            }
        }
        assertTrue(Files.size(huge) > 70_000_000);
        ToolResult.LogLines r = run(new BoundRequest.Logs("tail", "huge.log", null, false, null, null, 3));
        assertEquals(List.of("huge.log: 2024-05-01T12:00:00Z INFO request number 999997 served in 12 ms by worker 7",
                "huge.log: 2024-05-01T12:00:00Z INFO request number 999998 served in 12 ms by worker 7",
                "huge.log: 2024-05-01T12:00:00Z INFO request number 999999 served in 12 ms by worker 7"), texts(r));
        assertTrue(r.bytesScanned() <= 64 * 1024, "scanned " + r.bytesScanned());

        ToolResult.LogLines capped = run(def(Map.of("max-scan-bytes", "1048576")),
                new BoundRequest.Logs("search", "huge.log", "number 5 ", false, null, null, 3),
                new Limits(100, 64 * 1024, Duration.ofSeconds(20)));
        assertEquals(List.of(), capped.lines());
        assertTrue(capped.truncated());
        assertEquals("the scan stopped after reading 1048576 bytes (max-scan-bytes); older lines were not searched",
                capped.note());
    }

    @Test
    void aGzipWithoutLineBreaksCannotExhaustMemory() throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(root.resolve("bomb.log.1.gz")))) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                out.write(zeros);
            }
        }
        Files.writeString(root.resolve("bomb.log"), "");
        ToolResult.LogLines r = run(def(Map.of("max-scan-bytes", "8388608")),
                new BoundRequest.Logs("search", "bomb.log", "x", false, null, null, 3),
                new Limits(100, 64 * 1024, Duration.ofSeconds(20)));
        assertTrue(r.truncated());
        assertEquals("the scan stopped after reading 8388608 bytes (max-scan-bytes); older lines were not searched",
                r.note());
    }

    @Test
    void returnedBytesAreCappedByTheTool() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            text.append("2024-05-01T12:00:00Z INFO line ").append(100 + i).append(" ").append("x".repeat(50)).append('\n');
        }
        Files.writeString(root.resolve("wide.log"), text);
        ToolResult.LogLines r = run(def(Map.of()), new BoundRequest.Logs("tail", "wide.log", null, false, null, null, 100),
                new Limits(100, 1024, Duration.ofSeconds(20)));
        // each line is 85 characters plus its line break: 11 fit in 1024 bytes
        assertEquals(11, r.lines().size());
        assertEquals("2024-05-01T12:00:00Z INFO line 199 " + "x".repeat(50), r.lines().getLast().text());
        assertTrue(r.truncated());
        assertEquals("the lines returned reached the tool's limit of 1024 bytes", r.note());
        ToolResult.LogLines small = run(def(Map.of()), new BoundRequest.Logs("tail", "app.log", null, false, null, null, 2),
                new Limits(1, 1024, Duration.ofSeconds(20)));
        assertEquals(List.of("app.log: 2024-05-01T13:00:00Z INFO shutdown"), texts(small));
    }

    @Test
    void searchWithoutPatternAndInvertedWindowsAreRefused() {
        assertEquals("A log search needs a pattern.", assertThrows(GatewayException.class,
                () -> run(new BoundRequest.Logs("search", "app.log", null, false, null, null, 5))).getMessage());
        assertEquals("The time window starts after it ends.", assertThrows(GatewayException.class,
                () -> run(new BoundRequest.Logs("window", "app.log", null, false, Instant.parse("2024-05-02T00:00:00Z"),
                        Instant.parse("2024-05-01T00:00:00Z"), 5))).getMessage());
    }

    @Test
    void aMissingRootFailsCallsNotTheGatewaysStart() {
        ConnectionDefinition def = new ConnectionDefinition("app-logs", "logs", dir.resolve("absent").toString(), "", "",
                RiskLevel.READ_ONLY, Map.of());
        GatewayException e = assertThrows(GatewayException.class, () -> run(def,
                new BoundRequest.Logs("tail", "app.log", null, false, null, null, 5),
                new Limits(10, 4096, Duration.ofSeconds(5))));
        assertEquals("The log directory of connection 'app-logs' does not exist on the gateway.", e.getMessage());
    }

    @Test
    void invalidOptionsNameTheirKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LogConnector(def(Map.of("max-scan-bytes", "lots"))));
        assertEquals("connections.app-logs.max-scan-bytes must be a number of bytes, got 'lots'", e.getMessage());
    }
}
