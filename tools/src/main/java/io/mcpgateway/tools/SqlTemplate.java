package io.mcpgateway.tools;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A SQL statement with named binds ({@code :email}) and identifier slots ({@code {{sort_by}}}) as an
 * operator writes it.
 *
 * <p>Values reach the statement only as JDBC parameters ({@code ?}); an array value becomes one
 * {@code ?} per item inside the parentheses the template wrote. An identifier slot is filled only
 * with one of the SQL names its parameter lists under {@code identifiers:} in the runbook, chosen
 * by the argument, never with the argument's own text. So the statement's text always comes from
 * the runbook, and no argument can change its shape beyond the alternatives the operator wrote.
 *
 * <p>The scanner skips string literals, quoted identifiers, comments, PostgreSQL dollar quotes and
 * {@code ::} casts, so a colon or brace inside any of those is not a slot.
 *
 * @param template the statement as written
 * @param parts    fixed text, binds and identifier slots, in order
 */
public record SqlTemplate(String template, List<Part> parts) implements ToolTemplate {

    /**
     * Validates fields.
     *
     * @param template as written
     * @param parts    parts
     */
    public SqlTemplate {
        Objects.requireNonNull(template, "template");
        parts = List.copyOf(parts);
    }

    /**
     * A template already in JDBC form (policy tests, {@code policy explain}): {@code ?} placeholders
     * named, in order, by {@code bindNames}.
     *
     * @param template  the statement as written
     * @param jdbcSql   the statement with {@code ?} placeholders
     * @param bindNames the bind names in the order of their {@code ?}
     */
    public SqlTemplate(String template, String jdbcSql, List<String> bindNames) {
        this(template, jdbcParts(jdbcSql, bindNames));
    }

    /** A part of a statement. */
    public sealed interface Part permits Text, Bind, Identifier {
    }

    /**
     * Fixed statement text.
     *
     * @param text text
     */
    public record Text(String text) implements Part {
    }

    /**
     * A value bound as a JDBC parameter.
     *
     * @param name   parameter name
     * @param offset index of the colon in the template
     */
    public record Bind(String name, int offset) implements Part {
    }

    /**
     * An identifier slot, filled with one of the parameter's listed SQL names.
     *
     * @param name   parameter name
     * @param offset index of the opening braces in the template
     */
    public record Identifier(String name, int offset) implements Part {
    }

