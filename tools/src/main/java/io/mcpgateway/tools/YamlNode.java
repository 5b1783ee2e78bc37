package io.mcpgateway.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A YAML document as a tree of nodes that remember where they were written (line and column,
 * 1-based), so every runbook problem can be reported at its exact position. Built with
 * snakeyaml-engine's composer; scalars keep their resolved YAML 1.2 core-schema type, so
 * {@code "10"} (quoted) stays text while {@code 10} is a number.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {

    /**
     * Where the node starts.
     *
     * @return position
     */
    Position position();

    /**
     * What the node is, for messages ("a list", "a mapping", "text").
     *
     * @return description
     */
    String describe();

    /**
     * A 1-based line and column.
     *
     * @param line   line
     * @param column column
     */
    record Position(int line, int column) {
        static Position of(Optional<Mark> mark) {
            return mark.map(m -> new Position(m.getLine() + 1, m.getColumn() + 1)).orElse(new Position(1, 1));
        }
    }

    /** Resolved type of a scalar. */
    enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    /**
     * A scalar value.
     *
     * @param text     the value as written (after YAML unescaping)
     * @param kind     its resolved type
     * @param style    how it was written (plain, quoted, literal block...)
     * @param position where it starts
     * @param source   the lines of the file, to locate an offset inside a block scalar
     */
    record Scalar(String text, Kind kind, ScalarStyle style, Position position, List<String> source)
            implements YamlNode {
        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "text";
                case INTEGER -> "a whole number";
                case FLOAT -> "a number";
                case BOOLEAN -> "true/false";
                case NULL -> "empty";
            };
        }

        /**
         * The position of a character inside the value, where the way it was written allows
         * knowing it (a single-line value, or a literal {@code |} block); else the value's start.
         *
         * @param offset index into {@link #text()}
         * @return position of that character
         */
        Position positionOf(int offset) {
            if (style == ScalarStyle.LITERAL) {
                int line = 0;
                int col = 0;
                for (int i = 0; i < offset && i < text.length(); i++) {
                    if (text.charAt(i) == '\n') {
                        line++;
                        col = 0;
                    } else {
                        col++;
                    }
                }
                int fileLine = position.line() + 1 + line;
                return new Position(fileLine, indentOfBlock() + col + 1);
            }
            if (text.indexOf('\n') < 0 && (style == ScalarStyle.PLAIN || style == ScalarStyle.SINGLE_QUOTED
                    || style == ScalarStyle.DOUBLE_QUOTED)) {
                int quote = style == ScalarStyle.PLAIN ? 0 : 1;
                // escapes shift columns in quoted values; only trust the mapping when none occur
                String raw = lineText(position.line());
                int start = position.column() - 1 + quote;
                if (raw != null && raw.length() >= start + text.length()
                        && raw.startsWith(text, start)) {
                    return new Position(position.line(), position.column() + quote + offset);
                }
            }
            return position;
        }

        private int indentOfBlock() {
            for (int l = position.line() + 1; l <= source.size(); l++) {
                String raw = lineText(l);
                if (raw != null && !raw.isBlank()) {
                    int n = 0;
                    while (n < raw.length() && raw.charAt(n) == ' ') {
                        n++;
                    }
                    return n;
                }
            }
            return 0;
        }

        private String lineText(int line) {
            return line >= 1 && line <= source.size() ? source.get(line - 1) : null;
        }
    }

    /**
     * A mapping; keys are scalars, in the order written.
     *
     * @param entries  entries
     * @param position where it starts
     */
    record Mapping(List<Entry> entries, Position position) implements YamlNode {
        @Override
        public String describe() {
            return "a mapping";
        }

        /**
         * The value of a key.
         *
         * @param key key
         * @return value, if present
         */
        Optional<YamlNode> get(String key) {
            for (Entry e : entries) {
                if (e.key().text().equals(key)) {
                    return Optional.of(e.value());
                }
            }
            return Optional.empty();
        }

        /**
         * Whether a key is present.
         *
         * @param key key
         * @return true when present
         */
        boolean has(String key) {
            return get(key).isPresent();
        }
    }

    /**
     * One key and value of a mapping.
     *
     * @param key   key
     * @param value value
     */
    record Entry(Scalar key, YamlNode value) {
    }

    /**
     * A list.
     *
     * @param items    items
     * @param position where it starts
     */
    record Sequence(List<YamlNode> items, Position position) implements YamlNode {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * Parses one YAML document.
     *
     * @param text     the document
     * @param problems where duplicate keys and syntax errors are reported
     * @return the root node; empty for an empty document or a syntax error (reported)
     */
    static Optional<YamlNode> parse(String text, Problems problems) {
        LoadSettings settings = LoadSettings.builder()
                .setSchema(new CoreSchema())
                // aliases can multiply a small file into a huge tree; runbooks have no need for many
                .setMaxAliasesForCollections(20)
                .build();
        List<String> lines = text.lines().toList();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Position at = Position.of(e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark());
            problems.add(at, "not valid YAML: " + (e.getProblem() == null ? "syntax error" : e.getProblem()),
                    "check the indentation and quoting around this position");
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.add(new Position(1, 1), "not valid YAML: " + firstLine(e.getMessage()), "");
            return Optional.empty();
        }
        return root.map(n -> convert(n, lines, problems));
    }

    private static YamlNode convert(Node node, List<String> lines, Problems problems) {
        Position at = Position.of(node.getStartMark());
        return switch (node) {
            case ScalarNode s -> new Scalar(s.getValue(), kind(s.getTag()), s.getScalarStyle(), at, lines);
            case SequenceNode s -> {
                List<YamlNode> items = new ArrayList<>();
                for (Node item : s.getValue()) {
                    items.add(convert(item, lines, problems));
                }
                yield new Sequence(List.copyOf(items), at);
            }
            case MappingNode m -> {
                List<Entry> entries = new ArrayList<>();
                Map<String, Position> seen = new HashMap<>();
                for (NodeTuple t : m.getValue()) {
                    YamlNode key = convert(t.getKeyNode(), lines, problems);
                    if (!(key instanceof Scalar k)) {
                        problems.add(key.position(), "a key must be a plain name, not " + key.describe(), "");
                        continue;
                    }
                    Position first = seen.putIfAbsent(k.text(), k.position());
                    if (first != null) {
                        problems.add(k.position(), "duplicate key '" + k.text() + "' (first written at line "
                                + first.line() + ")", "remove one of them; YAML keeps only one");
                        continue;
                    }
                    entries.add(new Entry(k, convert(t.getValueNode(), lines, problems)));
                }
                yield new Mapping(List.copyOf(entries), at);
            }
            default -> throw new IllegalStateException("unexpected YAML node " + node.getNodeType());
        };
    }

    private static Kind kind(Tag tag) {
        if (Tag.INT.equals(tag)) {
            return Kind.INTEGER;
        }
        if (Tag.FLOAT.equals(tag)) {
            return Kind.FLOAT;
        }
        if (Tag.BOOL.equals(tag)) {
            return Kind.BOOLEAN;
        }
        if (Tag.NULL.equals(tag)) {
            return Kind.NULL;
        }
        return Kind.STRING;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
