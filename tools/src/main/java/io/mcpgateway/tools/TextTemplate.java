package io.mcpgateway.tools;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A piece of text with {@code {name}} placeholders, as written in the {@code http} and {@code logs}
 * sections of a runbook (a URL path, a query value, a log file name, a search pattern). Literal
 * braces are written doubled: {@code {{} and {@code }}}.
 *
 * <p>What a placeholder becomes is decided by the caller of {@link #render}: percent-encoding in a
 * path segment, a quoted literal in a regular expression, plain text in a query value. The
 * template never decides that on its own, so no value is ever interpreted as template syntax.
 *
 * @param text  the template as written
 * @param parts literal text and placeholders, in order
 */
public record TextTemplate(String text, List<Part> parts) {

    /**
     * Validates fields.
     *
     * @param text  as written
     * @param parts parts
     */
    public TextTemplate {
        Objects.requireNonNull(text, "text");
        parts = List.copyOf(parts);
    }

    /** A part of a template. */
    public sealed interface Part permits Literal, Placeholder {
    }

    /**
     * Fixed text.
     *
     * @param text text
     */
    public record Literal(String text) implements Part {
    }

    /**
     * A parameter's value.
     *
     * @param name   parameter name
     * @param offset index of the opening brace in the template text
     */
    public record Placeholder(String name, int offset) implements Part {
    }

    /**
     * Parses a template.
     *
     * @param text template text
     * @return the template
     * @throws TemplateSyntaxException for an unclosed or empty placeholder or a lone brace
     */
    public static TextTemplate parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < text.length() && text.charAt(i + 1) == c) {
                literal.append(c);
                i += 2;
            } else if (c == '{') {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    throw new TemplateSyntaxException("'{' at " + i + " is not closed; write {{ for a literal brace", i);
                }
                String name = text.substring(i + 1, end).strip();
                if (!name.matches("[a-z][a-z0-9_]*")) {
                    throw new TemplateSyntaxException("'{" + name + "}' is not a parameter reference; write "
                            + "{parameter_name}, or {{ for a literal brace", i);
                }
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(new Placeholder(name, i));
                i = end + 1;
            } else if (c == '}') {
                throw new TemplateSyntaxException("'}' without '{'; write }} for a literal brace", i);
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new TextTemplate(text, parts);
    }

    /**
     * A template of fixed text.
     *
     * @param text text
     * @return template without placeholders
     */
    public static TextTemplate literal(String text) {
        return new TextTemplate(text.replace("{", "{{").replace("}", "}}"), text.isEmpty() ? List.of()
                : List.of(new Literal(text)));
    }

    /**
     * The parameter names referenced, in order of first use.
     *
     * @return names
     */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Part p : parts) {
            if (p instanceof Placeholder ph) {
                names.add(ph.name());
            }
        }
        return names;
    }

    /**
     * The placeholders, in order.
     *
     * @return placeholders
     */
    public List<Placeholder> placeholders() {
        return parts.stream().filter(Placeholder.class::isInstance).map(Placeholder.class::cast).toList();
    }

    /**
     * Whether the template is exactly one placeholder and nothing else (then the value keeps its
     * type, e.g. a number in a JSON body or a repeated query parameter for a list).
     *
     * @return the parameter name, or null
     */
    public String soleParameter() {
        return parts.size() == 1 && parts.get(0) instanceof Placeholder p ? p.name() : null;
    }

    /**
     * Renders the template.
     *
     * @param literal     how fixed text is written (e.g. kept as is)
     * @param placeholder how a placeholder's value is written
     * @return the text
     */
    public String render(Function<String, String> literal, Function<String, String> placeholder) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            switch (p) {
                case Literal l -> out.append(literal.apply(l.text()));
                case Placeholder ph -> out.append(placeholder.apply(ph.name()));
            }
        }
        return out.toString();
    }

    /**
     * The text form of a bound value: numbers in plain notation, dates and timestamps in ISO 8601.
     *
     * @param value a validated value (not a list)
     * @return its text
     */
    public static String valueText(Object value) {
        return switch (value) {
            case java.math.BigDecimal d -> d.toPlainString();
            case null -> "";
            default -> value.toString();
        };
    }

    /**
     * A mistake in template syntax, with the offset where it was found.
     */
    public static final class TemplateSyntaxException extends IllegalArgumentException {
        private final int offset;

        /**
         * Creates the exception.
         *
         * @param message what is wrong
         * @param offset  index in the template text
         */
        public TemplateSyntaxException(String message, int offset) {
            super(message);
            this.offset = offset;
        }

        /**
         * Where the mistake is.
         *
         * @return index in the template text
         */
        public int offset() {
            return offset;
        }
    }
}
