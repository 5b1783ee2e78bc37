package io.mcpgateway.tools;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reads from the positioned YAML tree. Each read that finds the wrong shape reports a
 * problem at the offending node and returns empty, so reading goes on and every mistake of a
 * file is reported in one run.
 */
final class NodeReader {

    private final Problems problems;
    // keys reported as misspellings of a known key: "needs 'x'" is not reported again for those
    private final java.util.Map<YamlNode.Mapping, Set<String>> misspelt = new java.util.IdentityHashMap<>();

    NodeReader(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    /**
     * Reports keys that are not known, with a "did you mean" hint.
     *
     * @param m     mapping
     * @param known accepted keys
     * @param what  what the mapping is, for the message (e.g. {@code tool 'x'})
     */
    void checkKeys(YamlNode.Mapping m, Set<String> known, String what) {
        for (YamlNode.Entry e : m.entries()) {
            if (!known.contains(e.key().text())) {
                String hint = Problems.suggest(e.key().text(), known);
                problems.add(e.key(), "unknown key '" + e.key().text() + "' in " + what, hint);
                if (hint.startsWith("did you mean '")) {
                    misspelt.computeIfAbsent(m, k -> new java.util.HashSet<>())
                            .add(hint.substring("did you mean '".length(), hint.length() - 2));
                }
            }
        }
    }

    Optional<YamlNode.Mapping> mapping(YamlNode node, String what) {
        if (node instanceof YamlNode.Mapping m) {
            return Optional.of(m);
        }
        problems.add(node, what + " must be a mapping (key: value lines), not " + node.describe(), "");
        return Optional.empty();
    }

    /** A text value; numbers and booleans written plainly are accepted as their text. */
    Optional<String> text(YamlNode.Mapping m, String key) {
        return m.get(key).flatMap(n -> text(n, key));
    }

    Optional<String> text(YamlNode n, String key) {
        if (n instanceof YamlNode.Scalar s && s.kind() != YamlNode.Kind.NULL) {
            return Optional.of(s.text());
        }
        problems.add(n, "'" + key + "' must be text, not " + n.describe(), "");
        return Optional.empty();
    }

    /** A required, non-blank text value; reports its absence at the mapping. */
    Optional<String> requiredText(YamlNode.Mapping m, String key, String what) {
        if (!m.has(key)) {
            if (!misspelt.getOrDefault(m, Set.of()).contains(key)) {
                problems.add(m, what + " needs '" + key + "'", "");
            }
            return Optional.empty();
        }
        Optional<String> v = text(m, key);
        if (v.isPresent() && v.get().isBlank()) {
            problems.add(m.get(key).orElseThrow(), "'" + key + "' must not be empty", "");
            return Optional.empty();
        }
        return v;
    }

    Optional<Integer> integer(YamlNode.Mapping m, String key) {
        return m.get(key).flatMap(n -> {
            if (n instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.INTEGER) {
                try {
                    return Optional.of(Integer.decode(s.text().replace("_", "")));
                } catch (NumberFormatException e) {
                    // fall through to the problem below
                }
            }
            problems.add(n, "'" + key + "' must be a whole number, not " + n.describe(), "");
            return Optional.empty();
        });
    }

    Optional<BigDecimal> decimal(YamlNode.Mapping m, String key) {
        return m.get(key).flatMap(n -> {
            if (n instanceof YamlNode.Scalar s && (s.kind() == YamlNode.Kind.INTEGER || s.kind() == YamlNode.Kind.FLOAT)) {
                try {
                    return Optional.of(new BigDecimal(s.text().replace("_", "")));
                } catch (NumberFormatException e) {
                    // fall through to the problem below
                }
            }
            problems.add(n, "'" + key + "' must be a number, not " + n.describe(), "");
            return Optional.empty();
        });
    }

    Optional<Boolean> bool(YamlNode.Mapping m, String key) {
        return m.get(key).flatMap(n -> {
            if (n instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.BOOLEAN) {
                return Optional.of(Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT)));
            }
            problems.add(n, "'" + key + "' must be true or false, not " + n.describe(), "");
            return Optional.empty();
        });
    }

    /** A list of text values; a single value is not accepted in place of a list. */
    Optional<List<String>> texts(YamlNode.Mapping m, String key) {
        return m.get(key).flatMap(n -> {
            if (!(n instanceof YamlNode.Sequence seq)) {
                problems.add(n, "'" + key + "' must be a list, e.g. [a, b], not " + n.describe(), "");
                return Optional.empty();
            }
            List<String> out = new ArrayList<>();
            for (YamlNode item : seq.items()) {
                text(item, key).ifPresent(out::add);
            }
            return Optional.of(out);
        });
    }

    /** A mapping of text to text. */
    Optional<Map<String, String>> textMap(YamlNode.Mapping m, String key) {
        return m.get(key).flatMap(n -> mapping(n, "'" + key + "'")).map(map -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (YamlNode.Entry e : map.entries()) {
                text(e.value(), key + "." + e.key().text()).ifPresent(v -> out.put(e.key().text(), v));
            }
            return out;
        });
    }

    /**
     * A scalar or a list of scalars as a plain Java value: text, {@code Long}, {@code BigDecimal},
     * {@code Boolean} or a list of them.
     */
    Optional<Object> plain(YamlNode n, String key) {
        if (n instanceof YamlNode.Sequence seq) {
            List<Object> out = new ArrayList<>();
            for (YamlNode item : seq.items()) {
                plain(item, key).ifPresent(out::add);
            }
            return Optional.of(out);
        }
        if (!(n instanceof YamlNode.Scalar s) || s.kind() == YamlNode.Kind.NULL) {
            problems.add(n, "'" + key + "' must be a value or a list of values, not " + n.describe(), "");
            return Optional.empty();
        }
        try {
            return Optional.of(switch (s.kind()) {
                case INTEGER -> Long.decode(s.text().replace("_", ""));
                case FLOAT -> new BigDecimal(s.text().replace("_", ""));
                case BOOLEAN -> Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT));
                default -> s.text();
            });
        } catch (NumberFormatException e) {
            problems.add(n, "'" + key + "' is not a number this gateway can read: " + s.text(), "");
            return Optional.empty();
        }
    }

    /**
     * A YAML subtree as JSON (for an HTTP body template); keys stay as written.
     *
     * @param n node
     * @return JSON node
     */
    static tools.jackson.databind.JsonNode json(YamlNode n) {
        tools.jackson.databind.node.JsonNodeFactory f = tools.jackson.databind.node.JsonNodeFactory.instance;
        return switch (n) {
            case YamlNode.Mapping m -> {
                tools.jackson.databind.node.ObjectNode o = f.objectNode();
                m.entries().forEach(e -> o.set(e.key().text(), json(e.value())));
                yield o;
            }
            case YamlNode.Sequence s -> {
                tools.jackson.databind.node.ArrayNode a = f.arrayNode();
                s.items().forEach(i -> a.add(json(i)));
                yield a;
            }
            case YamlNode.Scalar s -> switch (s.kind()) {
                case NULL -> f.nullNode();
                case BOOLEAN -> f.booleanNode(Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT)));
                case INTEGER, FLOAT -> {
                    try {
                        yield f.numberNode(new BigDecimal(s.text().replace("_", "")));
                    } catch (NumberFormatException e) {
                        yield f.stringNode(s.text());
                    }
                }
                case STRING -> f.stringNode(s.text());
            };
        };
    }
}
