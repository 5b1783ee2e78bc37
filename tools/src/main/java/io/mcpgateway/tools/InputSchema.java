package io.mcpgateway.tools;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the JSON Schema (2020-12) published as a tool's MCP {@code inputSchema}, faithful to
 * what {@link ArgumentValidator} enforces: types, patterns, enums, bounds, required, and
 * {@code additionalProperties: false}.
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
            ObjectNode prop = properties.putObject(p.name());
            prop.put("type", p.type().jsonType());
            if (!p.description().isEmpty()) {
                prop.put("description", p.description());
            }
            if (p.pattern() != null) {
                // the validator matches the whole value; anchor so schema-driven clients agree
                prop.put("pattern", "^(?:" + p.pattern().pattern() + ")$");
            }
            if (p.minLength() != null) {
                prop.put("minLength", p.minLength());
            }
            if (p.maxLength() != null) {
                prop.put("maxLength", p.maxLength());
            }
            if (!p.allowed().isEmpty()) {
                ArrayNode values = prop.putArray("enum");
                p.allowed().forEach(values::add);
            }
            if (p.format() != null) {
                prop.put("format", p.format());
            }
            if (p.minimum() != null) {
                prop.put("minimum", p.minimum());
            }
            if (p.maximum() != null) {
                prop.put("maximum", p.maximum());
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
}
