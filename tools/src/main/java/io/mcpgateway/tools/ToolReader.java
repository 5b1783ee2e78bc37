package io.mcpgateway.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one entry of a runbook's {@code tools:} list into a {@link ToolDefinition}, reporting every
 * mistake at its position: unknown keys, missing fields, parameters declared but never used or used
 * but never declared, an unknown connection or one of the wrong kind, and whatever the
 * {@link StatementCheck} finds in a statement.
 */
final class ToolReader {

    static final Set<String> KEYS = Set.of("name", "description", "connection", "groups", "parameters", "sql",
            "http", "logs", "limits", "masking", "annotations", "approval");
    private static final Set<String> LIMIT_KEYS = Set.of("rows", "bytes", "timeout");
    private static final Set<String> ANNOTATION_KEYS = Set.of("read-only", "destructive", "idempotent", "open-world");
    private static final Set<String> APPROVAL_KEYS = Set.of("groups", "approvals", "stages");
    private static final Set<String> STAGE_KEYS = Set.of("name", "groups", "approvals");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    // the statement check sees every combination of identifier choices, up to this many
    private static final int VARIANTS = 64;

    private final NodeReader read;
    private final Problems problems;
    private final Map<String, ConnectionDefinition> connections;
    private final StatementCheck statements;

    /**
     * Creates a reader.
     *
     * @param read        node reader of the file
     * @param connections configured connections, or {@code null} to skip connection checks
     * @param statements  the statement check
     */
    ToolReader(NodeReader read, Map<String, ConnectionDefinition> connections, StatementCheck statements) {
        this.read = read;
        this.problems = read.problems();
        this.connections = connections;
        this.statements = statements;
    }

    Optional<ToolDefinition> read(YamlNode node) {
        Optional<YamlNode.Mapping> found = read.mapping(node, "each entry of 'tools'");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        YamlNode.Mapping m = found.get();
        int before = problems.size();
        String name = read.requiredText(m, "name", "a tool").orElse("");
        String what = name.isEmpty() ? "tool" : "tool '" + name + "'";
        read.checkKeys(m, KEYS, what);
        if (!name.isEmpty() && !NAME.matcher(name).matches()) {
            problems.add(m.get("name").orElseThrow(), "tool name '" + name + "' must match [A-Za-z0-9_.-]{1,128}",
                    "use snake_case, e.g. find_customer");
        }
        read.requiredText(m, "description", what);
        String connection = read.requiredText(m, "connection", what).orElse("");
        ConnectionDefinition conn = connection(m, connection);
        Set<String> groups = new LinkedHashSet<>(read.texts(m, "groups").orElse(List.of()));
        if (!m.has("groups")) {
            problems.add(m, what + " needs 'groups': the groups allowed to see and call it",
                    "e.g. groups: [support]");
        } else if (groups.isEmpty()) {
            problems.add(m.get("groups").orElseThrow(), "'groups' is empty, so nobody could use " + what, "");
        }
        Map<String, Parameter> params = parameters(m);
        Limits limits = limits(m);
        Optional<TemplateReader.Result> template = template(m, what, params, limits);
        template.ifPresent(t -> usage(m, t, params));
        ToolHints hints = hints(m);
        ApprovalRequirement approval = approval(m);
        template.ifPresent(t -> kind(m, t.template(), conn));
        if (template.isPresent() && template.get().template() instanceof SqlTemplate sql) {
            checkStatements(m.get("sql").orElseThrow(), sql, template.get().parameters(), conn);
        }
        if (problems.size() > before || template.isEmpty()) {
            return Optional.empty();
        }
        String source = problems.file() + ":" + m.position().line() + ":" + m.position().column();
        return Optional.of(new ToolDefinition(name, read.text(m, "description").orElse(""), connection, groups,
                template.get().parameters(), template.get().template(), limits, read.text(m, "masking").orElse(null),
                hints, approval, source));
    }

