package io.mcpgateway.tools;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads runbook YAML files from a directory into {@link Runbooks}.
 *
 * <p>Strict by design: unknown keys, missing descriptions, binds without a parameter, parameters
 * never used, duplicate tool names across files, unknown connections (when the loader knows the
 * configured ones) are errors, because a template that silently forgives mistakes lets the wrong
 * shape of command through. All problems of all files are collected and reported together, each
 * at its {@code file:line:col}.
 *
 * <pre>
 * tools:
 *   - name: find_customer_by_email
 *     description: Look up one customer by e-mail address.
 *     connection: demo-readonly
 *     groups: [support]
 *     parameters:
 *       email: { type: string, format: email, description: The customer's e-mail. }
 *     sql: SELECT id, full_name, email FROM customers WHERE email = :email
 *     limits: { rows: 50, timeout: 10s }
 * </pre>
 * The language is described in full in {@code docs/runbooks.md}.
 */
public final class RunbookLoader {

    private static final Set<String> TOP_KEYS = Set.of("tools");

    private final Map<String, ConnectionDefinition> connections;
    private final StatementCheck statements;

    /**
     * A loader that checks the runbooks on their own, without the gateway's connections.
     */
    public RunbookLoader() {
        this(builder());
    }

    private RunbookLoader(Builder builder) {
        this.connections = builder.connections;
        this.statements = builder.statements;
    }

    /**
     * A builder.
     *
     * @return builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads every {@code .yaml}/{@code .yml} file of a directory (not recursive, hidden files
     * skipped), in name order, merging their tools.
     *
     * @param directory runbook directory
     * @return the tools
     * @throws RunbookException listing every problem, when any file is invalid
     */
    public Runbooks load(Path directory) {
        Loaded loaded = read(directory);
        if (!loaded.problems().isEmpty()) {
            throw new RunbookException(loaded.problems());
        }
        return loaded.runbooks();
    }

    /**
     * Checks a directory without failing: every problem, and the tools that loaded cleanly.
     *
     * @param directory runbook directory
     * @return problems (empty when the runbooks are valid) and tools
     */
    public Loaded read(Path directory) {
        List<Path> files;
        try {
            files = files(directory);
        } catch (IOException e) {
            return new Loaded(new Runbooks(Map.of()), List.of(new RunbookProblem(directory.toString(), 1, 1,
                    "cannot list the runbook directory (" + e.getClass().getSimpleName() + ")",
                    "check that it exists and is readable")));
        }
        List<RunbookProblem> problems = new ArrayList<>();
        Map<String, ToolDefinition> tools = new LinkedHashMap<>();
        for (Path file : files) {
            readFile(file, tools, problems);
        }
        return new Loaded(new Runbooks(tools), problems);
    }

    /**
     * The runbook files of a directory, in name order.
     *
     * @param directory directory
     * @return files
     * @throws IOException when it cannot be listed
     */
    static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(p -> {
                String n = p.getFileName().toString();
                return !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml")) && Files.isRegularFile(p);
            }).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    private void readFile(Path file, Map<String, ToolDefinition> tools, List<RunbookProblem> out) {
        Problems problems = new Problems(file.toString());
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            out.add(new RunbookProblem(file.toString(), 1, 1, "not UTF-8 text", "save the file as UTF-8"));
            return;
        } catch (IOException e) {
            out.add(new RunbookProblem(file.toString(), 1, 1, "cannot read the file (" + e.getClass().getSimpleName()
                    + ")", ""));
            return;
        }
        Optional<YamlNode> root = YamlNode.parse(text, problems);
        NodeReader read = new NodeReader(problems);
        if (root.isPresent() && !(root.get() instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL)) {
            read.mapping(root.get(), "a runbook file").ifPresent(m -> {
                read.checkKeys(m, TOP_KEYS, "a runbook file");
                Optional<YamlNode> list = m.get("tools");
                if (list.isEmpty()) {
                    problems.add(m, "expected a top-level 'tools:' list", "");
                } else if (!(list.get() instanceof YamlNode.Sequence seq)) {
                    problems.add(list.get(), "'tools' must be a list of tools (each starting with '- name:')", "");
                } else {
                    ToolReader reader = new ToolReader(read, connections, statements);
                    for (YamlNode item : seq.items()) {
                        reader.read(item).ifPresent(tool -> add(tool, item, tools, problems));
                    }
                }
            });
        }
        // in reading order of the file, as a compiler reports them
        out.addAll(problems.list().stream().sorted(Comparator.comparingInt(RunbookProblem::line)
                .thenComparingInt(RunbookProblem::column)).toList());
    }

    private static void add(ToolDefinition tool, YamlNode at, Map<String, ToolDefinition> tools, Problems problems) {
        ToolDefinition earlier = tools.putIfAbsent(tool.name(), tool);
        if (earlier != null) {
            YamlNode.Position pos = at instanceof YamlNode.Mapping m && m.get("name").isPresent()
                    ? m.get("name").orElseThrow().position() : at.position();
            problems.add(pos, "duplicate tool name '" + tool.name() + "', also defined at " + earlier.source(),
                    "tool names are unique across all runbook files");
        }
    }

    /**
     * Parses {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or ISO 8601 ({@code PT10S}).
     *
     * @param text duration text
     * @return the duration
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (use 500ms, 10s, 2m, 1h or PT10S)");
        }
    }

    /**
     * The outcome of reading a runbook directory.
     *
     * @param runbooks the tools that loaded without problems
     * @param problems every problem found, by file and position
     */
    public record Loaded(Runbooks runbooks, List<RunbookProblem> problems) {
        /**
         * Copies the problems.
         *
         * @param runbooks tools
         * @param problems problems
         */
        public Loaded {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Configures a {@link RunbookLoader}.
     */
    public static final class Builder {
        private Map<String, ConnectionDefinition> connections;
        private StatementCheck statements = StatementCheck.NONE;

        private Builder() {
        }

        /**
         * The configured connections: tools naming another connection, or one of the wrong kind,
         * are problems. Without this, connections are not checked.
         *
         * @param connections connections by name
         * @return this
         */
        public Builder connections(Map<String, ConnectionDefinition> connections) {
            this.connections = Map.copyOf(connections);
            return this;
        }

        /**
         * A check run on every statement of every {@code sql} tool (e.g. that it parses, and that
         * it does not write on a read-only connection).
         *
         * @param statements the check
         * @return this
         */
        public Builder statementCheck(StatementCheck statements) {
            this.statements = java.util.Objects.requireNonNull(statements, "statements");
            return this;
        }

        /**
         * Builds the loader.
         *
         * @return loader
         */
        public RunbookLoader build() {
            return new RunbookLoader(this);
        }
    }
}
