package io.mcpgateway.connectors;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.GatewayException;
import io.mcpgateway.tools.RiskLevel;
import io.mcpgateway.tools.ToolResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Credentials from a real KV v2 secret store over TLS.
 */
@Timeout(60)
class VaultSecretProviderIT {

    private static final String TOKEN = "hvs.CAESIJ7testtokenvalue0001";

    @TempDir
    static Path dir;
    private static VaultServer vault;
    private final MutableClock clock = new MutableClock();

    @BeforeAll
    static void start() throws Exception {
        // one store for the class: generating its certificate takes a few seconds
        vault = VaultServer.start(dir, TOKEN);
    }

    @BeforeEach
    void reset() {
        vault.reset();
        vault.put("shop/db", Map.of("password", "s3cr3t-Pa55w0rd!", "user", "reader"));
    }

    @AfterAll
    static void stop() {
        vault.close();
    }

    private VaultSecretProvider.Builder provider() {
        return VaultSecretProvider.builder().address(URI.create(vault.address())).caFile(vault.caFile())
                .environment(Map.of("VAULT_TOKEN", TOKEN)::get).clock(clock);
    }

    @Test
    void readsAFieldOverTlsAndScrubsTheTokenToo() {
        SecretResolver secrets = SecretResolver.builder().addProvider(provider().build()).build();
        assertEquals("s3cr3t-Pa55w0rd!", secrets.resolve("vault:shop/db#password"));
        assertEquals(Set.of("s3cr3t-Pa55w0rd!", TOKEN), secrets.liveSecrets());
    }

    @Test
    void readsItsSettingsFromTheCredentialsSection() {
        Config config = Config.just(ConfigSources.create(Map.of(
                "credentials.vault.address", vault.address(),
                "credentials.vault.ca-file", vault.caFile().toString(),
                "credentials.vault.token-env", "GW_VAULT_TOKEN",
                "credentials.vault.cache-ttl", "30s")));
        SecretResolver secrets = SecretResolver.builder().environment(Map.of("GW_VAULT_TOKEN", TOKEN)::get)
                .config(config.get("credentials")).build();
        assertEquals("reader", secrets.resolve("vault:shop/db#user"));
    }

    @Test
    void cachesForTheTtlAndRefetchesWhenInvalidatedOrExpired() {
        SecretResolver secrets = SecretResolver.builder().addProvider(provider().cacheTtl(Duration.ofSeconds(60)).build())
                .build();
        secrets.resolve("vault:shop/db#password");
        secrets.resolve("vault:shop/db#user");
        assertEquals(1, vault.reads());
        vault.put("shop/db", Map.of("password", "rotated-Pa55w0rd-2"));
        assertEquals("s3cr3t-Pa55w0rd!", secrets.resolve("vault:shop/db#password"));
        secrets.invalidate("vault:shop/db#password");
        assertEquals("rotated-Pa55w0rd-2", secrets.resolve("vault:shop/db#password"));
        assertEquals(2, vault.reads());
        vault.put("shop/db", Map.of("password", "rotated-Pa55w0rd-3"));
        clock.advance(Duration.ofSeconds(61));
        assertEquals("rotated-Pa55w0rd-3", secrets.resolve("vault:shop/db#password"));
        assertEquals(3, vault.reads());
        // an old value stays scrubbed after the rotation
        assertEquals(Set.of("s3cr3t-Pa55w0rd!", "rotated-Pa55w0rd-2", "rotated-Pa55w0rd-3", "reader", TOKEN),
                secrets.liveSecrets());
    }

