package io.mcpgateway.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.ToolCall;

/**
 * A load run of the demo gateway (not a test): concurrent MCP clients over HTTP calling demo
 * tools through the whole pipeline (authentication, policy, H2 execution, masking, injection
 * inspection, two audit rows per call), and the same calls straight into the pipeline to show
 * what the HTTP and MCP layers add. Prints latency percentiles and throughput as markdown.
 *
 * <p>{@code ./mvnw -B -pl mcp-server -am -Pload verify -DskipTests [-Dload.clients=8 -Dload.calls=300]}
 */
public final class GatewayLoadRun {

    private static final List<String> TABLE = new ArrayList<>();

    private static final List<Call> MIX = List.of(
            new Call("find_customer_by_email (1 row)", "find_customer_by_email", Map.of("email", "kavya.fischer@example.com")),
            new Call("orders_by_status (20 rows)", "orders_by_status", Map.of("status", "shipped")),
            new Call("search_customers_by_name (up to 50 rows)", "search_customers_by_name", Map.of("name_pattern", "%a%")),
            new Call("denied by policy (write on read-only)", "sql_demo_readonly",
                    Map.of("sql", "DELETE FROM orders WHERE id = 1")));

    private GatewayLoadRun() {
    }

    /**
     * Runs the load.
     *
     * @param args unused
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("load.clients", 8);
        int calls = Integer.getInteger("load.calls", 300);
        // the demo's per-user quotas (60 calls a minute) would refuse a load run after a second
        try (DemoFixture fixture = DemoFixture.create()
                .withConfigLine("      calls-per-minute: 60", "      calls-per-minute: 10000000")
                .withConfigLine("      rows-per-hour: 20000", "      rows-per-hour: 1000000000")
                .withConfigLine("      bytes-per-hour: 20MB", "      bytes-per-hour: 100GB")
                .withConfigLine("      calls-per-minute: 30", "      calls-per-minute: 10000000")
                .withConfigLine("      rows-per-hour: 5000", "      rows-per-hour: 1000000000");
             Gateway gateway = fixture.gateway();
             GatewayServer server = GatewayServer.start(gateway, "127.0.0.1", 0)) {
            String token = gateway.issuer().mint("alice@example.com", "alice@example.com",
                    Set.of("support", "engineering"), Duration.ofHours(1));
            TABLE.add(String.format("Load run: %d clients x %d calls per tool, %d cores, Java %s, load average before: %s%n",
                    clients, calls,
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), loadAverage()));
            TABLE.add("| path | call | calls/s | p50 ms | p90 ms | p99 ms |");
            TABLE.add("| --- | --- | ---: | ---: | ---: | ---: |");
            Identity alice = new Identity("alice@example.com", "alice@example.com", Set.of("support", "engineering"));
            for (Call c : MIX) {
                // warm-up, then the measured run
                pipeline(gateway, alice, c, clients, calls / 3);
                report("pipeline (in-process)", c, pipeline(gateway, alice, c, clients, calls));
            }
            for (Call c : MIX) {
                http(server, token, c, clients, calls / 3);
                report("MCP over HTTP, Java SDK client", c, http(server, token, c, clients, calls));
            }
            for (Call c : MIX) {
                rawJson(server, token, c, clients, calls / 3);
                report("MCP over HTTP, plain JSON requests", c, rawJson(server, token, c, clients, calls));
            }
        }
        // printed at the end, in one piece: the server's log lines go to the same console
        TABLE.add("\nLoad average after: " + loadAverage());
        System.out.println(String.join("\n", TABLE));
        // the gateway's executors are daemon threads; make sure the JVM ends with the run
        System.exit(0);
    }

    private static Result pipeline(Gateway gateway, Identity who, Call c, int clients, int calls) throws Exception {
        return run(clients, calls, client -> () -> {
            CallOutcome o = gateway.pipeline().handle(new ToolCall(c.tool, c.args, who, "load-" + client, "load"));
            if (o instanceof CallOutcome.Failed f) {
                throw new IllegalStateException(f.toString());
            }
            if (o instanceof CallOutcome.Refused r && !c.tool.startsWith("sql_")) {
                throw new IllegalStateException("refused: " + r);
            }
        });
    }

    private static Result http(GatewayServer server, String token, Call c, int clients, int calls) throws Exception {
        List<McpSyncClient> sessions = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(server.baseUrl())
                    .endpoint("/mcp")
                    .httpRequestCustomizer((b, m, u, body, ctx) -> b.header("Authorization", "Bearer " + token))
                    .build()).requestTimeout(Duration.ofSeconds(30)).build();
            client.initialize();
            sessions.add(client);
        }
        try {
            return run(clients, calls, client -> () -> {
                McpSchema.CallToolResult r = sessions.get(client).callTool(new McpSchema.CallToolRequest(c.tool, c.args));
                if (r.content().isEmpty() || (Boolean.TRUE.equals(r.isError()) && !c.tool.startsWith("sql_"))) {
                    throw new IllegalStateException("unexpected result: " + r);
                }
            });
        } finally {
            sessions.forEach(McpSyncClient::close);
        }
    }

    /** Hand-written JSON-RPC over java.net.http, answered as JSON: the server's cost without an SDK client. */
    private static Result rawJson(GatewayServer server, String token, Call c, int clients, int calls) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        String body = json.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 2, "method", "tools/call",
                "params", Map.of("name", c.tool, "arguments", c.args)));
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            java.net.http.HttpResponse<String> init = http.send(request(server, token, null,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"load\",\"version\":\"1\"}}}"),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            http.send(request(server, token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            sessions.add(session);
        }
        return run(clients, calls, client -> () -> {
            java.net.http.HttpResponse<String> r = http.send(request(server, token, sessions.get(client), body),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !r.body().contains("\"result\"")
                    || (r.body().contains("\"isError\":true") && !c.tool.startsWith("sql_"))) {
                throw new IllegalStateException(r.statusCode() + " " + r.body());
            }
        });
    }

    private static java.net.http.HttpRequest request(GatewayServer server, String token, String session, String body) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.mcpUrl()))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("MCP-Protocol-Version", "2025-06-18")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return b.build();
    }

    private interface Task {
        void run() throws Exception;
    }

    private interface TaskFactory {
        Task forClient(int client);
    }

    private static Result run(int clients, int calls, TaskFactory factory) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                Task task = factory.forClient(client);
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < calls; i++) {
                        long t0 = System.nanoTime();
                        task.run();
                        latencies.add(System.nanoTime() - t0);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        long elapsed = System.nanoTime() - start;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(sorted, elapsed);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void report(String path, Call c, Result r) {
        TABLE.add(String.format("| %s | %s | %.0f | %.1f | %.1f | %.1f |", path, c.label,
                r.latencies.size() / (r.elapsedNanos / 1e9), r.percentile(0.50), r.percentile(0.90), r.percentile(0.99)));
    }

    private record Call(String label, String tool, Map<String, Object> args) {
    }

    private record Result(List<Long> latencies, long elapsedNanos) {
        double percentile(double p) {
            int i = (int) Math.min(latencies.size() - 1, Math.ceil(p * latencies.size()) - 1);
            return latencies.get(Math.max(0, i)) / 1e6;
        }
    }
}
