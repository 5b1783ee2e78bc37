package io.mcpgateway.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.mcpgateway.tools.ConnectionDefinition;

/**
 * The demo's internal HTTP API: service status, customer accounts and an incident page, on the
 * loopback port of the connection named by {@code demo.api-connection}. It accepts only requests
 * carrying its API key in {@code X-API-Key}; the key is random, lives in the file the connection's
 * {@code file:} credential names, and only the gateway holds it. Its answers contain personal data
 * and a leaked token on purpose, so the demo shows the masking stage at work.
 */
final class DemoStatusApi implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(DemoStatusApi.class.getName());
    private static final Pattern CUSTOMER = Pattern.compile("/api/customers/(\\d+)");
    private static final Map<Integer, String> CUSTOMERS = Map.of(
            1, "{\"id\":1,\"name\":\"Alice Martin\",\"email\":\"alice.martin@example.com\",\"phone\":\"+44 20 7946 0958\","
                    + "\"plan\":\"business\",\"card\":\"4111 1111 1111 1111\",\"balance\":1240.50,"
                    + "\"notes\":\"Asked for an invoice copy; sent to billing@martin-consulting.example\"}",
            2, "{\"id\":2,\"name\":\"Bruno Keller\",\"email\":\"bruno.keller@example.org\",\"phone\":\"+49 30 901820\","
                    + "\"plan\":\"free\",\"card\":\"5555 5555 5555 4444\",\"balance\":0,"
                    + "\"notes\":\"Integration uses token sk_live_51HbX2mKq8ZtR4yVw9PnD3fG7hJ\"}",
            3, "{\"id\":3,\"name\":\"Chen Wei\",\"email\":\"chen.wei@example.net\",\"phone\":\"+1 415 555 0134\","
                    + "\"plan\":\"enterprise\",\"card\":\"3782 822463 10005\",\"balance\":98000,"
                    + "\"notes\":\"Renewal call booked with account manager\"}");
    private static final String STATUS = "{\"service\":\"shop\",\"status\":\"degraded\",\"components\":["
            + "{\"name\":\"checkout\",\"status\":\"ok\",\"latency_ms\":120},"
            + "{\"name\":\"payments\",\"status\":\"degraded\",\"latency_ms\":2300,"
            + "\"detail\":\"card processor timeouts since 09:40 UTC\"},"
            + "{\"name\":\"search\",\"status\":\"ok\",\"latency_ms\":45}],"
            + "\"on_call\":{\"name\":\"Dana Whitfield\",\"email\":\"dana.whitfield@example.com\",\"phone\":\"+1 415 555 0199\"}}";
    private static final String INCIDENT = "<html><head><title>INC-2291</title></head><body><h1>INC-2291: payment "
            + "timeouts</h1><p>Reported by dana.whitfield@example.com. Customer 4111 1111 1111 1111 was charged twice."
            + "</p><p>Status: investigating.</p></body></html>";

    private final HttpServer server;

    private DemoStatusApi(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts the API for the configured connection, or does nothing when the demo names none.
     *
     * @param config gateway configuration
     * @return the running API, if one was started
     * @throws IOException when the key file cannot be written
     */
    static Optional<DemoStatusApi> start(GatewayConfig config) throws IOException {
        Optional<String> name = config.raw().get("demo.api-connection").asString().asOptional();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        ConnectionDefinition connection = config.connections().get(name.get());
        if (connection == null || !connection.credentialRef().startsWith("file:")) {
            throw new IllegalArgumentException("demo.api-connection must name an http connection with a file: credential, got '"
                    + name.get() + "'");
        }
        URI url = URI.create(connection.url());
        byte[] key = DemoDatabase.secret(Path.of(connection.credentialRef().substring(5))).getBytes(StandardCharsets.UTF_8);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), url.getPort()), 16);
        } catch (BindException e) {
            LOGGER.log(System.Logger.Level.WARNING, "Demo API not started: port " + url.getPort() + " is in use; change "
                    + "connections." + name.get() + ".url to a free port");
            return Optional.empty();
        }
        server.createContext("/api/", exchange -> handle(exchange, key));
        server.start();
        return Optional.of(new DemoStatusApi(server));
    }

    private static void handle(HttpExchange ex, byte[] key) throws IOException {
        String presented = ex.getRequestHeaders().getFirst("X-API-Key");
        // constant-time comparison: the demo should not teach timing leaks
        if (presented == null || !MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8))) {
            send(ex, 401, "application/json", "{\"error\":\"missing or wrong API key\"}");
            return;
        }
        if (!ex.getRequestMethod().equals("GET")) {
            send(ex, 405, "application/json", "{\"error\":\"read-only API\"}");
            return;
        }
        String path = ex.getRequestURI().getPath();
        Matcher m = CUSTOMER.matcher(path);
        if (path.equals("/api/status")) {
            send(ex, 200, "application/json", STATUS);
        } else if (path.equals("/api/incidents/current")) {
            send(ex, 200, "text/html; charset=utf-8", INCIDENT);
        } else if (m.matches() && CUSTOMERS.containsKey(Integer.parseInt(m.group(1)))) {
            send(ex, 200, "application/json", CUSTOMERS.get(Integer.parseInt(m.group(1))));
        } else {
            send(ex, 404, "application/json", "{\"error\":\"not found\"}");
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * The port it listens on.
     *
     * @return port
     */
    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
