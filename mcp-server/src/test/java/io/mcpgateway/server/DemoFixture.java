package io.mcpgateway.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private copy of the checked-in demo configuration (examples/claude-config) with its own data
 * directory, plus optional extra runbooks, so tests run the real demo without touching ./data.
 */
final class DemoFixture implements AutoCloseable {

    static final Path EXAMPLES = Path.of("..", "examples", "claude-config").toAbsolutePath().normalize();

    private final Path root;
    private final Path config;
    private final Path dataDir;

    private DemoFixture(Path root) {
        this.root = root;
        this.config = root.resolve("claude-config").resolve("gateway.yaml");
        this.dataDir = root.resolve("data");
    }

    /**
     * Copies the demo configuration into a temporary folder.
     *
     * @return the fixture
     */
    static DemoFixture create() {
        try {
            Path root = Files.createTempDirectory("gateway-test");
            copy(EXAMPLES, root.resolve("claude-config"));
            return new DemoFixture(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a runbook file to the copy. */
    DemoFixture withRunbook(String fileName, String yaml) {
        try {
            Files.writeString(config.getParent().resolve("runbooks").resolve(fileName), yaml);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A runbook that writes through the read-only connection (policy must refuse it). */
    DemoFixture withReadOnlyWriteTool() {
        return withRunbook("readonly-write.yaml", """
                tools:
                  - name: rename_customer_readonly
                    description: Attempts a write through the read-only connection.
                    connection: demo-readonly
                    groups: [support]
                    parameters:
                      customer_id: { type: integer, minimum: 1 }
                      full_name: { type: string, max-length: 100 }
                    sql: UPDATE customers SET full_name = :full_name WHERE id = :customer_id
                """);
    }

    /**
     * Sets how long calls that need approval are held (the demo's 60 s is too long for tests).
     *
     * @param wait e.g. {@code 2s}, {@code 0s}
     * @return this fixture
     */
    DemoFixture withApprovalWait(String wait) {
        return withConfigLine("  wait: 60s", "  wait: " + wait);
    }

    /**
     * Replaces one line of the copied gateway.yaml (the line must exist, so a changed demo
     * configuration breaks the test loudly instead of silently testing something else).
     *
     * @param line        the line's start, e.g. {@code "  notifications: []"}
     * @param replacement what replaces the whole line (may span lines)
     * @return this fixture
     */
    DemoFixture withConfigLine(String line, String replacement) {
        try {
            String yaml = Files.readString(config);
            String changed = yaml.replaceFirst("(?m)^" + java.util.regex.Pattern.quote(line) + ".*$",
                    java.util.regex.Matcher.quoteReplacement(replacement));
            if (changed.equals(yaml)) {
                throw new IllegalStateException("the demo configuration has no line '" + line + "'");
            }
            Files.writeString(config, changed);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    GatewayConfig config() {
        return GatewayConfig.load(config, dataDir);
    }

    Path configFile() {
        return config;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Creates the demo database and builds a gateway on it. */
    Gateway gateway() {
        return gateway(Clock.systemUTC());
    }

    /** Creates the demo database and builds a gateway on it with a given clock. */
    Gateway gateway(Clock clock) {
        GatewayConfig c = config();
        DemoDatabase.ensure(c);
        return Gateway.create(c, clock);
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path rel = from.relativize(p);
                if (rel.startsWith("target")) {
                    continue;
                }
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }
}
