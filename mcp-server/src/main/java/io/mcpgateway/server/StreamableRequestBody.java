package io.mcpgateway.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * Reads the body of a POST to the MCP endpoint into one JSON-RPC message, within a size
 * limit, and says precisely why a body is refused.
 * <p>
 * The limit is enforced while reading, not only from {@code Content-Length}: a chunked body
 * has none, and a client may lie. Batches (a JSON array) are refused: protocol version
 * 2025-06-18 removed JSON-RPC batching from MCP.
 */
final class StreamableRequestBody {

    private final McpJsonMapper jsonMapper;
    private final int maxBytes;

    /**
     * Creates a reader.
     *
     * @param jsonMapper parses the body
     * @param maxBytes   largest body accepted, in bytes
     */
    StreamableRequestBody(McpJsonMapper jsonMapper, int maxBytes) {
        this.jsonMapper = jsonMapper;
        this.maxBytes = maxBytes;
    }

    /**
     * Reads and classifies the message.
     *
     * @param request the POST request
     * @return a request, notification or response
     * @throws Refusal with the HTTP status and JSON-RPC error to answer with
     */
    McpSchema.JSONRPCMessage read(ServerRequest request) throws Refusal {
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > maxBytes) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = request.content().inputStream()) {
            body = in.readNBytes(maxBytes + 1);
        } catch (IOException | UncheckedIOException e) {
            throw new Refusal(Status.BAD_REQUEST_400, McpSchema.ErrorCodes.PARSE_ERROR,
                              "Parse error: the request body could not be read");
        }
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        return parse(body);
    }

    private McpSchema.JSONRPCMessage parse(byte[] body) throws Refusal {
        Object tree;
        try {
            tree = jsonMapper.readValue(body, Object.class);
        } catch (IOException | RuntimeException e) {
            throw new Refusal(Status.BAD_REQUEST_400, McpSchema.ErrorCodes.PARSE_ERROR,
                              "Parse error: the request body is not valid JSON");
        }
        if (tree instanceof List<?>) {
            throw invalid("JSON-RPC batches are not supported; send one message per request");
        }
        if (!(tree instanceof Map<?, ?> map)) {
            throw invalid("A JSON-RPC message must be a JSON object");
        }
        if (!"2.0".equals(map.get("jsonrpc"))) {
            throw invalid("The member \"jsonrpc\" must be \"2.0\"");
        }
        boolean hasId = map.containsKey("id");
        if (hasId && !(map.get("id") instanceof String || map.get("id") instanceof Number)) {
            throw invalid("The member \"id\" must be a string or a number");
        }
        Class<? extends McpSchema.JSONRPCMessage> type;
        if (map.containsKey("method")) {
            if (!(map.get("method") instanceof String)) {
                throw invalid("The member \"method\" must be a string");
            }
            type = hasId ? McpSchema.JSONRPCRequest.class : McpSchema.JSONRPCNotification.class;
        } else if (hasId && (map.containsKey("result") ^ map.containsKey("error"))) {
            type = McpSchema.JSONRPCResponse.class;
        } else {
            throw invalid("The message is neither a request, a notification nor a response");
        }
        try {
            return jsonMapper.convertValue(map, type);
        } catch (RuntimeException e) {
            throw invalid("The message does not have the shape of a JSON-RPC " + type.getSimpleName()
                    .replace("JSONRPC", "").toLowerCase(java.util.Locale.ROOT));
        }
    }

    private Refusal tooLarge() {
        return new Refusal(Status.REQUEST_ENTITY_TOO_LARGE_413, McpSchema.ErrorCodes.INVALID_REQUEST,
                           "The request body exceeds " + maxBytes + " bytes");
    }

    private static Refusal invalid(String message) {
        return new Refusal(Status.BAD_REQUEST_400, McpSchema.ErrorCodes.INVALID_REQUEST, "Invalid request: " + message);
    }

    /**
     * A body the endpoint refuses: the HTTP status and the JSON-RPC error for the client. The
     * message is ours, never text taken from the request or from a parser exception.
     */
    static final class Refusal extends Exception {

        private final Status status;
        private final int code;

        Refusal(Status status, int code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }

        Status status() {
            return status;
        }

        int code() {
            return code;
        }
    }
}
