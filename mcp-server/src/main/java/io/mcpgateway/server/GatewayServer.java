package io.mcpgateway.server;

import java.util.List;
import java.util.Map;

import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;

import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.RunbookProblem;
import io.mcpgateway.tools.RunbookWatcher;

/**
 * The gateway on Helidon SE: {@code /mcp} (MCP Streamable HTTP behind bearer authentication),
 * the protected-resource metadata, the review page {@code /approvals} and its JSON API
 * {@code /api/approvals}, and {@code /observe/health} and {@code /observe/metrics}.
 */
public final class GatewayServer implements AutoCloseable {

    /** The MCP endpoint path. */
    public static final String MCP_PATH = "/mcp";
    private static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    private final WebServer server;
    private final McpSyncServer mcp;
    private final String baseUrl;
    private final ApprovalEventStream approvalEvents;

    private GatewayServer(WebServer server, McpSyncServer mcp, String baseUrl, ApprovalEventStream approvalEvents) {
        this.server = server;
        this.mcp = mcp;
        this.baseUrl = baseUrl;
        this.approvalEvents = approvalEvents;
    }

    /**
     * Starts the server.
     *
     * @param gateway the gateway
     * @param host    bind address
     * @param port    port, 0 for any free port
     * @return the running server
     */
    public static GatewayServer start(Gateway gateway, String host, int port) {
        GatewayConfig.Server settings = gateway.config().server();
        StreamableHttpTransport transport = StreamableHttpTransport.builder()
                .jsonMapper(gateway.mcpJson())
                .endpoint(MCP_PATH)
                .contextExtractor(req -> req.context().get(Identity.class)
                        .map(id -> McpTransportContext.create(Map.of(McpTools.IDENTITY_KEY, id)))
                        .orElse(McpTransportContext.EMPTY))
                // a session belongs to the subject that opened it; other callers get 404 for its id
                .sessionBinding(ctx -> McpTools.fromContext(ctx).map(Identity::subject).orElse(""))
                .originPolicy(OriginPolicy.builder()
                        .allowedHosts(settings.allowedHosts())
                        .allowedOrigins(settings.allowedOrigins())
                        .build())
                .build();
        McpSyncServer mcp = gateway.mcpServer(McpServer.sync(transport));

        String[] base = new String[1];
        ReviewerAuth reviewers = new ReviewerAuth(gateway.reviewerSessions(), gateway.authenticator(), () -> base[0]);
        ApprovalEventStream approvalEvents = new ApprovalEventStream(gateway.approvals(), reviewers, gateway.json());
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(new BearerAuthFilter(gateway.authenticator(), MCP_PATH,
                        () -> base[0] + METADATA_PATH))
                .get(METADATA_PATH, (req, res) -> res.header(HeaderNames.CONTENT_TYPE, "application/json")
                        .send(gateway.mcpJson().writeValueAsString(Map.of(
                                "resource", base[0] + MCP_PATH,
                                "authorization_servers", List.of(gateway.config().auth().issuer()),
                                "bearer_methods_supported", List.of("header"),
                                "resource_name", "MCP Gateway"))))
                .register(transport)
                .register("/approvals", new ApprovalsPage(gateway.approvals(), reviewers, approvalEvents,
                        gateway.config().auth().mode().equals("embedded")
                                ? "With this gateway's own issuer: ./gateway token --user YOU --groups YOUR-GROUPS" : ""))
                .register("/api/approvals", new ApprovalsApi(gateway.approvals(), reviewers, gateway.json(),
                        gateway::reviewUrl))
                .register("/api/audit", new AuditApi(gateway.auditLog(), gateway.authenticator(),
                        gateway.config().audit().readerGroups(), gateway.json()));

        ObserveFeature observe = ObserveFeature.builder()
                .addObserver(HealthObserver.builder()
                        .details(true)
                        .addCheck(() -> store(gateway), HealthCheckType.READINESS, "store")
                        .addCheck(() -> runbooks(gateway), HealthCheckType.READINESS, "runbooks")
                        .build())
                .addObserver(MetricsObserver.create())
                .build();

        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                // SSE replies are written in several small pieces; without TCP_NODELAY the last one
                // waits for the client's delayed ACK, adding ~40 ms to every tool call
                .connectionOptions(o -> o.tcpNoDelay(true))
                .addFeature(observe)
                .addRouting(routing)
                .build()
                .start();
        String publicUrl = gateway.config().server().publicUrl();
        base[0] = publicUrl.isEmpty() ? "http://" + displayHost(host) + ":" + server.port() : strip(publicUrl);
        gateway.publicBase(base[0]);
        return new GatewayServer(server, mcp, base[0], approvalEvents);
    }

    private static HealthCheckResponse store(Gateway gateway) {
        try (var c = gateway.store().getConnection()) {
            return HealthCheckResponse.builder().status(c.isValid(2)).build();
        } catch (java.sql.SQLException e) {
            return HealthCheckResponse.builder().status(false).detail("error", e.getSQLState()).build();
        }
    }

    /**
     * The runbooks served. Stays UP when an edit is refused: the last good set is still served,
     * and the details say which change was refused and why.
     */
    private static HealthCheckResponse runbooks(Gateway gateway) {
        RunbookWatcher.Status status = gateway.runbookStatus();
        HealthCheckResponse.Builder b = HealthCheckResponse.builder().status(true)
                .detail("tools", status.tools())
                .detail("loadedAt", status.loadedAt().toString())
                .detail("current", status.current());
        if (!status.current()) {
            b.detail("refusedAt", status.failedAt().toString())
                    .detail("problems", String.join("\n",
                            status.problems().stream().map(RunbookProblem::toString).toList()));
        }
        return b.build();
    }

    private static String displayHost(String host) {
        return host.equals("0.0.0.0") || host.equals("127.0.0.1") ? "127.0.0.1" : host;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** @return the port the server listens on */
    public int port() {
        return server.port();
    }

    /** @return the base URL clients use */
    public String baseUrl() {
        return baseUrl;
    }

    /** @return the MCP endpoint URL */
    public String mcpUrl() {
        return baseUrl + MCP_PATH;
    }

    /** @return the MCP server (tool list changes are announced through it) */
    McpSyncServer mcp() {
        return mcp;
    }

    /** @return the review page URL */
    public String approvalsUrl() {
        return baseUrl + "/approvals";
    }

    @Override
    public void close() {
        approvalEvents.close();
        mcp.closeGracefully();
        server.stop();
    }
}
