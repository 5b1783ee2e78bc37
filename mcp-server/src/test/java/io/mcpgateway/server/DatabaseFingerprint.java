package io.mcpgateway.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

/**
 * A hash of what queries return (every row of every table, the catalog, the accounts): equal
 * before and after a run means nothing was written, dropped or granted.
 */
final class DatabaseFingerprint {

    private DatabaseFingerprint() {
    }

    /**
     * Hashes the rows of the queries, in order.
     *
     * @param c       connection
     * @param queries queries with a stable ORDER BY
     * @return hex SHA-256
     * @throws SQLException when a query fails
     */
    static String of(Connection c, List<String> queries) throws SQLException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Statement s = c.createStatement()) {
            for (String query : queries) {
                try (ResultSet rs = s.executeQuery(query)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(query).append('\u0002');
                        for (int i = 1; i <= columns; i++) {
                            row.append(rs.getString(i)).append('\u0001');
                        }
                        sha.update(row.append('\n').toString().getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
