package io.mcpgateway.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the approval tests do to a running gateway: MCP clients with progress, the JSON API, and
 * a cookie-holding "browser" for the page's forms.
 */
final class ApprovalHarness {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final GatewayServer server;

    ApprovalHarness(GatewayServer server) {
        this.server = server;
    }

    /** An initialized MCP client over HTTP with a bearer token. */
    McpSyncClient client(String token, Consumer<McpSchema.ProgressNotification> progress) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(server.baseUrl())
                .endpoint("/mcp")
                .httpRequestCustomizer((b, method, uri, body, ctx) -> b.header("Authorization", "Bearer " + token))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .progressConsumer(progress).build();
        client.initialize();
        return client;
    }

    /** A JSON API request with a bearer token (or none). */
    HttpResponse<String> api(String method, String path, String token, String body) throws IOException,
            InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    Map<String, Object> json(HttpResponse<String> r) {
        return JSON.readValue(r.body(), new TypeReference<>() {
        });
    }

    /** Ids of the pending requests a reviewer sees. */
    List<String> pendingIds(String token) throws IOException, InterruptedException {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> all = (List<Map<String, Object>>) json(api("GET", "/api/approvals?status=pending",
                token, null)).get("approvals");
        return all.stream().map(a -> (String) a.get("id")).toList();
    }

    /** Waits until a request not in {@code before} is pending; fails if the call ends first. */
    String awaitNewPending(String token, List<String> before, Future<?> call) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (String id : pendingIds(token)) {
                if (!before.contains(id)) {
                    return id;
                }
            }
            if (call.isDone()) {
                throw new AssertionError("The call ended without a pending approval request: " + call.get());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("No approval request appeared within 20 s");
    }

    /** Signs in on the page with a token and returns the session's browser. */
    Browser signIn(String token) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.approvalsUrl() + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", server.baseUrl())
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("token", token)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 303) {
            throw new AssertionError("Sign-in failed: " + r.statusCode() + " " + r.body());
        }
        return new Browser(r.headers().firstValue("Set-Cookie").orElseThrow());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** A session cookie and the requests a browser page makes with it. */
    final class Browser {
        private final String setCookie;
        private final String cookie;

        private Browser(String setCookie) {
            this.setCookie = setCookie;
            this.cookie = setCookie.substring(0, setCookie.indexOf(';'));
        }

        /** The security attributes of the session cookie, sorted. */
        List<String> cookieFlags() {
            List<String> flags = new ArrayList<>();
            for (String part : setCookie.split(";")) {
                String p = part.strip();
                if (p.equalsIgnoreCase("HttpOnly") || p.equalsIgnoreCase("Secure") || p.startsWith("SameSite")) {
                    flags.add(p);
                }
            }
            flags.sort(String::compareTo);
            return flags;
        }

        /** Opens a page and reads the CSRF token of its forms. */
        String csrfOn(String path) throws IOException, InterruptedException {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                    .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(r.body());
            if (!m.find()) {
                throw new AssertionError("No CSRF field on " + path + ": " + r.statusCode());
            }
            return m.group(1);
        }

        HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
            return postFrom(server.baseUrl(), path, fields);
        }

        HttpResponse<String> postFrom(String origin, String path, Map<String, String> fields) throws IOException,
                InterruptedException {
            return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                    .header("Cookie", cookie)
                    .header("Origin", origin)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> apiPost(String path, String body) throws IOException, InterruptedException {
            return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                    .header("Cookie", cookie)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The system clock, shifted by hand (expiry tests); tokens stay valid because they are checked against real time. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void advance(Duration d) {
            offset.updateAndGet(o -> o.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }
}