    private ConnectionDefinition connection(YamlNode.Mapping m, String name) {
        if (connections == null || name.isEmpty()) {
            return null;
        }
        ConnectionDefinition conn = connections.get(name);
        if (conn == null) {
            problems.add(m.get("connection").orElseThrow(), "unknown connection '" + name + "'",
                    connections.isEmpty() ? "no connections are configured" : Problems.suggest(name, connections.keySet()));
        }
        return conn;
    }

    private Map<String, Parameter> parameters(YamlNode.Mapping m) {
        Map<String, Parameter> params = new LinkedHashMap<>();
        m.get("parameters").flatMap(n -> read.mapping(n, "'parameters'")).ifPresent(pm -> {
            ParameterReader reader = new ParameterReader(read);
            for (YamlNode.Entry e : pm.entries()) {
                reader.read(e.key(), e.value()).ifPresent(p -> params.put(p.name(), p));
            }
        });
        return params;
    }

    private Optional<TemplateReader.Result> template(YamlNode.Mapping m, String what, Map<String, Parameter> params,
                                                     Limits limits) {
        List<String> kinds = new ArrayList<>();
        for (String k : List.of("sql", "http", "logs")) {
            if (m.has(k)) {
                kinds.add(k);
            }
        }
        if (kinds.size() != 1) {
            problems.add(m, what + (kinds.isEmpty() ? " needs one of 'sql', 'http' or 'logs'"
                    : " has " + String.join(" and ", kinds) + "; a tool does exactly one thing"), "");
            return Optional.empty();
        }
        Set<String> declared = new LinkedHashSet<>();
        m.get("parameters").filter(YamlNode.Mapping.class::isInstance)
                .ifPresent(pm -> ((YamlNode.Mapping) pm).entries().forEach(e -> declared.add(e.key().text())));
        TemplateReader reader = new TemplateReader(read, declared);
        YamlNode node = m.get(kinds.get(0)).orElseThrow();
        return switch (kinds.get(0)) {
            case "sql" -> reader.sql(node, params);
            case "http" -> reader.http(node, params);
            default -> reader.logs(node, params, limits);
        };
    }

    /** Every declared parameter is used and every use is declared (the latter reported by the template reader). */
    private void usage(YamlNode.Mapping m, TemplateReader.Result t, Map<String, Parameter> params) {
        YamlNode.Mapping declared = m.get("parameters").orElse(null) instanceof YamlNode.Mapping pm ? pm : null;
        for (String p : params.keySet()) {
            if (!t.uses().containsKey(p)) {
                // an unused, broken declaration was already reported for what is wrong with it
                YamlNode at = declared == null ? m : declared.entries().stream()
                        .filter(e -> e.key().text().equals(p)).map(e -> (YamlNode) e.key()).findFirst().orElse(m);
                problems.add(at, "parameter '" + p + "' is declared but never used in '" + t.template().kind() + "'",
                        "use it in the template or remove it");
            }
        }
    }

    private void kind(YamlNode.Mapping m, ToolTemplate template, ConnectionDefinition conn) {
        if (conn != null && !conn.kind().equals(template.connectionKind())) {
            problems.add(m.get("connection").orElseThrow(), "a " + template.kind() + " tool needs a "
                    + template.connectionKind() + " connection, and '" + conn.name() + "' is " + conn.kind(), "");
        }
    }

    private void checkStatements(YamlNode node, SqlTemplate sql, Map<String, Parameter> params,
                                 ConnectionDefinition conn) {
        // the statement's first character: for a | block, the line below the key
        YamlNode.Position at = node instanceof YamlNode.Scalar s ? s.positionOf(0) : node.position();
        Set<String> seen = new LinkedHashSet<>();
        for (String variant : sql.variants(params, VARIANTS)) {
            for (StatementCheck.Finding f : statements.check(variant, conn)) {
                // one report per distinct finding, however many identifier choices share it
                if (seen.add(f.message())) {
                    problems.add(at, f.message(), f.hint());
                }
            }
        }
    }

