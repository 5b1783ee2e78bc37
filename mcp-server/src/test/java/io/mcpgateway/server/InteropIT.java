package io.mcpgateway.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The demo gateway against MCP clients we did not write: the official conformance suite, the
 * MCP Inspector CLI and Claude Code. The Node packages come from {@code src/test/interop}
 * ({@code install.sh}); without them these tests skip, unless {@code gateway.require.interop}
 * is true (CI), where their absence fails the build.
 */
@Timeout(300)
class InteropIT {

    private static final Path INTEROP = Path.of("src", "test", "interop").toAbsolutePath();
    private static final Path BIN = INTEROP.resolve("node_modules").resolve(".bin");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static DemoFixture fixture;
    private static Gateway gateway;
    private static GatewayServer server;
    private static String token;

    @BeforeAll
    static void start() {
        if (!Files.isExecutable(BIN.resolve("node"))) {
            if (Boolean.getBoolean("gateway.require.interop")) {
                fail("Interop clients are required but not installed: run " + INTEROP.resolve("install.sh"));
            }
            Assumptions.abort("Interop clients not installed; run " + INTEROP.resolve("install.sh") + " to enable");
        }
        fixture = DemoFixture.create();
        gateway = fixture.gateway();
        server = GatewayServer.start(gateway, "127.0.0.1", 0);
        token = gateway.issuer().mint("alice@example.com", "alice@example.com", Set.of("support", "engineering"),
                Duration.ofMinutes(30));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
            gateway.close();
            fixture.close();
        }
    }

    /**
     * The conformance suite's generic server scenarios (those that need none of its own
     * {@code test_*} fixture tools). The suite cannot send headers, so it talks to a loopback proxy
     * that adds the bearer token and forwards everything else unchanged.
     */
    @ParameterizedTest
    @ValueSource(strings = {"server-initialize", "ping", "tools-list", "server-sse-multiple-streams",
            "dns-rebinding-protection"})
    void conformanceScenarioPasses(String scenario, @TempDir Path out) throws Exception {
        try (BearerInjectingProxy proxy = new BearerInjectingProxy(server.port(), token)) {
            Result r = run(INTEROP, Map.of(), node(), BIN.resolve("conformance").toString(), "server",
                    "--url", "http://127.0.0.1:" + proxy.port() + "/mcp", "--scenario", scenario,
                    "-o", out.toString());
            List<JsonNode> checks = checks(out);
            List<String> failed = new ArrayList<>();
            for (JsonNode c : checks) {
                if (!c.path("status").asString().equals("SUCCESS") && !c.path("status").asString().equals("INFO")) {
                    failed.add(c.path("id").asString() + "=" + c.path("status").asString() + " "
                            + c.path("errorMessage").asString(""));
                }
            }
            assertTrue(!checks.isEmpty(), "no checks reported:\n" + r.toString());
            assertEquals(List.of(), failed, r.toString());
            assertEquals(0, r.exit, r.toString());
        }
    }

    @Test
    void inspectorCliListsToolsAndCallsOneWithMaskedResult() throws Exception {
        Result list = run(INTEROP, Map.of(), node(), BIN.resolve("mcp-inspector").toString(), "--cli",
                server.mcpUrl(), "--transport", "http", "--header", "Authorization: Bearer " + token,
                "--method", "tools/list");
        assertEquals(0, list.exit, list.toString());
        JsonNode tools = JSON.readTree(list.output.substring(list.output.indexOf('{'))).path("tools");
        List<String> names = new ArrayList<>();
        tools.forEach(t -> names.add(t.path("name").asString()));
        assertTrue(names.contains("search_customers_by_name"), names.toString());

        Result call = run(INTEROP, Map.of(), node(), BIN.resolve("mcp-inspector").toString(), "--cli",
                server.mcpUrl(), "--transport", "http", "--header", "Authorization: Bearer " + token,
                "--method", "tools/call", "--tool-name", "search_customers_by_name", "--tool-arg", "name_pattern=%a%");
        assertEquals(0, call.exit, call.toString());
        JsonNode result = JSON.readTree(call.output.substring(call.output.indexOf('{')));
        String text = result.path("content").get(0).path("text").asString();
        assertTrue(text.contains("[EMAIL]"), text);
        assertTrue(!text.matches("(?s).*[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[a-z]{2,}.*"), text);
    }

    @Test
    void claudeCodeRegistersTheGatewayAndConnects(@TempDir Path home) throws Exception {
        Map<String, String> env = Map.of("HOME", home.toString(), "CLAUDE_CONFIG_DIR", home.resolve(".claude").toString());
        Result add = run(home, env, claude(), "mcp", "add", "--transport", "http",
                "mcp-gateway", server.mcpUrl(), "--header", "Authorization: Bearer " + token);
        assertEquals(0, add.exit, add.toString());
        Result list = run(home, env, claude(), "mcp", "list");
        assertEquals(0, list.exit, list.toString());
        assertTrue(list.output.contains("mcp-gateway: " + server.mcpUrl() + " (HTTP) - ✔ Connected"), list.toString());

        Result bad = run(home, env, claude(), "mcp", "add", "--transport", "http",
                "no-token", server.mcpUrl());
        assertEquals(0, bad.exit, bad.output);
        Result list2 = run(home, env, claude(), "mcp", "get", "no-token");
        assertTrue(!list2.output.contains("✔ Connected"), "a server without token must not connect:\n" + list2.output);
    }

    /** Claude Code ships a native executable; it needs no Node. */
    private static String claude() {
        return BIN.resolve("claude").toString();
    }

    private static String node() {
        return BIN.resolve("node").toString();
    }

    private static List<JsonNode> checks(Path out) throws IOException {
        List<JsonNode> checks = new ArrayList<>();
        try (var files = Files.walk(out)) {
            for (Path p : files.filter(f -> f.getFileName().toString().equals("checks.json")).toList()) {
                JSON.readTree(p.toFile()).forEach(checks::add);
            }
        }
        return checks;
    }

    /**
     * A finished command.
     *
     * @param exit   exit code
     * @param output standard output only (parsed as JSON by some tests)
     * @param errors standard error
     */
    private record Result(int exit, String output, String errors) {
        @Override
        public String toString() {
            return output + "\n[stderr]\n" + errors;
        }
    }

    private static Result run(Path dir, Map<String, String> env, String... command) throws Exception {
        Path errors = Files.createTempFile("interop", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.to(errors.toFile()));
        pb.environment().putAll(env);
        pb.environment().put("PATH", BIN + ":" + System.getenv("PATH"));
        pb.environment().put("NO_COLOR", "1");
        pb.environment().put("CI", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + String.join(" ", command));
        }
        String err = Files.readString(errors);
        Files.delete(errors);
        return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8), err);
    }
}
