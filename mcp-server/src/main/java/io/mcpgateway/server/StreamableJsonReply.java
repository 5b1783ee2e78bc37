package io.mcpgateway.server;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import reactor.core.publisher.Mono;

/**
 * The answer to a POSTed request when the client accepts {@code application/json} but not
 * {@code text/event-stream}: a single JSON body, so only the JSON-RPC response can be
 * delivered.
 * <p>
 * Notifications sent while the request runs (progress, logging) have no channel and are
 * dropped. Requests to the client (sampling, elicitation) fail at once instead of waiting for
 * an answer that cannot come.
 */
final class StreamableJsonReply implements McpStreamableServerTransport {

    private static final System.Logger LOGGER = System.getLogger(StreamableJsonReply.class.getName());

    private final String sessionId;
    private final McpJsonMapper jsonMapper;
    private final UnaryOperator<McpSchema.JSONRPCMessage> outbound;
    private final AtomicReference<McpSchema.JSONRPCResponse> response = new AtomicReference<>();

    /**
     * Creates an empty reply.
     *
     * @param sessionId  the MCP session, for log lines
     * @param jsonMapper converts data for the SDK
     * @param outbound   last look at the response before it leaves (error scrubbing)
     */
    StreamableJsonReply(String sessionId, McpJsonMapper jsonMapper, UnaryOperator<McpSchema.JSONRPCMessage> outbound) {
        this.sessionId = sessionId;
        this.jsonMapper = jsonMapper;
        this.outbound = outbound;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return sendMessage(message, null);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        return Mono.defer(() -> {
            if (message instanceof McpSchema.JSONRPCResponse reply) {
                response.compareAndSet(null, (McpSchema.JSONRPCResponse) outbound.apply(reply));
                return Mono.empty();
            }
            if (message instanceof McpSchema.JSONRPCRequest) {
                return Mono.error(McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                        .message("The client accepts only application/json; requests to it need text/event-stream")
                        .build());
            }
            LOGGER.log(System.Logger.Level.DEBUG, "Dropped a notification for JSON-only request of session {0}",
                       sessionId);
            return Mono.empty();
        });
    }

    /**
     * The JSON-RPC response, once the SDK has produced it.
     *
     * @return the response, or empty if none was sent
     */
    Optional<McpSchema.JSONRPCResponse> response() {
        return Optional.ofNullable(response.get());
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return jsonMapper.convertValue(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }
}