    private Limits limits(YamlNode.Mapping m) {
        Optional<YamlNode.Mapping> found = m.get("limits").flatMap(n -> read.mapping(n, "'limits'"));
        if (found.isEmpty()) {
            return Limits.DEFAULT;
        }
        YamlNode.Mapping l = found.get();
        read.checkKeys(l, LIMIT_KEYS, "'limits'");
        Limits d = Limits.DEFAULT;
        int rows = read.integer(l, "rows").orElse(d.maxRows());
        long bytes = read.integer(l, "bytes").map(Integer::longValue).orElse(d.maxBytes());
        java.time.Duration timeout = d.timeout();
        Optional<String> t = read.text(l, "timeout");
        if (t.isPresent()) {
            try {
                timeout = RunbookLoader.parseDuration(t.get());
            } catch (IllegalArgumentException e) {
                problems.add(l.get("timeout").orElseThrow(), e.getMessage(), "");
            }
        }
        try {
            return new Limits(rows, bytes, timeout);
        } catch (IllegalArgumentException e) {
            problems.add(l, e.getMessage(), "");
            return Limits.DEFAULT;
        }
    }

    private ToolHints hints(YamlNode.Mapping m) {
        Optional<YamlNode.Mapping> found = m.get("annotations").flatMap(n -> read.mapping(n, "'annotations'"));
        if (found.isEmpty()) {
            return ToolHints.NONE;
        }
        YamlNode.Mapping a = found.get();
        read.checkKeys(a, ANNOTATION_KEYS, "'annotations'");
        return new ToolHints(read.bool(a, "read-only").orElse(null), read.bool(a, "destructive").orElse(null),
                read.bool(a, "idempotent").orElse(null), read.bool(a, "open-world").orElse(null));
    }

    private ApprovalRequirement approval(YamlNode.Mapping m) {
        YamlNode node = m.get("approval").orElse(null);
        if (node == null) {
            return ApprovalRequirement.NONE;
        }
        if (node instanceof YamlNode.Scalar s) {
            return switch (s.text().toLowerCase(java.util.Locale.ROOT)) {
                case "required", "true" -> ApprovalRequirement.CONFIGURED_APPROVERS;
                case "none", "false" -> ApprovalRequirement.NONE;
                default -> {
                    problems.add(s, "'approval' must be required, none, or a mapping with groups and approvals",
                            Problems.suggest(s.text(), List.of("required", "none")));
                    yield ApprovalRequirement.NONE;
                }
            };
        }
        Optional<YamlNode.Mapping> found = read.mapping(node, "'approval'");
        if (found.isEmpty()) {
            return ApprovalRequirement.NONE;
        }
        YamlNode.Mapping a = found.get();
        read.checkKeys(a, APPROVAL_KEYS, "'approval'");
        List<Decision.Stage> stages = new ArrayList<>();
        if (a.has("stages") && a.has("groups")) {
            problems.add(a, "'approval' has both 'groups' and 'stages'", "use 'stages' for more than one stage");
        } else if (a.has("stages")) {
            if (a.get("stages").orElseThrow() instanceof YamlNode.Sequence seq && !seq.items().isEmpty()) {
                for (YamlNode item : seq.items()) {
                    read.mapping(item, "an approval stage").ifPresent(st -> {
                        read.checkKeys(st, STAGE_KEYS, "an approval stage");
                        stage(st, read.text(st, "name").orElse("stage " + (stages.size() + 1))).ifPresent(stages::add);
                    });
                }
            } else {
                problems.add(a.get("stages").orElseThrow(), "'stages' must be a non-empty list of stages", "");
            }
        } else {
            stage(a, "approval").ifPresent(stages::add);
        }
        return stages.isEmpty() ? ApprovalRequirement.CONFIGURED_APPROVERS : new ApprovalRequirement(true, stages);
    }

    private Optional<Decision.Stage> stage(YamlNode.Mapping st, String name) {
        List<String> groups = read.texts(st, "groups").orElse(List.of());
        int approvals = read.integer(st, "approvals").orElse(1);
        try {
            return Optional.of(new Decision.Stage(name, new LinkedHashSet<>(groups), approvals));
        } catch (IllegalArgumentException e) {
            problems.add(st, e.getMessage(), "e.g. { groups: [dba], approvals: 1 }");
            return Optional.empty();
        }
    }
}
