package io.mcpgateway.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads runbook YAML files from a directory into {@link Runbooks}.
 *
 * <p>Strict by design: unknown keys, missing descriptions, binds without a parameter and
 * parameters never used are errors, because a template that silently forgives mistakes lets the
 * wrong shape of command through. All problems are collected and reported together.
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
 */
public final class RunbookLoader {

    private static final Set<String> TOOL_KEYS = Set.of("name", "description", "connection", "groups",
            "parameters", "sql", "limits", "masking", "annotations");
    private static final Set<String> PARAMETER_KEYS = Set.of("type", "description", "required", "default",
            "pattern", "min-length", "max-length", "enum", "format", "minimum", "maximum");
    private static final Set<String> LIMIT_KEYS = Set.of("rows", "bytes", "timeout");
    private static final Set<String> ANNOTATION_KEYS = Set.of("read-only", "destructive", "idempotent",
            "open-world");

    private final YAMLMapper yaml = YAMLMapper.builder().build();

    /**
     * Creates a loader.
     */
    public RunbookLoader() {
    }

    /**
     * Loads every {@code .yaml}/{@code .yml} file in a directory (not recursive), in name order.
     *
     * @param directory runbook directory
     * @return the tools
     * @throws RunbookException listing every problem, when any file is invalid
     */
    public Runbooks load(Path directory) {
        List<String> problems = new ArrayList<>();
        Map<String, ToolDefinition> tools = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> {
                String n = p.getFileName().toString();
                return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
            }).sorted().toList();
        } catch (IOException e) {
            throw new RunbookException(List.of(directory + ": cannot list runbook directory (" + e.getMessage() + ")"));
        }
        for (Path file : files) {
            loadFile(file, tools, problems);
        }
        if (!problems.isEmpty()) {
            throw new RunbookException(problems);
        }
        return new Runbooks(tools);
    }

    private void loadFile(Path file, Map<String, ToolDefinition> tools, List<String> problems) {
        String text;
        JsonNode root;
        try {
            text = Files.readString(file);
            root = yaml.readTree(text);
        } catch (IOException | JacksonException e) {
            problems.add(file + ":1: not valid YAML: " + firstLine(e.getMessage()));
            return;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return; // an empty file defines nothing
        }
        if (!root.isObject() || !root.has("tools") || !root.get("tools").isArray()) {
            problems.add(file + ":1: expected a top-level 'tools:' list");
            return;
        }
        for (Iterator<String> it = root.propertyNames().iterator(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("tools")) {
                problems.add(file + ":" + lineAt(text, text.indexOf(key + ":")) + ": unknown top-level key '" + key + "'");
            }
        }
        int searchFrom = 0;
        for (JsonNode node : root.get("tools")) {
            String name = node.path("name").asString("");
            // tools appear in file order, so each one's "name:" line follows the previous one's
            int at = text.indexOf("name: " + name, searchFrom);
            searchFrom = at < 0 ? searchFrom : at + 1;
            String where = file + ":" + lineAt(text, at);
            try {
                ToolDefinition tool = tool(node, where);
                if (tools.containsKey(tool.name())) {
                    problems.add(where + ": duplicate tool name '" + tool.name() + "', also defined at "
                            + tools.get(tool.name()).source());
                } else {
                    tools.put(tool.name(), tool);
                }
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + (name.isEmpty() ? "" : "tool '" + name + "': ") + e.getMessage());
            }
        }
    }

    private ToolDefinition tool(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("each entry of 'tools' must be a mapping");
        }
        unknownKeys(node, TOOL_KEYS, "tool");
        String name = required(node, "name");
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        JsonNode params = node.path("parameters");
        if (!params.isMissingNode()) {
            if (!params.isObject()) {
                throw new IllegalArgumentException("'parameters' must be a mapping of name to declaration");
            }
            for (Map.Entry<String, JsonNode> e : params.properties()) {
                parameters.put(e.getKey(), parameter(e.getKey(), e.getValue()));
            }
        }
        String sqlText = required(node, "sql");
        SqlTemplate sql = SqlTemplate.parse(sqlText);
        Set<String> used = new LinkedHashSet<>(sql.bindNames());
        for (String bind : used) {
            if (!parameters.containsKey(bind)) {
                throw new IllegalArgumentException("bind ':" + bind + "' is not declared under 'parameters'");
            }
        }
        for (String p : parameters.keySet()) {
            if (!used.contains(p)) {
                throw new IllegalArgumentException("parameter '" + p + "' is declared but never used in 'sql'");
            }
        }
        return new ToolDefinition(name,
                node.path("description").asString(""),
                required(node, "connection"),
                strings(node.path("groups"), "groups"),
                parameters,
                sql,
                limits(node.path("limits")),
                node.path("masking").asString("default"),
                hints(node.path("annotations")),
                where);
    }

    private Parameter parameter(String name, JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a mapping with at least 'type'");
        }
        unknownKeys(node, PARAMETER_KEYS, "parameter '" + name + "'");
        ParameterType type = ParameterType.parse(required(node, "type"));
        Object defaultValue = node.has("default") ? scalar(node.get("default")) : null;
        boolean required = node.has("required") ? node.get("required").asBoolean() : defaultValue == null;
        Pattern pattern = null;
        if (node.has("pattern")) {
            try {
                pattern = Pattern.compile(node.get("pattern").asString());
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("parameter '" + name + "': pattern is not a valid regular "
                        + "expression: " + firstLine(e.getMessage()));
            }
        }
        return new Parameter(name, type, required, defaultValue,
                node.path("description").asString(""),
                pattern,
                node.has("min-length") ? node.get("min-length").asInt() : null,
                node.has("max-length") ? node.get("max-length").asInt() : null,
                node.has("enum") ? List.copyOf(strings(node.get("enum"), "enum")) : List.of(),
                node.has("format") ? node.get("format").asString() : null,
                node.has("minimum") ? node.get("minimum").decimalValue() : null,
                node.has("maximum") ? node.get("maximum").decimalValue() : null);
    }

    private static Object scalar(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isString()) {
            return node.asString();
        }
        throw new IllegalArgumentException("a default must be a string, number or boolean");
    }

    private static Limits limits(JsonNode node) {
        if (node.isMissingNode()) {
            return Limits.DEFAULT;
        }
        unknownKeys(node, LIMIT_KEYS, "limits");
        Limits d = Limits.DEFAULT;
        return new Limits(node.has("rows") ? node.get("rows").asInt() : d.maxRows(),
                node.has("bytes") ? node.get("bytes").asLong() : d.maxBytes(),
                node.has("timeout") ? duration(node.get("timeout").asString()) : d.timeout());
    }

    private static ToolHints hints(JsonNode node) {
        if (node.isMissingNode()) {
            return ToolHints.NONE;
        }
        unknownKeys(node, ANNOTATION_KEYS, "annotations");
        return new ToolHints(bool(node, "read-only"), bool(node, "destructive"), bool(node, "idempotent"),
                bool(node, "open-world"));
    }

    private static Boolean bool(JsonNode node, String key) {
        return node.has(key) ? node.get(key).asBoolean() : null;
    }

    /**
     * Parses {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or ISO 8601 ({@code PT10S}).
     *
     * @param text duration text
     * @return the duration
     */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
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

    private static Set<String> strings(JsonNode node, String key) {
        if (node.isMissingNode()) {
            return Set.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("'" + key + "' must be a list");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode n : node) {
            out.add(n.asString());
        }
        return out;
    }

    private static String required(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull() || v.asString("").isBlank()) {
            throw new IllegalArgumentException("'" + key + "' is required");
        }
        return v.asString();
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String what) {
        for (String key : node.propertyNames()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + what + " (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static int lineAt(String text, int at) {
        if (at < 0) {
            return 1;
        }
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /**
     * Exposed for configuration code that shares the duration syntax.
     *
     * @param text duration text
     * @return duration
     */
    public static Duration parseDuration(String text) {
        return duration(text);
    }
}
