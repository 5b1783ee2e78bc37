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

/**
 * The gateway on Helidon SE: {@code /mcp} (MCP Streamable HTTP behind bearer authentication),
 * the protected-resource metadata, and {@code /observe/health} and {@code /observe/metrics}.
 */
public final class GatewayServer implements AutoCloseable {

    /** The MCP endpoint path. */
    public static final String MCP_PATH = "/mcp";
    private static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    private final WebServer server;
    private final McpSyncServer mcp;
    private final String baseUrl;

    private GatewayServer(WebServer server, McpSyncServer mcp, String baseUrl) {
        this.server = server;
        this.mcp = mcp;
        this.baseUrl = baseUrl;
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
                .sessionOwner(ctx -> McpTools.fromContext(ctx).map(Identity::subject).orElse(""))
                .originPolicy(OriginPolicy.builder()
                        .addAllowedHosts(settings.allowedHosts())
                        .addAllowedOrigins(settings.allowedOrigins())
                        .build())
                .build();
        McpSyncServer mcp = gateway.mcpServer(McpServer.sync(transport));

        String[] base = new String[1];
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
                .register("/api/audit", new AuditApi(gateway.auditLog(), gateway.authenticator(),
                        gateway.config().audit().readerGroups(), gateway.json()));

        ObserveFeature observe = ObserveFeature.builder()
                .addObserver(HealthObserver.builder()
                        .details(true)
                        .addCheck(() -> store(gateway), HealthCheckType.READINESS, "store")
                        .build())
                .addObserver(MetricsObserver.create())
                .build();

        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .addFeature(observe)
                .addRouting(routing)
                .build()
                .start();
        String publicUrl = gateway.config().server().publicUrl();
        base[0] = publicUrl.isEmpty() ? "http://" + displayHost(host) + ":" + server.port() : strip(publicUrl);
        return new GatewayServer(server, mcp, base[0]);
    }

    private static HealthCheckResponse store(Gateway gateway) {
        try (var c = gateway.store().getConnection()) {
            return HealthCheckResponse.builder().status(c.isValid(2)).build();
        } catch (java.sql.SQLException e) {
            return HealthCheckResponse.builder().status(false).detail("error", e.getSQLState()).build();
        }
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

    @Override
    public void close() {
        mcp.closeGracefully();
        server.stop();
    }
}
