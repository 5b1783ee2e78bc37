package io.mcpgateway.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;

import io.mcpgateway.tools.ConnectionDefinition;

/**
 * Creates the demo's embedded H2 database on first start: the schema and rows of
 * {@code demo.seed} and one database user per demo connection, with the privileges of its risk
 * level (read-only: SELECT; write: SELECT, INSERT, UPDATE, DELETE; admin: administrator).
 *
 * <p>Every password is random and written to the file the connection's {@code file:} credential
 * reference names, readable by its owner only: the gateway holds the credentials, the model never
 * sees them, and the masking stage scrubs them if they ever appear in a result.
 */
final class DemoDatabase {

    private static final System.Logger LOGGER = System.getLogger(DemoDatabase.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoDatabase() {
    }

    /**
     * Creates the demo database unless it exists.
     *
     * @param config gateway configuration (section {@code demo})
     * @return true when it was created now
     */
    static boolean ensure(GatewayConfig config) {
        String url = config.raw().get("demo.database").asString()
                .orElseThrow(() -> new IllegalArgumentException("demo.database (a JDBC URL) is required for the demo"));
        Path seed = config.file().getParent().resolve(config.raw().get("demo.seed").asString()
                .orElseThrow(() -> new IllegalArgumentException("demo.seed (a SQL file) is required for the demo")));
        Path secrets = config.dataDir().resolve("demo").resolve("secrets");
        Path marker = config.dataDir().resolve("demo").resolve(".created");
        if (Files.exists(marker)) {
            return false;
        }
        try {
            Files.createDirectories(secrets);
            String ownerPassword = secret(secrets.resolve("owner"));
            try (Connection c = DriverManager.getConnection(url, "demo_owner", ownerPassword);
                 Statement s = c.createStatement()) {
                for (String statement : SchemaMigrations.statements(Files.readString(seed, StandardCharsets.UTF_8))) {
                    s.execute(statement);
                }
                for (ConnectionDefinition conn : config.connections().values()) {
                    if (conn.url().startsWith(url) && !conn.user().isEmpty()) {
                        createUser(s, conn);
                    }
                }
            }
            Files.writeString(marker, "created\n");
            LOGGER.log(System.Logger.Level.INFO, "Created the demo database");
            return true;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Cannot create the demo database: " + e.getMessage(), e);
        }
    }

    private static void createUser(Statement s, ConnectionDefinition conn) throws SQLException, IOException {
        if (!conn.credentialRef().startsWith("file:")) {
            throw new IllegalArgumentException("Demo connection '" + conn.name()
                    + "' must use a file: credential so the demo can create it");
        }
        String user = conn.user().toUpperCase(Locale.ROOT);
        if (!user.matches("[A-Z][A-Z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Demo connection '" + conn.name() + "': user '" + conn.user()
                    + "' must be a plain identifier");
        }
        String password = secret(Path.of(conn.credentialRef().substring(5)));
        // identifiers are checked above and the password is hex, so this DDL cannot be steered
        s.execute("CREATE USER IF NOT EXISTS " + user + " PASSWORD '" + password + "'");
        switch (conn.risk()) {
            case READ_ONLY -> s.execute("GRANT SELECT ON SCHEMA PUBLIC TO " + user);
            case WRITE -> s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA PUBLIC TO " + user);
            case ADMIN -> s.execute("ALTER USER " + user + " ADMIN TRUE");
        }
    }

    /** Reads a secret file, creating it with a random value (owner-only) when absent. */
    static String secret(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String value = HexFormat.of().formatHex(bytes);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // non-POSIX file system: the data directory's permissions protect it
        }
        Files.writeString(file, value);
        return value;
    }
}
