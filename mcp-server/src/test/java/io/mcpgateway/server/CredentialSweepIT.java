package io.mcpgateway.server;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import io.mcpgateway.connectors.VaultServer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sweeps every output channel of a real gateway process for the credentials it holds.
 *
 * <p>The gateway runs as a child process ({@code gateway stdio} from the packaged jar) with three
 * database connections whose passwords come from each kind of reference: {@code env:},
 * {@code file:} and {@code vault:} (a real TLS secret store whose token is a credential too), and
 * three API connections with a bearer token, a Basic password and an API key from the same three
 * kinds, called on a real local HTTP server that checks the injected credential and then, as a
 * careless API would, echoes it back in JSON, in plain text and in an HTML page, or quotes it in a
 * 401 answer. The database holds every credential in clear, URL-encoded and base64 in a table, so
 * results carry them; a caller passes a password and a token as arguments (to SQL and to a query
 * string); a statement fails with a database message that quotes one; a connection fails its
 * login. Then every channel is read back: tool results (text and structured content), error
 * results, the process's whole log output at debug level, and every row of every table of the
 * audit store. None may contain any credential in any of its forms.
 */
@Timeout(180)
class CredentialSweepIT {

    private static final String ENV_PW = "Env-Pw!7/q+z=K2";
    private static final String FILE_PW = "File Pw&9%x?w#R4";
    private static final String VAULT_PW = "Vault-Pw@3:t;e\"J8";
    private static final String VAULT_TOKEN = "hvs.CAESIGsweepTokenValue42";
    private static final String API_TOKEN = "tok_Bearer-5e1f.9a/Zq+w";
    private static final String API_BASIC_PW = "Basic Pw:1!x~u";
    private static final String API_KEY = "key-7c2b&d8=Q";
    private static final List<String> CREDENTIALS = List.of(ENV_PW, FILE_PW, VAULT_PW, VAULT_TOKEN, API_TOKEN,
            API_BASIC_PW, API_KEY, "svc:" + API_BASIC_PW);

    @TempDir
    Path dir;

