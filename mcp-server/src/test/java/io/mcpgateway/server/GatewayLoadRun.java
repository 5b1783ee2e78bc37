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
 * <p>{@code ./mvnw -B -pl mcp-server -am -Pbench verify [-Dload.clients=8 -Dload.calls=300]}
 */
public final class GatewayLoadRun {

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
        try (DemoFixture fixture = DemoFixture.create(); Gateway gateway = fixture.gateway();
             GatewayServer server = GatewayServer.start(gateway, "127.0.0.1", 0)) {
            String token = gateway.issuer().mint("alice@example.com", "alice@example.com",
                    Set.of("support", "engineering"), Duration.ofHours(1));
            System.out.printf("Load run: %d clients x %d calls per tool, %d cores, Java %s%n%n", clients, calls,
                    Runtime.getRuntime().availableProcessors(), Runtime.version());
            System.out.println("| path | call | calls/s | p50 ms | p90 ms | p99 ms |");
            System.out.println("| --- | --- | ---: | ---: | ---: | ---: |");
            Identity alice = new Identity("alice@example.com", "alice@example.com", Set.of("support", "engineering"));
            for (Call c : MIX) {
                // warm-up, then the measured run
                pipeline(gateway, alice, c, clients, calls / 3);
                report("pipeline (in-process)", c, pipeline(gateway, alice, c, clients, calls));
            }
            for (Call c : MIX) {
                http(server, token, c, clients, calls / 3);
                report("MCP over HTTP", c, http(server, token, c, clients, calls));
            }
        }
        // the gateway's executors are daemon threads; make sure the JVM ends with the run
        System.exit(0);
    }

    private static Result pipeline(Gateway gateway, Identity who, Call c, int clients, int calls) throws Exception {
        return run(clients, calls, client -> () -> {
            CallOutcome o = gateway.pipeline().handle(new ToolCall(c.tool, c.args, who, "load-" + client, "load"));
            if (o instanceof CallOutcome.Failed f) {
                throw new IllegalStateException(f.toString());
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
                if (r.content().isEmpty()) {
                    throw new IllegalStateException("empty result");
                }
            });
        } finally {
            sessions.forEach(McpSyncClient::close);
        }
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

    private static void report(String path, Call c, Result r) {
        System.out.printf("| %s | %s | %.0f | %.1f | %.1f | %.1f |%n", path, c.label,
                r.latencies.size() / (r.elapsedNanos / 1e9), r.percentile(0.50), r.percentile(0.90), r.percentile(0.99));
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
