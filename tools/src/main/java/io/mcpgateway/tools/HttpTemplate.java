package io.mcpgateway.tools;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fixed shape of an HTTP tool: method, path template, query, headers and a JSON body template
 * on an API connection.
 *
 * <p>Placeholders ({@code {name}}) are filled safely by where they stand: a path value is
 * percent-encoded as one segment (so {@code /} cannot add segments, and {@code .} or {@code ..}
 * as a whole segment is refused); a query value is handed over raw for the connector to encode; a
 * body value becomes a JSON value built by Jackson (a number stays a number, a list an array),
 * never text spliced into JSON. Headers are fixed text: credentials come from the connection.
 *
 * @param method  HTTP method, upper case
 * @param path    path template, starting with {@code /}
 * @param query   query parameter name to value template
 * @param headers fixed extra headers
 * @param body    JSON body template (strings may hold placeholders), or {@code null}
 */
public record HttpTemplate(String method, TextTemplate path, Map<String, TextTemplate> query,
                           Map<String, String> headers, JsonNode body) implements ToolTemplate {

    /** Methods a template may use. */
    public static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * Validates fields.
     *
     * @param method  method
     * @param path    path
     * @param query   query
     * @param headers headers
     * @param body    body or null
     */
    public HttpTemplate {
        Objects.requireNonNull(method, "method");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be one of " + METHODS.stream().sorted().toList());
        }
        Objects.requireNonNull(path, "path");
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? null : body.deepCopy();
    }

    @Override
    public JsonNode body() {
        return body == null ? null : body.deepCopy();
    }

    /**
     * Every parameter the template refers to.
     *
     * @return names
     */
    public Set<String> parameterNames() {
        Set<String> names = new LinkedHashSet<>(path.names());
        query.values().forEach(t -> names.addAll(t.names()));
        if (body != null) {
            bodyTemplates(body).forEach(t -> names.addAll(t.names()));
        }
        return names;
    }

    /**
     * The placeholders that make up a whole path segment ({@code /items/{id}}), whose values must
     * not be empty, {@code .} or {@code ..}.
     *
     * @return parameter names
     */
    public Set<String> wholeSegmentParameters() {
        Set<String> names = new LinkedHashSet<>();
        List<TextTemplate.Part> parts = path.parts();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof TextTemplate.Placeholder p
                    && (i > 0 && parts.get(i - 1) instanceof TextTemplate.Literal before && before.text().endsWith("/"))
                    && (i == parts.size() - 1 || parts.get(i + 1) instanceof TextTemplate.Literal after
                    && after.text().startsWith("/"))) {
                names.add(p.name());
            }
        }
        return names;
    }

    /**
     * Every string of the body template, parsed.
     *
     * @param node body template
     * @return templates, in document order
     */
    static List<TextTemplate> bodyTemplates(JsonNode node) {
        List<TextTemplate> out = new ArrayList<>();
        if (node.isString()) {
            out.add(TextTemplate.parse(node.asString()));
        } else if (node.isContainer()) {
            for (JsonNode child : node.values()) {
                out.addAll(bodyTemplates(child));
            }
        }
        return out;
    }

    /**
     * Binds validated values into the request.
     *
     * @param values validated values by parameter name
     * @return the executable request
     * @throws InvalidArgumentsException when a path value would change the path's shape
     */
    public BoundRequest.Http bind(Map<String, Object> values) {
        List<String> problems = new ArrayList<>();
        Set<String> segments = wholeSegmentParameters();
        String boundPath = path.render(literal -> literal, name -> {
            String text = TextTemplate.valueText(values.get(name));
            if (segments.contains(name) && (text.isEmpty() || text.equals(".") || text.equals(".."))) {
                problems.add("'" + name + "' cannot be empty, '.' or '..' in a URL path");
            }
            return encodeSegment(text);
        });
        if (!problems.isEmpty()) {
            throw new InvalidArgumentsException(problems);
        }
        Map<String, List<String>> boundQuery = new LinkedHashMap<>();
        query.forEach((key, template) -> {
            String sole = template.soleParameter();
            if (sole != null) {
                Object value = values.get(sole);
                if (value instanceof List<?> items) {
                    boundQuery.put(key, items.stream().map(TextTemplate::valueText).toList());
                } else if (value != null) {
                    boundQuery.put(key, List.of(TextTemplate.valueText(value)));
                }
            } else if (template.names().stream().allMatch(n -> values.get(n) != null)) {
                // an entry that mixes text and an absent optional value is left out as a whole
                boundQuery.put(key, List.of(template.render(l -> l, n -> TextTemplate.valueText(values.get(n)))));
            }
        });
        String boundBody = body == null ? null : JSON.writeValueAsString(bindNode(body, values));
        return new BoundRequest.Http(method, boundPath, boundQuery, headers, boundBody);
    }

    private static JsonNode bindNode(JsonNode node, Map<String, Object> values) {
        if (node.isString()) {
            TextTemplate t = TextTemplate.parse(node.asString());
            String sole = t.soleParameter();
            if (sole != null) {
                return valueNode(values.get(sole));
            }
            return NODES.stringNode(t.render(l -> l, n -> TextTemplate.valueText(values.get(n))));
        }
        if (node instanceof ObjectNode object) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                JsonNode v = bindNode(e.getValue(), values);
                if (!v.isMissingNode()) {
                    out.set(e.getKey(), v);
                }
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode item : array) {
                JsonNode v = bindNode(item, values);
                out.add(v.isMissingNode() ? NODES.nullNode() : v);
            }
            return out;
        }
        return node;
    }

    /** A value as a JSON node; an absent optional value is a missing node (its key is left out). */
    private static JsonNode valueNode(Object value) {
        return switch (value) {
            case null -> NODES.missingNode();
            case Long l -> NODES.numberNode(l);
            case java.math.BigDecimal d -> NODES.numberNode(d);
            case Boolean b -> NODES.booleanNode(b);
            case List<?> items -> {
                ArrayNode array = NODES.arrayNode();
                items.forEach(i -> array.add(valueNode(i)));
                yield array;
            }
            default -> NODES.stringNode(TextTemplate.valueText(value));
        };
    }

    /**
     * Percent-encodes text as one URL path segment: every byte but the RFC 3986 unreserved
     * characters is encoded, {@code /} included.
     *
     * @param text text
     * @return encoded segment
     */
    static String encodeSegment(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
