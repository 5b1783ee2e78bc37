package io.mcpgateway.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request from an agent to run a tool, as it arrives at the pipeline.
 *
 * @param tool          the tool name the client asked for
 * @param arguments     the raw arguments, not yet validated (values are JSON scalars, lists or maps)
 * @param identity      the authenticated caller
 * @param sessionId     the MCP session id, or empty for transports without sessions
 * @param correlationId an id that ties log lines, audit rows and the client response together
 */
public record ToolCall(String tool, Map<String, Object> arguments, Identity identity, String sessionId,
                       String correlationId) {

    /**
     * Creates a tool call, copying the arguments in their order.
     *
     * @param tool          tool name
     * @param arguments     raw arguments, {@code null} means none
     * @param identity      caller
     * @param sessionId     session id or {@code null}
     * @param correlationId correlation id
     */
    public ToolCall {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(correlationId, "correlationId");
        // LinkedHashMap: arguments may legitimately hold JSON nulls, which Map.copyOf refuses
        arguments = arguments == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        sessionId = sessionId == null ? "" : sessionId;
    }
}
