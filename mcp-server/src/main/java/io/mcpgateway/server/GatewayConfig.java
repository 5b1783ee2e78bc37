package io.mcpgateway.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.RiskLevel;
import io.mcpgateway.tools.RunbookLoader;

/**
 * The gateway's whole configuration, read from one YAML file (the demo's is
 * {@code examples/claude-config/gateway.yaml}).
 *
 * <p>{@code ${data-dir}} anywhere in a value is replaced with the absolute data directory given on
 * the command line; relative file paths are resolved against the configuration file's folder.
 * Defaults are fail-closed: loopback only, tokens required, plaintext credentials refused.
 *
 * @param file        the configuration file
 * @param dataDir     data directory (embedded store, keys, demo data)
 * @param raw         the parsed configuration (for sections read by feature modules, e.g. masking)
 * @param server      listener settings
 * @param auth        token settings
 * @param store       the JDBC store for approvals and audit
 * @param audit       audit settings
 * @param toolsDir    runbook directory
 * @param connections connections by name
 * @param policy      policy settings
 * @param demo        demo users (used by {@code ./gateway demo} only)
 * @param allowPlaintextCredentials whether credentials may be written in clear (demo only)
 * @param toolsReload  how runbook edits are picked up while running
 */
public record GatewayConfig(Path file,
                            Path dataDir,
                            Config raw,
                            Server server,
                            Auth auth,
                            Store store,
                            Audit audit,
                            Path toolsDir,
                            Map<String, ConnectionDefinition> connections,
                            Policy policy,
                            Demo demo,
                            boolean allowPlaintextCredentials,
                            ToolsReload toolsReload) {

    /**
     * Reads a configuration file.
     *
     * @param file    YAML file
     * @param dataDir data directory
     * @return the configuration
     * @throws IllegalArgumentException naming the key and value for any invalid setting
     */
    public static GatewayConfig load(Path file, Path dataDir) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new IllegalArgumentException("Configuration file " + abs + " does not exist");
        }
        Path data = dataDir.toAbsolutePath().normalize();
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("data-dir", data.toString())))
                .addSource(ConfigSources.file(abs))
                .build();
        return create(config, abs, data);
    }

    /**
     * Builds the configuration from a Helidon config tree.
     *
     * @param config  config root
     * @param file    the file it came from (relative paths resolve against its folder)
     * @param dataDir absolute data directory
     * @return the configuration
     */
    static GatewayConfig create(Config config, Path file, Path dataDir) {
        Path base = file.getParent();
        Config s = config.get("server");
        Server server = new Server(
                s.get("host").asString().orElse("127.0.0.1"),
                s.get("port").asInt().orElse(8080),
                s.get("public-url").asString().orElse(""),
                s.get("allowed-hosts").asList(String.class).orElse(List.of()),
                s.get("allowed-origins").asList(String.class).orElse(List.of()));
        if (server.port() < 0 || server.port() > 65535) {
            throw new IllegalArgumentException("server.port must be 0..65535, got " + server.port());
        }

        Config a = config.get("auth");
        String mode = a.get("mode").asString().orElse("embedded");
        if (!mode.equals("embedded") && !mode.equals("oidc")) {
            throw new IllegalArgumentException("auth.mode must be embedded or oidc, got '" + mode + "'");
        }
        Auth auth = new Auth(mode,
                a.get("issuer").asString().orElse("mcp-gateway-local"),
                a.get("audience").asString().orElse("mcp-gateway"),
                a.get("groups-claim").asString().orElse("groups"),
                a.get("email-claim").asString().orElse("email"),
                duration(a.get("token-ttl").asString().orElse("8h"), "auth.token-ttl"),
                a.get("jwks-url").asString().orElse(""));
        if (mode.equals("oidc") && auth.jwksUrl().isEmpty()) {
            throw new IllegalArgumentException("auth.jwks-url is required when auth.mode is oidc");
        }

        Config st = config.get("store");
        Store store = new Store(
                st.get("url").asString().orElse("jdbc:h2:file:" + dataDir.resolve("gateway/store")
                        + ";DB_CLOSE_ON_EXIT=FALSE"),
                st.get("user").asString().orElse("gateway"),
                st.get("password").asString().orElse(""));

        Config au = config.get("audit");
        String enforcement = au.get("enforcement").asString().orElse("enforce");
        if (!enforcement.equals("enforce") && !enforcement.equals("dry-run")) {
            throw new IllegalArgumentException("audit.enforcement must be enforce or dry-run, got '" + enforcement + "'");
        }
        Audit audit = new Audit(au.get("chain-id").asString().orElse("local"), enforcement,
                Set.copyOf(au.get("reader-groups").asList(String.class).orElse(List.of("auditors"))));

        Path toolsDir = base.resolve(config.get("tools-dir").asString().orElse("runbooks")).normalize();

        boolean plaintext = config.get("credentials.allow-plaintext").asBoolean().orElse(false);
        Map<String, ConnectionDefinition> connections = new LinkedHashMap<>();
        for (Config c : config.get("connections").asNodeList().orElse(List.of())) {
            connections.put(c.name(), connection(c, plaintext));
        }
        if (!plaintext && !st.get("password").asString().orElse("").isEmpty()) {
            credentialReference("store.password", st.get("password").asString().get());
        }

        Config p = config.get("policy");
        Policy policy = new Policy(
                Set.copyOf(p.get("approver-groups").asList(String.class).orElse(List.of("approvers"))),
                duration(p.get("approval-ttl").asString().orElse("1h"), "policy.approval-ttl"));

        Config d = config.get("demo");
        Demo demo = new Demo(
                d.get("user").asString().orElse("alice@example.com"),
                Set.copyOf(d.get("groups").asList(String.class).orElse(List.of())),
                d.get("reviewer").asString().orElse("bob@example.com"),
                Set.copyOf(d.get("reviewer-groups").asList(String.class).orElse(List.of())));

        Config r = config.get("tools-reload");
        ToolsReload reload = new ToolsReload(r.get("enabled").asBoolean().orElse(true),
                duration(r.get("debounce").asString().orElse("300ms"), "tools-reload.debounce"),
                duration(r.get("poll-interval").asString().orElse("10s"), "tools-reload.poll-interval"));
        return new GatewayConfig(file, dataDir, config, server, auth, store, audit, toolsDir,
                connections, policy, demo, plaintext, reload);
    }

    /** Credential reference schemes: the environment, a file, or a secret manager. */
    private static final java.util.regex.Pattern REFERENCE =
            java.util.regex.Pattern.compile("(env|file|vault|aws-sm|gcp-sm|azure-kv):\\S.*");

    /**
     * Refuses a credential written in clear, naming the key (never the value).
     *
     * @param key   config key
     * @param value configured value
     */
    private static void credentialReference(String key, String value) {
        if (!REFERENCE.matcher(value).matches()) {
            throw new IllegalArgumentException(key + " holds a credential in clear; write a reference instead: "
                    + "env:NAME, file:PATH or a secret manager (vault:PATH#KEY). Only a demo may set "
                    + "credentials.allow-plaintext: true");
        }
    }

    private static ConnectionDefinition connection(Config c, boolean plaintext) {
        Map<String, String> options = new LinkedHashMap<>();
        for (Config o : c.asNodeList().orElse(List.of())) {
            if (Set.of("kind", "url", "user", "credential", "risk").contains(o.name())) {
                continue;
            }
            if (o.isLeaf()) {
                options.put(o.name(), o.asString().orElse(""));
            } else if (o.type() == Config.Type.LIST) {
                // lists (allowed-hosts, allowed-networks, roots) reach connectors comma-separated
                options.put(o.name(), String.join(",", o.asList(String.class).orElse(List.of())));
            }
        }
        String url = c.get("url").asString()
                .orElseThrow(() -> new IllegalArgumentException("connections." + c.name() + ".url is required"));
        RiskLevel risk = RiskLevel.parse(c.get("risk").asString().orElseThrow(() -> new IllegalArgumentException(
                "connections." + c.name() + ".risk is required (read-only, write or admin)")));
        String credential = c.get("credential").asString().orElse("");
        if (!plaintext && !credential.isEmpty()) {
            credentialReference("connections." + c.name() + ".credential", credential);
        }
        return new ConnectionDefinition(c.name(), c.get("kind").asString().orElse("jdbc"), url,
                c.get("user").asString().orElse(""), credential, risk, options);
    }

    private static Duration duration(String value, String key) {
        try {
            return RunbookLoader.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    /**
     * Listener settings.
     *
     * @param host           bind address; loopback by default
     * @param port           port, 0 for any free port
     * @param publicUrl      base URL clients use, when behind a proxy
     * @param allowedHosts   extra Host names accepted (besides loopback names)
     * @param allowedOrigins extra Origins accepted
     */
    public record Server(String host, int port, String publicUrl, List<String> allowedHosts,
                         List<String> allowedOrigins) {
    }

    /**
     * Token settings.
     *
     * @param mode        {@code embedded} (local signing key) or {@code oidc}
     * @param issuer      expected issuer
     * @param audience    expected audience
     * @param groupsClaim claim holding the groups
     * @param emailClaim  claim holding the e-mail
     * @param tokenTtl    lifetime of tokens minted by {@code gateway token}
     * @param jwksUrl     the IdP's JWKS URL (oidc)
     */
    public record Auth(String mode, String issuer, String audience, String groupsClaim, String emailClaim,
                       Duration tokenTtl, String jwksUrl) {
    }

    /**
     * The JDBC store for approvals and audit.
     *
     * @param url      JDBC URL
     * @param user     user
     * @param password credential reference or (embedded H2) empty
     */
    public record Store(String url, String user, String password) {
    }

    /**
     * Audit settings.
     *
     * @param chainId      this instance's chain id
     * @param enforcement  {@code enforce} or {@code dry-run}, recorded in every row
     * @param readerGroups groups allowed to read the trail through {@code /api/audit}
     */
    public record Audit(String chainId, String enforcement, Set<String> readerGroups) {
    }

    /**
     * Policy settings.
     *
     * @param approverGroups groups that review approvals the risk levels ask for
     * @param approvalTtl    how long an approval stays usable
     */
    public record Policy(Set<String> approverGroups, Duration approvalTtl) {
    }

    /**
     * How runbook edits are picked up while the gateway runs.
     *
     * @param enabled      whether the tools directory is watched
     * @param debounce     quiet time after a burst of file events before reading
     * @param pollInterval how often the directory is checked without a file event
     */
    public record ToolsReload(boolean enabled, Duration debounce, Duration pollInterval) {
    }

    /**
     * Demo users.
     *
     * @param user           the demo user
     * @param groups         its groups
     * @param reviewer       the demo reviewer
     * @param reviewerGroups its groups
     */
    public record Demo(String user, Set<String> groups, String reviewer, Set<String> reviewerGroups) {
    }
}
