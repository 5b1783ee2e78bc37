package io.mcpgateway.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the {@code sql}, {@code http} or {@code logs} section of a tool into its template, and
 * checks each place a parameter is used against what may go there: no text reaches a statement
 * unbound, arrays only where a list fits, identifiers only from the listed choices, log file names
 * only from closed sets.
 */
final class TemplateReader {

    static final Set<String> HTTP_KEYS = Set.of("method", "path", "query", "headers", "body");
    static final Set<String> LOGS_KEYS = Set.of("operation", "file", "pattern", "regex", "from", "to", "lines");
    // credentials and framing come from the connection and the client, never from a template
    private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "host", "content-length", "transfer-encoding", "connection");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern PATH_TEXT = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@/%]*");

    /**
     * A template read from a runbook, with where each parameter is used.
     *
     * @param template   the template
     * @param uses       parameter name to the position of its first use
     * @param parameters the parameters, tightened where the template's use requires it
     */
    record Result(ToolTemplate template, Map<String, YamlNode.Position> uses, Map<String, Parameter> parameters) {
    }

    private final NodeReader read;
    private final Problems problems;
    private final Set<String> declared;

    /**
     * Creates a reader.
     *
     * @param read     node reader
     * @param declared every parameter name written, including declarations with problems (already
     *                 reported, so their uses are not reported again as undeclared)
     */
    TemplateReader(NodeReader read, Set<String> declared) {
        this.read = read;
        this.problems = read.problems();
        this.declared = declared;
    }

    private boolean undeclared(String name, Map<String, Parameter> params) {
        return !params.containsKey(name) && !declared.contains(name);
    }

    Optional<Result> sql(YamlNode node, Map<String, Parameter> params) {
        Optional<String> text = read.text(node, "sql");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        YamlNode.Scalar s = (YamlNode.Scalar) node;
        SqlTemplate sql;
        try {
            sql = SqlTemplate.parse(text.get());
        } catch (TextTemplate.TemplateSyntaxException e) {
            problems.add(s.positionOf(e.offset()), "sql: " + e.getMessage(), "");
            return Optional.empty();
        }
        Map<String, YamlNode.Position> uses = new LinkedHashMap<>();
        for (SqlTemplate.Part part : sql.parts()) {
            switch (part) {
                case SqlTemplate.Bind b -> {
                    YamlNode.Position at = s.positionOf(b.offset());
                    uses.putIfAbsent(b.name(), at);
                    Parameter p = params.get(b.name());
                    if (p == null) {
                        if (undeclared(b.name(), params)) {
                            problems.add(at, "bind ':" + b.name() + "' is not declared under 'parameters'",
                                    hintFor(b.name(), params));
                        }
                    } else if (!p.identifiers().isEmpty()) {
                        problems.add(at, "'" + b.name() + "' selects an identifier: write it {{" + b.name() + "}}, "
                                + "not :" + b.name(), "");
                    } else if (p.type() == ParameterType.ARRAY && !sql.isParenthesized(b)) {
                        problems.add(at, "array parameter '" + b.name() + "' must stand alone in parentheses, "
                                + "as in IN (:" + b.name() + ")", "");
                    }
                }
                case SqlTemplate.Identifier id -> {
                    YamlNode.Position at = s.positionOf(id.offset());
                    uses.putIfAbsent(id.name(), at);
                    Parameter p = params.get(id.name());
                    if (p == null) {
                        if (undeclared(id.name(), params)) {
                            problems.add(at, "identifier slot {{" + id.name() + "}} is not declared under "
                                    + "'parameters'", hintFor(id.name(), params));
                        }
                    } else if (p.identifiers().isEmpty()) {
                        problems.add(at, "only a parameter with 'identifiers' may be written {{" + id.name()
                                + "}}; values are bound as :" + id.name(), "list the SQL names it may select "
                                + "under 'identifiers', or write :" + id.name());
                    }
                }
                case SqlTemplate.Text t -> {
                }
            }
        }
        return Optional.of(new Result(sql, uses, params));
    }

    Optional<Result> http(YamlNode node, Map<String, Parameter> params) {
        Optional<YamlNode.Mapping> found = read.mapping(node, "'http'");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        YamlNode.Mapping m = found.get();
        int before = problems.size();
        read.checkKeys(m, HTTP_KEYS, "'http'");
        Map<String, YamlNode.Position> uses = new LinkedHashMap<>();
        Map<String, Parameter> tightened = new LinkedHashMap<>(params);

        String method = read.requiredText(m, "method", "'http'").map(v -> v.toUpperCase(Locale.ROOT)).orElse("GET");
        if (!HttpTemplate.METHODS.contains(method)) {
            problems.add(m.get("method").orElseThrow(), "unknown HTTP method '" + method + "'",
                    Problems.suggest(method, HttpTemplate.METHODS));
        }
        TextTemplate path = read.requiredText(m, "path", "'http'")
                .flatMap(p -> template((YamlNode.Scalar) m.get("path").orElseThrow(), p, params, uses, false))
                .orElse(null);
        if (path != null) {
            checkPath(path, (YamlNode.Scalar) m.get("path").orElseThrow(), params, tightened);
        }
        Map<String, TextTemplate> query = new LinkedHashMap<>();
        m.get("query").flatMap(q -> read.mapping(q, "'query'")).ifPresent(q -> {
            for (YamlNode.Entry e : q.entries()) {
                read.text(e.value(), "query." + e.key().text()).flatMap(v ->
                        template((YamlNode.Scalar) e.value(), v, params, uses, true)).ifPresent(t -> query.put(e.key().text(), t));
            }
        });
        Map<String, String> headers = new LinkedHashMap<>();
        m.get("headers").flatMap(h -> read.mapping(h, "'headers'")).ifPresent(h -> {
            for (YamlNode.Entry e : h.entries()) {
                String name = e.key().text();
                if (!HEADER_NAME.matcher(name).matches() || RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    problems.add(e.key(), "header '" + name + "' cannot be set by a template",
                            "credentials come from the connection; framing headers from the client");
                    continue;
                }
                read.text(e.value(), "headers." + name).ifPresent(v -> {
                    if (v.contains("{") || v.contains("\n") || v.contains("\r")) {
                        problems.add(e.value(), "header values are fixed text on one line; parameters go in the "
                                + "path, the query or the body", "");
                    } else {
                        headers.put(name, v);
                    }
                });
            }
        });
        tools.jackson.databind.JsonNode body = null;
        if (m.has("body")) {
            YamlNode b = m.get("body").orElseThrow();
            if (method.equals("GET") || method.equals("HEAD")) {
                problems.add(b, "a " + method + " request has no body", "use POST, PUT or PATCH, or move the values "
                        + "to the query");
            }
            bodyUses(b, params, uses);
            body = NodeReader.json(b);
        }
        if (problems.size() > before || path == null) {
            return Optional.empty();
        }
        return Optional.of(new Result(new HttpTemplate(method, path, query, headers, body), uses, tightened));
    }

    Optional<Result> logs(YamlNode node, Map<String, Parameter> params, Limits limits) {
        Optional<YamlNode.Mapping> found = read.mapping(node, "'logs'");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        YamlNode.Mapping m = found.get();
        int before = problems.size();
        read.checkKeys(m, LOGS_KEYS, "'logs'");
        Map<String, YamlNode.Position> uses = new LinkedHashMap<>();
        String operation = read.requiredText(m, "operation", "'logs'").orElse("tail");
        if (!LogsTemplate.OPERATIONS.contains(operation)) {
            problems.add(m.get("operation").orElseThrow(), "unknown log operation '" + operation + "'",
                    Problems.suggest(operation, LogsTemplate.OPERATIONS));
        }
        TextTemplate file = read.requiredText(m, "file", "'logs'").flatMap(f ->
                template((YamlNode.Scalar) m.get("file").orElseThrow(), f, params, uses, false)).orElse(null);
        if (file != null) {
            YamlNode at = m.get("file").orElseThrow();
            if (file.text().startsWith("/") || file.text().contains("..") || file.text().contains("\\")) {
                problems.add(at, "'file' is relative to the connection's root and stays inside it", "");
            }
            for (String name : file.names()) {
                Parameter p = params.get(name);
                if (p != null && !(p.type() == ParameterType.INTEGER || p.type() == ParameterType.DATE
                        || p.type() == ParameterType.STRING && !p.allowed().isEmpty())) {
                    problems.add(at, "'" + name + "' in a log file name must be an enum, an integer or a date",
                            "list the accepted names under 'enum'");
                }
                requiredHere(p, at, "a log file name");
            }
        }
        boolean regex = read.bool(m, "regex").orElse(false);
        TextTemplate pattern = null;
        if (m.has("pattern")) {
            YamlNode at = m.get("pattern").orElseThrow();
            pattern = read.text(at, "pattern").flatMap(p -> template((YamlNode.Scalar) at, p, params, uses, false))
                    .orElse(null);
            if (pattern != null) {
                if (regex) {
                    checkRegex(pattern, at);
                }
                for (String name : pattern.names()) {
                    requiredHere(params.get(name), at, "a search pattern");
                }
            }
        }
        String from = m.has("from") ? bound(m, "from", params, uses) : null;
        String to = m.has("to") ? bound(m, "to", params, uses) : null;
        int lines = limits.maxRows();
        String linesParameter = null;
        if (m.get("lines").orElse(null) instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.STRING) {
            linesParameter = sole(s, params, uses, "lines", ParameterType.INTEGER);
        } else {
            lines = read.integer(m, "lines").orElse(lines);
        }
        if (problems.size() > before || file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Result(new LogsTemplate(operation, file, pattern, regex, from, to, lines,
                    linesParameter), uses, params));
        } catch (IllegalArgumentException e) {
            problems.add(m, "logs: " + e.getMessage(), "");
            return Optional.empty();
        }
    }

    private Optional<TextTemplate> template(YamlNode.Scalar at, String text, Map<String, Parameter> params,
                                            Map<String, YamlNode.Position> uses, boolean listAllowed) {
        TextTemplate t;
        try {
            t = TextTemplate.parse(text);
        } catch (TextTemplate.TemplateSyntaxException e) {
            problems.add(at.positionOf(e.offset()), e.getMessage(), "");
            return Optional.empty();
        }
        for (TextTemplate.Placeholder ph : t.placeholders()) {
            YamlNode.Position pos = at.positionOf(ph.offset());
            uses.putIfAbsent(ph.name(), pos);
            Parameter p = params.get(ph.name());
            if (p == null) {
                if (undeclared(ph.name(), params)) {
                    problems.add(pos, "placeholder {" + ph.name() + "} is not declared under 'parameters'",
                            hintFor(ph.name(), params));
                }
            } else if (p.type() == ParameterType.ARRAY && !(listAllowed && t.soleParameter() != null)) {
                problems.add(pos, "array parameter '" + ph.name() + "' can only stand alone as a query value or a "
                        + "body value", "");
            }
        }
        return Optional.of(t);
    }

    private void checkPath(TextTemplate path, YamlNode.Scalar at, Map<String, Parameter> params,
                           Map<String, Parameter> tightened) {
        String fixed = path.render(l -> l, n -> "x");
        if (!fixed.startsWith("/") || fixed.contains("//") || !PATH_TEXT.matcher(fixed).matches()
                || ("/" + fixed + "/").contains("/../") || ("/" + fixed + "/").contains("/./")) {
            problems.add(at, "'path' must start with '/' and hold only URL path characters, without '.' or '..' "
                    + "segments", "put query parameters under 'query', not after '?'");
        }
        HttpTemplate probe = new HttpTemplate("GET", path, Map.of(), Map.of(), null);
        Set<String> whole = probe.wholeSegmentParameters();
        for (String name : path.names()) {
            Parameter p = params.get(name);
            requiredHere(p, at, "a URL path");
            if (p != null && p.type() == ParameterType.STRING && whole.contains(name)) {
                tightened.put(name, ParameterReader.refusing(p, List.of(".", "..")));
            }
        }
    }

    private void requiredHere(Parameter p, YamlNode at, String where) {
        if (p != null && !p.required() && p.defaultValue() == null) {
            problems.add(at, "'" + p.name() + "' is used in " + where + ", so it must be required or have a default",
                    "remove 'required: false' or add a 'default'");
        }
    }

    private void checkRegex(TextTemplate pattern, YamlNode at) {
        String probe = pattern.render(l -> l, n -> Pattern.quote("x"));
        try {
            Pattern.compile(probe);
        } catch (PatternSyntaxException e) {
            problems.add(at, "pattern is not a valid regular expression: " + e.getDescription(),
                    "placeholders are matched literally; keep them outside character classes");
            return;
        }
        String danger = BacktrackingCheck.check(probe);
        if (danger != null) {
            problems.add(at, "pattern can backtrack catastrophically: " + danger,
                    "make the inner repetition possessive (a++ instead of a+) or wrap it in an atomic group (?>...)");
        }
    }

    private String bound(YamlNode.Mapping m, String key, Map<String, Parameter> params, Map<String, YamlNode.Position> uses) {
        YamlNode at = m.get(key).orElseThrow();
        if (!(at instanceof YamlNode.Scalar s) || s.kind() != YamlNode.Kind.STRING) {
            problems.add(at, "'" + key + "' must be a parameter, written \"{name}\"", "");
            return null;
        }
        return sole(s, params, uses, key, ParameterType.TIMESTAMP);
    }

    /** A value that must be exactly one placeholder of a given type (DATE is also accepted for TIMESTAMP). */
    private String sole(YamlNode.Scalar s, Map<String, Parameter> params, Map<String, YamlNode.Position> uses,
                        String key, ParameterType type) {
        Optional<TextTemplate> t = template(s, s.text(), params, uses, false);
        String name = t.map(TextTemplate::soleParameter).orElse(null);
        if (t.isPresent() && name == null) {
            problems.add(s, "'" + key + "' must be exactly one parameter, written \"{name}\"", "");
            return null;
        }
        Parameter p = name == null ? null : params.get(name);
        if (p != null && p.type() != type && !(type == ParameterType.TIMESTAMP && p.type() == ParameterType.DATE)) {
            problems.add(s, "'" + key + "' needs a " + (type == ParameterType.TIMESTAMP ? "date or timestamp"
                    : type.configName()) + " parameter, and '" + name + "' is " + p.type().configName(), "");
        }
        return name;
    }

    private void bodyUses(YamlNode node, Map<String, Parameter> params, Map<String, YamlNode.Position> uses) {
        switch (node) {
            case YamlNode.Scalar s when s.kind() == YamlNode.Kind.STRING -> template(s, s.text(), params, uses, true);
            case YamlNode.Mapping m -> m.entries().forEach(e -> bodyUses(e.value(), params, uses));
            case YamlNode.Sequence seq -> seq.items().forEach(i -> bodyUses(i, params, uses));
            default -> {
            }
        }
    }

    private static String hintFor(String name, Map<String, Parameter> params) {
        String close = Problems.suggest(name, params.keySet());
        return close.startsWith("did you mean") ? close : "declare it under 'parameters' with a type";
    }
}
