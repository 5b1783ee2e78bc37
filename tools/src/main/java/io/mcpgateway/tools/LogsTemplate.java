package io.mcpgateway.tools;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fixed shape of a log tool: an operation over files under a log connection's roots.
 *
 * <ul>
 *     <li>{@code tail}: the last lines of a file (optionally only those matching the pattern);</li>
 *     <li>{@code search}: lines matching the pattern;</li>
 *     <li>{@code window}: lines whose timestamp falls between {@code from} and {@code to}.</li>
 * </ul>
 * In a {@code regex: true} pattern the template's text is the regular expression and every
 * placeholder value is matched literally (quoted), so a caller can search for text but never
 * supply a regular expression of their own.
 *
 * @param operation      {@code tail}, {@code search} or {@code window}
 * @param file           file or glob relative to the connection root, with placeholders
 * @param pattern        the search pattern template, or {@code null}
 * @param regex          whether the pattern's fixed text is a regular expression
 * @param from           parameter giving the window start, or {@code null}
 * @param to             parameter giving the window end, or {@code null}
 * @param lines          lines returned at most (the cap when a parameter chooses the count)
 * @param linesParameter parameter choosing the count, or {@code null}
 */
public record LogsTemplate(String operation, TextTemplate file, TextTemplate pattern, boolean regex,
                           String from, String to, int lines, String linesParameter) implements ToolTemplate {

    /** Operations a template may use. */
    public static final List<String> OPERATIONS = List.of("tail", "search", "window");

    /**
     * Validates fields.
     *
     * @param operation      operation
     * @param file           file template
     * @param pattern        pattern template or null
     * @param regex          regex flag
     * @param from           from parameter or null
     * @param to             to parameter or null
     * @param lines          line cap
     * @param linesParameter count parameter or null
     */
    public LogsTemplate {
        if (!OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("operation must be one of " + OPERATIONS + ", got '" + operation + "'");
        }
        Objects.requireNonNull(file, "file");
        if (operation.equals("search") && pattern == null) {
            throw new IllegalArgumentException("a search needs a 'pattern'");
        }
        if (operation.equals("window") && from == null && to == null) {
            throw new IllegalArgumentException("a window needs 'from', 'to' or both");
        }
        if (lines < 1) {
            throw new IllegalArgumentException("lines must be at least 1, got " + lines);
        }
    }

    /**
     * Every parameter the template refers to.
     *
     * @return names
     */
    public Set<String> parameterNames() {
        Set<String> names = new LinkedHashSet<>(file.names());
        if (pattern != null) {
            names.addAll(pattern.names());
        }
        for (String n : new String[] {from, to, linesParameter}) {
            if (n != null) {
                names.add(n);
            }
        }
        return names;
    }

    /**
     * Binds validated values into the request.
     *
     * @param values validated values by parameter name
     * @return the executable request
     * @throws InvalidArgumentsException when a file value would leave its directory
     */
    public BoundRequest.Logs bind(Map<String, Object> values) {
        List<String> problems = new ArrayList<>();
        String boundFile = file.render(l -> l, name -> {
            String text = TextTemplate.valueText(values.get(name));
            if (text.isEmpty() || text.contains("/") || text.contains("\\") || text.contains("..")) {
                problems.add("'" + name + "' cannot name another directory in a log file name");
            }
            return text;
        });
        if (!problems.isEmpty()) {
            throw new InvalidArgumentsException(problems);
        }
        String boundPattern = null;
        if (pattern != null && pattern.names().stream().allMatch(n -> values.get(n) != null)) {
            boundPattern = pattern.render(l -> l, n -> regex ? Pattern.quote(TextTemplate.valueText(values.get(n)))
                    : TextTemplate.valueText(values.get(n)));
        }
        int count = lines;
        if (linesParameter != null && values.get(linesParameter) instanceof Long n) {
            // the runbook's cap holds whatever count the caller asks for
            count = (int) Math.max(1, Math.min(n, lines));
        }
        return new BoundRequest.Logs(operation, boundFile, boundPattern, regex,
                instant(from == null ? null : values.get(from), false),
                instant(to == null ? null : values.get(to), true), count);
    }

    private static Instant instant(Object value, boolean end) {
        return switch (value) {
            case null -> null;
            // a date as window end includes that whole day
            case LocalDate d -> (end ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            case OffsetDateTime t -> t.toInstant();
            default -> throw new IllegalStateException("window bounds are dates or timestamps");
        };
    }
}
