package io.mcpgateway.guardrails;

import java.util.Locale;

/**
 * What a SQL statement does, as far as policy cares. A statement can do several things (a
 * {@code WITH x AS (DELETE ... RETURNING *) SELECT} both deletes and reads); its analysis lists
 * every kind and names the most severe as its primary kind. Constants are declared from least to
 * most severe.
 */
public enum StatementKind {
    /** SELECT, VALUES, TABLE, WITH ... SELECT, SHOW, DESCRIBE, EXPLAIN without ANALYZE. */
    READ(true, false),
    /** A read that locks rows: {@code SELECT ... FOR UPDATE / FOR SHARE}. */
    LOCK(false, false),
    /** INSERT, including {@code ON CONFLICT} / {@code ON DUPLICATE KEY} upserts. */
    INSERT(false, true),
    /** MERGE, UPSERT, MySQL {@code REPLACE INTO}. */
    MERGE(false, true),
    /** UPDATE. */
    UPDATE(false, true),
    /** DELETE. */
    DELETE(false, true),
    /** TRUNCATE: deletes every row, no WHERE possible. */
    TRUNCATE(false, true),
    /** COMMIT, ROLLBACK, SAVEPOINT. */
    TRANSACTION(false, false),
    /** SET, RESET, USE, ALTER SESSION: session state changes. */
    SESSION(false, false),
    /** ANALYZE and other maintenance. */
    MAINTENANCE(false, false),
    /** CALL / EXECUTE of a stored procedure or prepared statement: effects unknown. */
    CALL(false, false),
    /** CREATE, ALTER, DROP, RENAME, COMMENT, REFRESH, ALTER SYSTEM. */
    DDL(false, false),
    /** GRANT, REVOKE, users and roles, SET ROLE, SET SESSION AUTHORIZATION. */
    PRIVILEGE(false, false),
    /** Anything else that parsed. */
    OTHER(false, false);

    private final boolean read;
    private final boolean dml;

    StatementKind(boolean read, boolean dml) {
        this.read = read;
        this.dml = dml;
    }

    /**
     * Parses the name used in policy rules ({@code read}, {@code insert}, ..., case-insensitive).
     *
     * @param value name
     * @return the kind
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static StatementKind parse(String value) {
        for (StatementKind k : values()) {
            if (k.configName().equalsIgnoreCase(value.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("Unknown statement kind '" + value + "': use one of "
                + java.util.Arrays.stream(values()).map(StatementKind::configName).toList());
    }

    /**
     * Whether the statement only reads.
     *
     * @return true for reads
     */
    public boolean isRead() {
        return read;
    }

    /**
     * Whether the statement changes rows (INSERT, UPDATE, DELETE, MERGE, TRUNCATE).
     *
     * @return true for data changes
     */
    public boolean isDataChange() {
        return dml;
    }

    /**
     * The lower-case name used in rules and messages.
     *
     * @return e.g. {@code ddl}
     */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
