package io.mcpgateway.tools;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The loaded set of tools, by name. Immutable: a reload produces a new set.
 *
 * @param tools tools by name, in load order
 */
public record Runbooks(Map<String, ToolDefinition> tools) {

    /**
     * Copies the map.
     *
     * @param tools tools by name
     */
    public Runbooks {
        tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
    }

    /**
     * Finds a tool.
     *
     * @param name tool name
     * @return the tool, if defined
     */
    public Optional<ToolDefinition> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /**
     * All tools.
     *
     * @return tools in load order
     */
    public Collection<ToolDefinition> all() {
        return tools.values();
    }
}
