package io.mcpgateway.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code gateway runbooks lint DIR}: the sample runbooks lint clean, and each file of the broken
 * suite ({@code src/test/resources/runbooks-broken}, one mistake per file, its expected report in
 * {@code # expect:} comments at the end) fails with exactly that message and position.
 */
class RunbooksLintTest {

    private static final Path BROKEN = Path.of("src", "test", "resources", "runbooks-broken");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;
    private DemoFixture fixture;

    @TempDir
    Path dir;

    @BeforeEach
    void capture() {
        fixture = DemoFixture.create();
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
        fixture.close();
    }

    private int lint(Path runbooks) {
        return GatewayCli.run("runbooks", "lint", runbooks.toString(), "--config", fixture.configFile().toString(),
                "--data-dir", fixture.dataDir().toString());
    }

    static Stream<Path> brokenCases() throws IOException {
        try (Stream<Path> files = Files.list(BROKEN)) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("brokenCases")
    void eachBrokenRunbookFailsWithItsMessageAndPosition(Path broken) throws IOException {
        Path expectFile = broken;
        if (Files.isDirectory(broken)) {
            try (Stream<Path> files = Files.list(broken)) {
                for (Path f : files.sorted().toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                    expectFile = f;
                }
            }
        } else {
            Files.copy(broken, dir.resolve(broken.getFileName()));
        }
        Path reported = expectFile;
        List<String> expected = Files.readAllLines(reported).stream().filter(l -> l.startsWith("# expect: "))
                .map(l -> dir.resolve(reported.getFileName()) + ":" + l.substring("# expect: ".length())
                        .replace("DIR/", dir + "/"))
                .toList();

        assertEquals(1, lint(dir), err.toString());
        assertEquals(expected, out.toString(StandardCharsets.UTF_8).lines().toList());
        assertEquals(expected.size() + " problem(s)", err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void theSampleRunbooksLintClean() {
        Path samples = DemoFixture.EXAMPLES.resolve("runbooks");
        assertEquals(0, lint(samples), out + "\n" + err);
        assertEquals(true, out.toString(StandardCharsets.UTF_8).matches(
                java.util.regex.Pattern.quote(samples.toString()) + ": \\d+ tool\\(s\\), no problems\\R"), out.toString());
    }

    @Test
    void withoutAConfigurationEverythingButConnectionsIsChecked() throws IOException {
        Files.writeString(dir.resolve("r.yaml"), """
                tools:
                  - name: t
                    description: d
                    connection: anything
                    groups: [g]
                    sql: SELECT 1
                """);
        String home = System.getProperty("gateway.home");
        System.setProperty("gateway.home", dir.toString());
        try {
            assertEquals(0, GatewayCli.run("runbooks", "lint", dir.toString()));
        } finally {
            if (home == null) {
                System.clearProperty("gateway.home");
            } else {
                System.setProperty("gateway.home", home);
            }
        }
        assertEquals("note: no configuration at " + dir.resolve("examples/claude-config/gateway.yaml")
                + ", so connections are not checked (pass --config FILE)", err.toString(StandardCharsets.UTF_8).strip());
    }
}