    @Test
    void failuresNameThePathNeverAValue() {
        SecretResolver wrongToken = SecretResolver.builder().addProvider(provider()
                .environment(Map.of("VAULT_TOKEN", "hvs.wrong-token-123")::get).build()).build();
        GatewayException e = assertThrows(GatewayException.class, () -> wrongToken.resolve("vault:shop/db#password"));
        assertEquals("The secret store refused the gateway's token for vault:shop/db (HTTP 403).", e.getMessage());

        SecretResolver secrets = SecretResolver.builder().addProvider(provider().build()).build();
        assertEquals("The secret store has no secret at vault:shop/nothing.", assertThrows(GatewayException.class,
                () -> secrets.resolve("vault:shop/nothing#password")).getMessage());
        assertEquals("The secret at vault:shop/db has no field 'pin'.", assertThrows(GatewayException.class,
                () -> secrets.resolve("vault:shop/db#pin")).getMessage());
        assertEquals("Credential reference vault:../sys must have the form vault:PATH#KEY (PATH segments and KEY of "
                + "letters, digits, '.', '_', '-').", assertThrows(GatewayException.class,
                () -> secrets.resolve("vault:../sys#x")).getMessage());

        SecretResolver noToken = SecretResolver.builder().addProvider(provider().environment(Map.<String, String>of()::get)
                .build()).build();
        assertEquals("No Vault token: set the environment variable VAULT_TOKEN for the gateway.",
                assertThrows(GatewayException.class, () -> noToken.resolve("vault:shop/db#password")).getMessage());
    }

    @Test
    void refusesAStoreWhoseCertificateIsNotTrusted() {
        SecretResolver untrusted = SecretResolver.builder().addProvider(VaultSecretProvider.builder()
                .address(URI.create(vault.address())).environment(Map.of("VAULT_TOKEN", TOKEN)::get).build()).build();
        GatewayException e = assertThrows(GatewayException.class, () -> untrusted.resolve("vault:shop/db#password"));
        assertEquals("The secret store cannot be reached to read vault:shop/db.", e.getMessage());
        assertEquals(0, vault.reads());
    }

    @Test
    void refusesAPlainHttpAddress() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VaultSecretProvider.builder().address(URI.create("http://127.0.0.1:8200")));
        assertEquals("credentials.vault.address must be an https URL, got 'http://127.0.0.1:8200'", e.getMessage());
    }

    @Test
    void jdbcConnectorRefetchesARotatedPasswordWhenTheDatabaseRejectsIt() throws Exception {
        String url = "jdbc:h2:mem:vault_rotation";
        try (Connection owner = DriverManager.getConnection(url, "owner", "owner-pw");
             Statement s = owner.createStatement()) {
            s.execute("CREATE TABLE t (id INT)");
            s.execute("INSERT INTO t VALUES (1)");
            s.execute("CREATE USER reader PASSWORD 's3cr3t-Pa55w0rd!'");
            s.execute("GRANT SELECT ON t TO reader");
            SecretResolver secrets = SecretResolver.builder().addProvider(provider().build()).build();
            ConnectionDefinition def = new ConnectionDefinition("db", "jdbc", url, "reader", "vault:shop/db#password",
                    RiskLevel.READ_ONLY, Map.of());
            try (JdbcConnector c = new JdbcConnector(def, secrets)) {
                BoundRequest.Sql sql = new BoundRequest.Sql("SELECT id FROM t", List.of());
                assertInstanceOf(ToolResult.Table.class, c.execute(TestCalls.call(def, sql), TestCalls.CONTEXT));
                // rotate: the database and the store change, the gateway's cache and pool still hold the old value
                s.execute("ALTER USER reader SET PASSWORD 'rotated-Pa55w0rd-2'");
                vault.put("shop/db", Map.of("password", "rotated-Pa55w0rd-2"));
                c.close();
                ToolResult.Table t = assertInstanceOf(ToolResult.Table.class,
                        c.execute(TestCalls.call(def, sql), TestCalls.CONTEXT));
                assertEquals(List.of(List.of(1)), t.rows());
                assertEquals(2, vault.reads());
            }
            s.execute("DROP ALL OBJECTS");
        }
    }

    @Test
    void unknownSchemeIsRefusedWithoutEchoingThePrefix() {
        SecretResolver secrets = SecretResolver.create(Map.of(), false);
        GatewayException e = assertThrows(GatewayException.class, () -> secrets.resolve("hunter:two"));
        assertEquals("A credential reference uses a scheme that is not configured (configured: env, file).", e.getMessage());
        assertFalse(e.getMessage().contains("hunter"));
    }

    /** A clock the test moves forward. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
