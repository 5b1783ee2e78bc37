package io.mcpgateway.tools;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the JSON Schema (2020-12) published as a tool's MCP {@code inputSchema}, faithful to
 * what {@link ArgumentValidator} enforces: types, patterns (anchored, since the server matches
 * the whole value), enums, bounds, array sizes, required, and {@code additionalProperties: false}.
 * Identity-bound parameters are left out: the model cannot supply them.
 */
public final class InputSchema {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private InputSchema() {
    }

    /**
     * Builds the schema of a tool.
     *
     * @param tool the tool
     * @return the schema as a JSON object
     */
    public static ObjectNode of(ToolDefinition tool) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.createArrayNode();
        for (Parameter p : tool.parameters().values()) {
            if (!p.fromModel()) {
                continue;
            }
            ObjectNode prop = properties.putObject(p.name());
            if (p.type() == ParameterType.ARRAY) {
                prop.put("type", "array");
                scalar(p, p.itemType(), prop.putObject("items"));
                if (p.minItems() != null) {
                    prop.put("minItems", p.minItems());
                }
                prop.put("maxItems", p.maxItems());
            } else {
                scalar(p, p.type(), prop);
            }
            if (!p.description().isEmpty()) {
                prop.put("description", p.description());
            }
            if (p.defaultValue() != null) {
                prop.set("default", JSON.valueToTree(p.defaultValue()));
            }
            if (p.required() && p.defaultValue() == null) {
                required.add(p.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static void scalar(Parameter p, ParameterType type, ObjectNode node) {
        node.put("type", type.jsonType());
        List<String> patterns = new ArrayList<>();
        switch (type) {
            case STRING -> {
                if (p.pattern() != null) {
                    patterns.add(p.pattern().pattern());
                }
                if (p.format() != null) {
                    node.put("format", p.format());
                    patterns.add(ParameterFormat.regex(p.format()));
                }
                if (p.minLength() != null) {
                    node.put("minLength", p.minLength());
                }
                if (p.maxLength() != null) {
                    node.put("maxLength", p.maxLength());
                }
                if (!p.allowed().isEmpty()) {
                    ArrayNode values = node.putArray("enum");
                    p.allowed().forEach(values::add);
                }
                if (!p.excluded().isEmpty()) {
                    ArrayNode values = node.putObject("not").putArray("enum");
                    p.excluded().forEach(values::add);
                }
            }
            case INTEGER -> {
                node.put("minimum", (p.minimum() != null ? p.minimum() : ArgumentValidator.INTEGER_MIN).toBigInteger());
                node.put("maximum", (p.maximum() != null ? p.maximum() : ArgumentValidator.INTEGER_MAX).toBigInteger());
            }
            case NUMBER -> {
                if (p.minimum() != null) {
                    node.put("minimum", p.minimum());
                }
                if (p.maximum() != null) {
                    node.put("maximum", p.maximum());
                }
            }
            case DATE -> {
                node.put("format", "date");
                patterns.add(ParameterFormat.regex("date"));
            }
            case TIMESTAMP -> {
                node.put("format", "date-time");
                patterns.add(ParameterFormat.regex("date-time"));
            }
            case BOOLEAN, ARRAY -> {
            }
        }
        // the validator matches the whole value; anchor so schema-driven clients agree
        if (patterns.size() == 1) {
            node.put("pattern", anchored(patterns.get(0)));
        } else if (patterns.size() > 1) {
            ArrayNode all = node.putArray("allOf");
            patterns.forEach(p2 -> all.addObject().put("pattern", anchored(p2)));
        }
    }

    private static String anchored(String regex) {
        return "^(?:" + regex + ")$";
    }
}