    /**
     * Parses a template.
     *
     * @param template statement text with {@code :name} binds and {@code {{name}}} identifier slots
     * @return the parsed template
     * @throws TextTemplate.TemplateSyntaxException for an unterminated literal, comment or slot
     */
    public static SqlTemplate parse(String template) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder(template.length());
        SqlScanner scan = new SqlScanner(template);
        while (!scan.done()) {
            int i = scan.position();
            char c = template.charAt(i);
            if (c == ':' && i + 1 < template.length() && template.charAt(i + 1) == ':') {
                text.append("::");
                scan.advance(2);
            } else if (c == ':' && i + 1 < template.length() && isNameStart(template.charAt(i + 1))
                    && (i == 0 || !isNamePart(template.charAt(i - 1)))) {
                int end = nameEnd(template, i + 1);
                flush(text, parts);
                parts.add(new Bind(template.substring(i + 1, end), i));
                scan.advance(end - i);
            } else if (c == '{' && template.startsWith("{{", i)) {
                int close = template.indexOf("}}", i + 2);
                String name = close < 0 ? "" : template.substring(i + 2, close).strip();
                if (close < 0 || !name.matches("[a-z][a-z0-9_]*")) {
                    throw new TextTemplate.TemplateSyntaxException("'{{' must enclose a parameter name, as in "
                            + "{{sort_by}}", i);
                }
                flush(text, parts);
                parts.add(new Identifier(name, i));
                scan.advance(close + 2 - i);
            } else {
                int skipped = scan.skipQuotedOrComment();
                if (skipped > 0) {
                    text.append(template, i, i + skipped);
                } else {
                    text.append(c);
                    scan.advance(1);
                }
            }
        }
        flush(text, parts);
        return new SqlTemplate(template, parts);
    }

    private static List<Part> jdbcParts(String jdbcSql, List<String> bindNames) {
        if (bindNames.isEmpty()) {
            return jdbcSql.isEmpty() ? List.of() : List.of(new Text(jdbcSql));
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        SqlScanner scan = new SqlScanner(jdbcSql);
        int next = 0;
        while (!scan.done()) {
            int i = scan.position();
            int skipped = scan.skipQuotedOrComment();
            if (skipped > 0) {
                text.append(jdbcSql, i, i + skipped);
            } else if (jdbcSql.charAt(i) == '?') {
                if (next >= bindNames.size()) {
                    throw new IllegalArgumentException("more ? placeholders than bind names");
                }
                flush(text, parts);
                parts.add(new Bind(bindNames.get(next++), i));
                scan.advance(1);
            } else {
                text.append(jdbcSql.charAt(i));
                scan.advance(1);
            }
        }
        if (next != bindNames.size()) {
            throw new IllegalArgumentException("fewer ? placeholders than bind names");
        }
        flush(text, parts);
        return parts;
    }

    private static void flush(StringBuilder text, List<Part> parts) {
        if (!text.isEmpty()) {
            parts.add(new Text(text.toString()));
            text.setLength(0);
        }
    }

    /**
     * The statement in JDBC form, each bind a single {@code ?}. An identifier slot is shown as its
     * parameter's name: use {@link #variants} for the statements that can actually run.
     *
     * @return statement text
     */
    public String jdbcSql() {
        StringBuilder sql = new StringBuilder();
        for (Part p : parts) {
            switch (p) {
                case Text t -> sql.append(t.text());
                case Bind b -> sql.append('?');
                case Identifier id -> sql.append(id.name());
            }
        }
        return sql.toString();
    }

    /**
     * The bind names in the order of their {@code ?} in {@link #jdbcSql()}.
     *
     * @return bind names (repeated when a bind is used twice)
     */
    public List<String> bindNames() {
        return parts.stream().filter(Bind.class::isInstance).map(p -> ((Bind) p).name()).toList();
    }

    /**
     * The parameter names written in identifier slots.
     *
     * @return names, in order of first use
     */
    public Set<String> identifierNames() {
        Set<String> names = new LinkedHashSet<>();
        parts.stream().filter(Identifier.class::isInstance).forEach(p -> names.add(((Identifier) p).name()));
        return names;
    }

    /**
     * Whether a bind stands alone inside parentheses, as {@code IN (:ids)}: the only place an
     * array value may go, since it expands to a list of {@code ?}.
     *
     * @param bind the bind
     * @return true when enclosed by {@code (} and {@code )}
     */
    public boolean isParenthesized(Bind bind) {
        int i = parts.indexOf(bind);
        return i > 0 && i < parts.size() - 1
                && parts.get(i - 1) instanceof Text before && before.text().stripTrailing().endsWith("(")
                && parts.get(i + 1) instanceof Text after && after.text().stripLeading().startsWith(")");
    }

    /**
     * Every statement the template can produce, one per combination of identifier choices, in
     * JDBC form (at most {@code limit}; lint parses each).
     *
     * @param parameters the tool's parameters (their {@code identifiers})
     * @param limit      most variants returned
     * @return statements
     */
    public List<String> variants(Map<String, Parameter> parameters, int limit) {
        List<Map<String, String>> choices = new ArrayList<>();
        choices.add(Map.of());
        for (String name : identifierNames()) {
            Parameter p = parameters.get(name);
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : choices) {
                for (String identifier : p == null ? List.of(name) : p.identifiers().values()) {
                    if (next.size() < limit) {
                        Map<String, String> m = new java.util.HashMap<>(partial);
                        m.put(name, identifier);
                        next.add(m);
                    }
                }
            }
            choices = next;
        }
        List<String> out = new ArrayList<>();
        for (Map<String, String> choice : choices) {
            StringBuilder sql = new StringBuilder();
            for (Part p : parts) {
                switch (p) {
                    case Text t -> sql.append(t.text());
                    case Bind b -> sql.append('?');
                    case Identifier id -> sql.append(choice.get(id.name()));
                }
            }
            out.add(sql.toString());
        }
        return out;
    }

    /**
     * Binds validated values: the statement text from the template, values as JDBC binds.
     *
     * @param values     validated values by parameter name
     * @param parameters the tool's parameters
     * @return the executable statement
     */
    public BoundRequest.Sql bind(Map<String, Object> values, Map<String, Parameter> parameters) {
        StringBuilder sql = new StringBuilder();
        List<Object> binds = new ArrayList<>();
        for (Part p : parts) {
            switch (p) {
                case Text t -> sql.append(t.text());
                case Bind b -> {
                    if (values.get(b.name()) instanceof List<?> items) {
                        // IN () is not valid SQL; IN (NULL) is, and matches nothing
                        sql.append(items.isEmpty() ? "NULL" : String.join(", ", java.util.Collections.nCopies(items.size(), "?")));
                        binds.addAll(items);
                    } else {
                        sql.append('?');
                        binds.add(values.get(b.name()));
                    }
                }
                case Identifier id -> {
                    Parameter param = parameters.get(id.name());
                    String choice = param == null ? null : param.identifiers().get((String) values.get(id.name()));
                    if (choice == null) {
                        throw new IllegalStateException("identifier slot {{" + id.name() + "}} has no listed choice");
                    }
                    sql.append(choice);
                }
            }
        }
        return new BoundRequest.Sql(sql.toString(), binds);
    }

    private static int nameEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isNamePart(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
