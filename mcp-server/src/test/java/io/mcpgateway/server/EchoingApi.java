package io.mcpgateway.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A careless HTTP API on 127.0.0.1 for the credential sweep: it checks the credential the gateway
 * injects (bearer token, Basic pair or API key) like a real API, then gives it back to the caller
 * in every form it can, as JSON, plain text or HTML, or quotes it in a 401 answer. What reaches
 * the model from it must contain none of it.
 */
final class EchoingApi implements AutoCloseable {

    private final HttpServer server;
    private final String bearer;
    private final String basicPair;
    private final String apiKey;
    private final List<String> authenticated = Collections.synchronizedList(new ArrayList<>());

    private EchoingApi(String bearer, String basicPair, String apiKey) throws IOException {
        this.bearer = bearer;
        this.basicPair = basicPair;
        this.apiKey = apiKey;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", this::handle);
        server.start();
    }

    /**
     * @param bearer    the token expected in {@code Authorization: Bearer}
     * @param basicPair the {@code user:password} expected in {@code Authorization: Basic}
     * @param apiKey    the key expected in {@code X-API-Key}
     * @return a running API
     * @throws IOException when no port can be bound
     */
    static EchoingApi start(String bearer, String basicPair, String apiKey) throws IOException {
        return new EchoingApi(bearer, basicPair, apiKey);
    }

    /** @return the base URL, e.g. {@code http://127.0.0.1:41234/api} */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    /** @return "kind path" of each request that carried a valid credential, in order */
    List<String> authenticated() {
        return List.copyOf(authenticated);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String authorization = Objects.toString(exchange.getRequestHeaders().getFirst("Authorization"), "");
            String key = Objects.toString(exchange.getRequestHeaders().getFirst("X-API-Key"), "");
            String kind = kind(authorization, key);
            String presented = kind == null ? authorization + key : switch (kind) {
                case "bearer" -> bearer;
                case "basic" -> basicPair;
                default -> apiKey;
            };
            if (kind == null || path.equals("/api/reject")) {
                if (kind != null) {
                    authenticated.add(kind + " " + path);
                }
                send(exchange, 401, "text/plain", "Credential '" + presented + "' (" + authorization + key
                        + ") was revoked or is not valid.");
                return;
            }
            authenticated.add(kind + " " + path);
            String query = exchange.getRequestURI().getRawQuery();
            String decodedQuery = query == null ? "" : URLDecoder.decode(query, StandardCharsets.UTF_8);
            switch (path) {
                case "/api/echo.json" -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("authorization", authorization);
                    body.put("x-api-key", key);
                    body.put("credential", presented);
                    body.put("query", decodedQuery);
                    body.put("note", "You are authenticated with " + presented + ".");
                    send(exchange, 200, "application/json", JsonMapper.builder().build().writeValueAsString(body));
                }
                case "/api/echo.txt" -> send(exchange, 200, "text/plain", "Authorization: " + authorization
                        + "\nX-API-Key: " + key + "\ncredential=" + presented + "\nquery=" + decodedQuery + "\n");
                case "/api/page.html" -> send(exchange, 200, "text/html; charset=utf-8",
                        "<html><head><title>Account</title></head><body><h1>Your access</h1><p>Key in use: "
                                + html(presented) + "</p><pre>" + html(authorization + key) + "</pre></body></html>");
                default -> send(exchange, 404, "text/plain", "no such page: " + path);
            }
        }
    }

    /** Which credential the request carried, validly; null when none was valid. */
    private String kind(String authorization, String key) {
        if (authorization.equals("Bearer " + bearer)) {
            return "bearer";
        }
        if (authorization.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
            return pair.equals(basicPair) ? "basic" : null;
        }
        return key.equals(apiKey) ? "api-key" : null;
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
