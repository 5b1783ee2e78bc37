package io.mcpgateway.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

/**
 * Applies the store's schema migrations at start: plain SQL files shipped by the modules that own
 * the tables, applied once each, in the order listed, and recorded in
 * {@code gateway_schema_version}. Works on H2 and PostgreSQL.
 */
final class SchemaMigrations {

    /** Every migration, in order. A module adds its scripts here when it adds tables. */
    static final List<String> SCRIPTS = List.of(
            "db/migration/audit/V1__audit_event.sql",
            "db/migration/approvals/V1__approval_request.sql");

    private static final System.Logger LOGGER = System.getLogger(SchemaMigrations.class.getName());

    private SchemaMigrations() {
    }

    /**
     * Applies pending migrations.
     *
     * @param store the store
     * @throws IllegalStateException when a migration fails (the gateway does not start)
     */
    static void apply(DataSource store) {
        try (Connection c = store.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS gateway_schema_version ("
                        + "script VARCHAR(255) PRIMARY KEY, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            Set<String> applied = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT script FROM gateway_schema_version");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    applied.add(rs.getString(1));
                }
            }
            for (String script : SCRIPTS) {
                if (!applied.contains(script)) {
                    run(c, script);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Store schema migration failed: " + e.getMessage(), e);
        }
    }

    private static void run(Connection c, String script) throws SQLException {
        String sql = read(script);
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String statement : statements(sql)) {
                s.execute(statement);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO gateway_schema_version (script, applied_at) VALUES (?, CURRENT_TIMESTAMP)")) {
                ps.setString(1, script);
                ps.executeUpdate();
            }
            c.commit();
            LOGGER.log(System.Logger.Level.INFO, "Applied store migration " + script);
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Splits a script at semicolons that end a line; drops comment-only lines. */
    static List<String> statements(String sql) {
        StringBuilder current = new StringBuilder();
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String stmt = current.toString().strip();
                out.add(stmt.substring(0, stmt.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Migration " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Migration " + resource + " cannot be read", e);
        }
    }
}
