package io.mcpgateway.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;

import static java.lang.System.Logger.Level.WARNING;

/**
 * How the MCP endpoint answers outside of a JSON-RPC exchange: refusals as a JSON-RPC error
 * without id, JSON bodies, and internal failures. Every message a client reads here is ours;
 * text from exceptions or from the request goes to the log only, under a correlation id.
 */
final class StreamableReplies {

    private static final System.Logger LOGGER = System.getLogger(StreamableReplies.class.getName());

    private final McpJsonMapper jsonMapper;

    StreamableReplies(McpJsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /**
     * Answers with an HTTP error status and a JSON-RPC error body ({@code id: null}).
     *
     * @param response the response, not yet sent
     * @param status   HTTP status
     * @param code     JSON-RPC error code
     * @param message  client-safe message
     */
    void refuse(ServerResponse response, Status status, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        body.put("id", null);
        body.put("error", error);
        sendJson(response, status, body);
    }

    /**
     * Answers 500 with a generic message, unless the response is already under way; logs the
     * failure with its correlation id.
     *
     * @param response the response
     * @param what     what failed, for the log
     * @param failure  the exception, for the log
     */
    void internalError(ServerResponse response, String what, RuntimeException failure) {
        String correlation = correlationId();
        LOGGER.log(WARNING, what + " failed, correlation id " + correlation, failure);
        if (!response.isSent()) {
            refuse(response, Status.INTERNAL_SERVER_ERROR_500, McpSchema.ErrorCodes.INTERNAL_ERROR,
                   internalErrorMessage(correlation));
        }
    }

    /**
     * Answers with a JSON body.
     *
     * @param response the response, not yet sent
     * @param status   HTTP status
     * @param body     serialized with the MCP mapper
     */
    void sendJson(ServerResponse response, Status status, Object body) {
        byte[] bytes;
        try {
            bytes = jsonMapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialize a JSON-RPC message", e);
        }
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.send(bytes);
    }

    /**
     * Replaces the message of an internal JSON-RPC error with a generic one. The SDK puts the
     * text of any exception a handler throws into the error it returns (and a chain of
     * exception messages into its data), and such text can carry a connection URL or a
     * statement. It goes to the log, under the correlation id the client sees.
     *
     * @param message a message about to leave for the client
     * @return the message, or its scrubbed copy
     */
    McpSchema.JSONRPCMessage clientSafe(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCResponse reply
                && reply.error() != null
                && Objects.equals(reply.error().code(), McpSchema.ErrorCodes.INTERNAL_ERROR)) {
            String correlation = correlationId();
            LOGGER.log(WARNING, "Internal error answered with correlation id {0}: {1}", correlation,
                       reply.error().message());
            return McpSchema.JSONRPCResponse.error(reply.id(), new McpSchema.JSONRPCResponse.JSONRPCError(
                    McpSchema.ErrorCodes.INTERNAL_ERROR, internalErrorMessage(correlation)));
        }
        return message;
    }

    /**
     * The client's view of an internal failure.
     *
     * @param correlation the id under which the details are logged
     * @return the message
     */
    static String internalErrorMessage(String correlation) {
        return "Internal error (correlation id " + correlation + ")";
    }

    /**
     * A short random id tying a client-visible error to its log line.
     *
     * @return eight hex digits
     */
    static String correlationId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A client-supplied value fit for a log line: printable ASCII only, at most 100 characters.
     *
     * @param value the value, may be {@code null}
     * @return the value made safe to log
     */
    static String printable(String value) {
        if (value == null) {
            return "";
        }
        String cut = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