    @Test
    void noCredentialReachesResultsErrorsLogsOrAudit() throws Exception {
        Path data = dir.resolve("data");
        Path db = data.resolve("sweep/shop");
        try (VaultServer vault = VaultServer.start(Files.createDirectories(dir.resolve("vault")), VAULT_TOKEN);
             EchoingApi api = EchoingApi.start(API_TOKEN, "svc:" + API_BASIC_PW, API_KEY)) {
            vault.put("sweep/db", Map.of("password", VAULT_PW));
            vault.put("sweep/api", Map.of("key", API_KEY));
            createDatabase(db);
            Path config = writeConfig(db, vault, api.base());
            String token;
            try (Gateway g = Gateway.create(GatewayConfig.load(config, data), Clock.systemUTC())) {
                token = g.issuer().mint("eve@example.com", "eve@example.com", Set.of("support"), Duration.ofMinutes(10));
            }

            List<String> channels = Collections.synchronizedList(new ArrayList<>());
            List<String> stderr = Collections.synchronizedList(new ArrayList<>());
            Path logging = dir.resolve("logging.properties");
            Files.writeString(logging, """
                    handlers=java.util.logging.ConsoleHandler
                    java.util.logging.ConsoleHandler.level=ALL
                    java.util.logging.SimpleFormatter.format=%1$tT %4$s %3$s: %5$s%6$s%n
                    .level=INFO
                    io.mcpgateway.level=ALL
                    com.zaxxer.level=ALL
                    """);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ServerParameters params = ServerParameters.builder(java.toString())
                    .args("-Djava.util.logging.config.file=" + logging, "-jar",
                            Path.of("target", "mcp-gateway.jar").toAbsolutePath().toString(), "stdio",
                            "--config", config.toString(), "--data-dir", data.toString())
                    .env(Map.of("MCP_GATEWAY_TOKEN", token, "SWEEP_DB_PW", ENV_PW, "SWEEP_VAULT_TOKEN", VAULT_TOKEN,
                            "SWEEP_API_TOKEN", API_TOKEN))
                    .build();
            StdioClientTransport transport = new StdioClientTransport(params,
                    new JacksonMcpJsonMapper(JsonMapper.builder().build()));
            transport.setStdErrorHandler(stderr::add);
            int successes = 0;
            try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                    .initializationTimeout(Duration.ofSeconds(90)).build()) {
                client.initialize();
                List<Map<String, Object>> calls = List.of(
                        Map.of("tool", "dump_env"), Map.of("tool", "dump_file"), Map.of("tool", "dump_vault"),
                        Map.of("tool", "find_setting", "label", ENV_PW),
                        Map.of("tool", "find_setting", "label", VAULT_TOKEN),
                        Map.of("tool", "cast_setting", "label", "file-plain"),
                        Map.of("tool", "dump_wrong_password"),
                        Map.of("tool", "api_bearer_json"), Map.of("tool", "api_basic_text"),
                        Map.of("tool", "api_key_page"), Map.of("tool", "api_basic_rejected"),
                        Map.of("tool", "api_bearer_search", "q", API_TOKEN));
                for (Map<String, Object> c : calls) {
                    Map<String, Object> args = new java.util.LinkedHashMap<>(c);
                    String tool = (String) args.remove("tool");
                    McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, args));
                    successes += Boolean.TRUE.equals(r.isError()) ? 0 : 1;
                    channels.add("result " + tool + ": " + r.content() + " " + r.structuredContent());
                }
            }
            transport.awaitForExit();
            channels.add("stderr: " + String.join("\n", stderr));
            channels.add("audit: " + dumpStore(data));

            // the calls that should succeed did (the API's 401 is an error result), so the sweep
            // looked at real data, and the API saw the right credential on each of its five calls
            assertEquals(9, successes, String.join("\n", channels));
            assertEquals(List.of("bearer /api/echo.json", "basic /api/echo.txt", "api-key /api/page.html",
                    "basic /api/reject", "bearer /api/echo.json"), api.authenticated(), String.join("\n", channels));
            List<String> leaks = new ArrayList<>();
            for (String channel : channels) {
                for (String credential : CREDENTIALS) {
                    for (String form : List.of(credential, URLEncoder.encode(credential, StandardCharsets.UTF_8),
                            Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8)),
                            credential.replace("\\", "\\\\").replace("\"", "\\\""),
                            credential.replace("&", "&amp;").replace("\"", "&quot;"))) {
                        if (channel.contains(form)) {
                            leaks.add(channel.substring(0, Math.min(60, channel.length())) + "... contains " + form);
                        }
                    }
                }
            }
            assertEquals(List.of(), leaks);
        }
    }

    /** The shop database: three readers with the three passwords, and a table that holds them. */
    private static void createDatabase(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + db, "owner", "owner-pw");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE settings (label VARCHAR(100), setting_value VARCHAR(500))");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO settings VALUES (?, ?)")) {
                for (Map.Entry<String, String> e : Map.of("env", ENV_PW, "file", FILE_PW, "vault", VAULT_PW,
                        "token", VAULT_TOKEN, "bearer", API_TOKEN, "basic", API_BASIC_PW, "api-key", API_KEY,
                        "basic-pair", "svc:" + API_BASIC_PW).entrySet()) {
                    String v = e.getValue();
                    insert(ps, e.getKey() + "-plain", v);
                    insert(ps, e.getKey() + "-url", URLEncoder.encode(v, StandardCharsets.UTF_8));
                    insert(ps, e.getKey() + "-base64", Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
                    insert(ps, e.getKey() + "-embedded", "jdbc:postgresql://db/shop?user=app&password=" + v + "&ssl=true");
                }
            }
            for (Map.Entry<String, String> e : Map.of("READER_ENV", ENV_PW, "READER_FILE", FILE_PW,
                    "READER_VAULT", VAULT_PW).entrySet()) {
                s.execute("CREATE USER " + e.getKey() + " PASSWORD '" + e.getValue() + "'");
                s.execute("GRANT SELECT ON settings TO " + e.getKey());
            }
        }
    }

    private static void insert(PreparedStatement ps, String label, String value) throws Exception {
        ps.setString(1, label);
        ps.setString(2, value);
        ps.executeUpdate();
    }

    private Path writeConfig(Path db, VaultServer vault, String apiBase) throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("file_pw"), FILE_PW + "\n");
        Files.writeString(secrets.resolve("wrong_pw"), "Wrong-Pw-0000\n");
        Files.writeString(secrets.resolve("api_pw"), API_BASIC_PW);
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        StringBuilder tools = new StringBuilder("tools:\n");
        for (String kind : List.of("env", "file", "vault", "wrong_password")) {
            tools.append("""
                      - name: dump_%1$s
                        description: Every setting, read through the %1$s connection.
                        connection: db-%1$s
                        groups: [support]
                        sql: SELECT label, setting_value FROM settings ORDER BY label
                    """.formatted(kind));
        }
        tools.append("""
                  - name: find_setting
                    description: One setting by label.
                    connection: db-env
                    groups: [support]
                    parameters:
                      label: { type: string, max-length: 100 }
                    sql: SELECT label, setting_value FROM settings WHERE label = :label
                  - name: cast_setting
                    description: A setting as a number (fails for text, quoting the value in the database's error).
                    connection: db-file
                    groups: [support]
                    parameters:
                      label: { type: string, max-length: 100 }
                    sql: SELECT CAST(setting_value AS INT) AS n FROM settings WHERE label = :label
                """);
        for (String[] t : new String[][] {{"api_bearer_json", "api-bearer", "/echo.json"},
                {"api_basic_text", "api-basic", "/echo.txt"}, {"api_key_page", "api-key", "/page.html"},
                {"api_basic_rejected", "api-basic", "/reject"}}) {
            tools.append("""
                      - name: %1$s
                        description: What the API answers on %3$s.
                        connection: %2$s
                        groups: [support]
                        http:
                          method: GET
                          path: %3$s
                    """.formatted(t[0], t[1], t[2]));
        }
        tools.append("""
                  - name: api_bearer_search
                    description: A search whose term the API echoes back.
                    connection: api-bearer
                    groups: [support]
                    parameters:
                      q: { type: string, max-length: 100 }
                    http:
                      method: GET
                      path: /echo.json
                      query:
                        q: "{q}"
                """);
        Files.writeString(runbooks.resolve("sweep.yaml"), tools);
        String url = "jdbc:h2:file:" + db;
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, """
                tools-dir: runbooks
                connections:
                  db-env:
                    url: %1$s
                    user: reader_env
                    credential: env:SWEEP_DB_PW
                    risk: read-only
                  db-file:
                    url: %1$s
                    user: reader_file
                    credential: file:%2$s
                    risk: read-only
                  db-vault:
                    url: %1$s
                    user: reader_vault
                    credential: vault:sweep/db#password
                    risk: read-only
                  db-wrong_password:
                    url: %1$s
                    user: reader_file
                    credential: file:%3$s
                    risk: read-only
                  api-bearer:
                    kind: http
                    url: %7$s
                    credential: env:SWEEP_API_TOKEN
                    risk: read-only
                    auth: bearer
                    allowed-networks: [127.0.0.1/32]
                  api-basic:
                    kind: http
                    url: %7$s
                    user: svc
                    credential: file:%6$s
                    risk: read-only
                    auth: basic
                    allowed-networks: [127.0.0.1/32]
                  api-key:
                    kind: http
                    url: %7$s
                    credential: vault:sweep/api#key
                    risk: read-only
                    auth: api-key
                    allowed-networks: [127.0.0.1/32]
                credentials:
                  vault:
                    address: %4$s
                    ca-file: %5$s
                    token-env: SWEEP_VAULT_TOKEN
                """.formatted(url, secrets.resolve("file_pw"), secrets.resolve("wrong_pw"), vault.address(),
                vault.caFile(), secrets.resolve("api_pw"), apiBase));
        return config;
    }

    /** Every column of every row of every table of the gateway's store, as text. */
    private static String dumpStore(Path data) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("gateway/store"), "gateway", "");
             Statement s = c.createStatement();
             ResultSet tables = s.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
                     + "WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            for (String table : names) {
                try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            out.append(rs.getString(i)).append('|');
                        }
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }
}
