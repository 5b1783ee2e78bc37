package io.mcpgateway.guardrails;

import java.util.Locale;

import io.mcpgateway.tools.ConnectionDefinition;

/**
 * The SQL dialect a connection speaks, as far as analysis cares: how strings, comments and
 * identifiers are written. Taken from the connection's {@code sql-dialect} option or, without
 * one, from its JDBC URL.
 */
public enum SqlDialect {
    /** H2: standard quoting, {@code $$} strings. */
    H2,
    /** PostgreSQL: nested comments, dollar quotes, {@code E'...'} strings with backslash escapes. */
    POSTGRESQL,
    /** MySQL and MariaDB: backslash escapes, {@code #} comments, double-quoted strings, executable comments. */
    MYSQL,
    /** Anything else: analysed with standard rules. */
    GENERIC;

    /**
     * The dialect of a connection.
     *
     * @param connection connection
     * @return its dialect
     * @throws IllegalArgumentException when the {@code sql-dialect} option names no dialect
     */
    public static SqlDialect of(ConnectionDefinition connection) {
        String option = connection.options().get("sql-dialect");
        if (option != null && !option.isBlank()) {
            return parse(option);
        }
        String url = connection.url().toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
            return MYSQL;
        }
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        return GENERIC;
    }

    /**
     * Parses a dialect name ({@code h2}, {@code postgresql}, {@code mysql}, {@code mariadb}, {@code generic}).
     *
     * @param value name
     * @return dialect
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static SqlDialect parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "h2" -> H2;
            case "postgresql", "postgres", "pg" -> POSTGRESQL;
            case "mysql", "mariadb" -> MYSQL;
            case "generic", "standard" -> GENERIC;
            default -> throw new IllegalArgumentException("Unknown sql-dialect '" + value
                    + "': use h2, postgresql, mysql, mariadb or generic");
        };
    }
}
