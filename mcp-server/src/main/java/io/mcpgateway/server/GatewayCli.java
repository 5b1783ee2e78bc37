package io.mcpgateway.server;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.helidon.logging.common.LogConfig;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.RunbookException;
import io.mcpgateway.tools.RunbookLoader;

/**
 * The {@code gateway} command line (DESIGN.md, "The CLI contract").
 */
@Command(name = "gateway", mixinStandardHelpOptions = true, version = Gateway.NAME + " " + Gateway.VERSION,
        description = "A governed tool gateway for AI coding agents.",
        subcommands = {GatewayCli.Demo.class, GatewayCli.Serve.class, GatewayCli.Stdio.class, GatewayCli.Token.class,
                RunbooksCommand.class, AuditCommand.class, PolicyCommand.class, MaskCommand.class})
public final class GatewayCli implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line.
     *
     * @param args arguments
     */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns its exit code (tests call this).
     *
     * @param args arguments
     * @return exit code
     */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new GatewayCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // configuration and runbook mistakes are the user's to fix: say what, not a stack trace
            if (e instanceof IllegalArgumentException || e instanceof RunbookException
                    || e instanceof IllegalStateException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code gateway demo}: demo data, sample runbooks, a dev token and the registration line. */
    @Command(name = "demo", description = "Run the demo: embedded H2 data, sample runbooks, printed token.")
    static final class Demo implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Option(names = "--port", description = "Port (default: the config's, 8080)")
        Integer port;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            GatewayConfig config = options.load();
            boolean created = DemoDatabase.ensure(config);
            // the demo's API and log files, the systems its http and logs tools reach
            DemoLogFiles.write(config, Clock.systemUTC());
            AutoCloseable api = startDemoApi(config);
            Gateway gateway = Gateway.create(config, Clock.systemUTC());
            GatewayServer server = startOrClose(gateway, port != null ? port : config.server().port());
            {
                GatewayConfig.Demo demo = config.demo();
                String token = gateway.issuer().mint(demo.user(), demo.user(), demo.groups(), config.auth().tokenTtl());
                String reviewerToken = gateway.issuer().mint(demo.reviewer(), demo.reviewer(), demo.reviewerGroups(),
                        config.auth().tokenTtl());
                PrintWriter out = spec.commandLine().getOut();
                out.println();
                out.println("MCP Gateway demo is running" + (created ? " (demo database created)" : ""));
                out.println();
                out.println("  MCP endpoint:   " + server.mcpUrl());
                out.println("  Tools:          " + String.join(", ", gateway.runbooks().tools().keySet()));
                out.println("  Health:         " + server.baseUrl() + "/observe/health");
                out.println();
                out.println("Demo user " + demo.user() + " (groups " + String.join(",", demo.groups())
                        + "), token valid " + config.auth().tokenTtl().toHours() + " h:");
                out.println();
                out.println("  export MCP_GATEWAY_TOKEN=" + token);
                out.println();
                out.println("Register it in Claude Code:");
                out.println();
                out.println("  claude mcp add --transport http mcp-gateway " + server.mcpUrl()
                        + " --header \"Authorization: Bearer " + token + "\"");
                out.println();
                out.println("Review approvals as demo reviewer " + demo.reviewer() + " (groups "
                        + String.join(",", demo.reviewerGroups()) + "):");
                out.println();
                out.println("  1. open " + server.approvalsUrl());
                out.println("  2. paste this token into the sign-in form:");
                out.println();
                out.println("     " + reviewerToken);
                out.println();
                out.println("  Destructive statements need two different reviewers; mint a second one with");
                out.println("  ./gateway token --user carol@example.com --groups " + String.join(",", demo.reviewerGroups()));
                out.println();
                out.println("Press Ctrl-C to stop.");
                out.flush();
            }
            serveUntilShutdown(server, gateway, api);
            return 0;
        }

        private static AutoCloseable startDemoApi(GatewayConfig config) {
            try {
                return DemoStatusApi.start(config).<AutoCloseable>map(a -> a).orElse(() -> { });
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Cannot start the demo API: " + e.getMessage(), e);
            }
        }
    }

    /** {@code gateway serve}: production start. */
    @Command(name = "serve", description = "Start the gateway with a configuration file.")
    static final class Serve implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            GatewayConfig config = options.load();
            Gateway gateway = Gateway.create(config, Clock.systemUTC());
            GatewayServer server = startOrClose(gateway, config.server().port());
            spec.commandLine().getOut().println("MCP Gateway serving " + server.mcpUrl());
            spec.commandLine().getOut().flush();
            serveUntilShutdown(server, gateway);
            return 0;
        }
    }

    /**
     * Standard output carries the MCP messages in stdio mode, so a log line written there would
     * corrupt the protocol: every console handler that writes to standard output is replaced by
     * one writing to standard error, at the same level.
     */
    private static void logToStandardError() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Level level = java.util.logging.Level.ALL;
        boolean replaced = false;
        for (java.util.logging.Handler h : root.getHandlers()) {
            if (h instanceof java.util.logging.StreamHandler && !(h instanceof java.util.logging.ConsoleHandler)) {
                level = h.getLevel();
                root.removeHandler(h);
                replaced = true;
            }
        }
        if (replaced) {
            java.util.logging.ConsoleHandler err = new java.util.logging.ConsoleHandler();
            err.setLevel(level);
            root.addHandler(err);
        }
    }

    /** {@code gateway stdio}: MCP over stdin/stdout for one local user. */
    @Command(name = "stdio", description = "Serve MCP over stdin/stdout for one local user; the caller's token "
            + "comes from the MCP_GATEWAY_TOKEN environment variable.")
    static final class Stdio implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            logToStandardError();
            GatewayConfig config = options.load();
            String token = System.getenv("MCP_GATEWAY_TOKEN");
            if (token == null || token.isBlank()) {
                spec.commandLine().getErr().println("error: set MCP_GATEWAY_TOKEN to a token "
                        + "(./gateway token --user U --groups G)");
                return 2;
            }
            Gateway gateway = Gateway.create(config, Clock.systemUTC());
            Identity identity;
            try {
                identity = gateway.authenticator().verify(token.strip());
            } catch (AuthenticationException e) {
                gateway.close();
                spec.commandLine().getErr().println("error: MCP_GATEWAY_TOKEN: " + e.getMessage());
                return 2;
            }
            // stdout carries the protocol; nothing else may be printed to it
            McpSyncServer server = gateway.mcpServer(
                    McpServer.sync(new StdioServerTransportProvider(gateway.mcpJson())),
                    ctx -> Optional.of(identity));
            serveUntilShutdown(server::closeGracefully, gateway);
            return 0;
        }
    }

    /** {@code gateway token}: mint a dev token with the embedded issuer. */
    @Command(name = "token", description = "Mint a token with the embedded issuer (development only).")
    static final class Token implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Option(names = "--user", required = true, description = "Subject (user id)")
        String user;
        @Option(names = "--groups", split = ",", description = "Groups, comma-separated")
        List<String> groups = List.of();
        @Option(names = "--email", description = "E-mail claim (default: the user when it looks like one)")
        String email;
        @Option(names = "--ttl", defaultValue = "8h", description = "Lifetime, e.g. 30m, 8h (default 8h)")
        String ttl;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            GatewayConfig config = options.load();
            if (!config.auth().mode().equals("embedded")) {
                spec.commandLine().getErr().println("error: tokens are minted only with auth.mode: embedded; "
                        + "this configuration uses " + config.auth().mode() + " (get tokens from your IdP)");
                return 2;
            }
            Duration lifetime = RunbookLoader.parseDuration(ttl);
            Set<String> groupSet = new LinkedHashSet<>(groups);
            String mail = email != null ? email : (user.contains("@") ? user : "");
            LocalTokenIssuer issuer = LocalTokenIssuer.create(config.dataDir(), config.auth().issuer(),
                    config.auth().audience(), Clock.systemUTC());
            spec.commandLine().getOut().println(issuer.mint(user, mail, groupSet, lifetime));
            return 0;
        }
    }

    private static GatewayServer startOrClose(Gateway gateway, int port) {
        try {
            return GatewayServer.start(gateway, gateway.config().server().host(), port);
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    /** Blocks until the process is asked to stop, then closes the resources in order. */
    private static void serveUntilShutdown(AutoCloseable... resources) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception e) {
                    System.getLogger(GatewayCli.class.getName()).log(System.Logger.Level.WARNING, "Close failed", e);
                }
            }
            closed.countDown();
        }, "gateway-shutdown"));
        closed.await();
    }
}
