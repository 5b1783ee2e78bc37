package io.mcpgateway.guardrails;

/**
 * What a SQL statement does, as far as policy cares.
 */
public enum StatementKind {
    /** SELECT, VALUES, WITH ... SELECT, EXPLAIN of a read. */
    READ(true, false),
    /** INSERT. */
    INSERT(false, true),
    /** UPDATE. */
    UPDATE(false, true),
    /** DELETE. */
    DELETE(false, true),
    /** MERGE / UPSERT. */
    MERGE(false, true),
    /** TRUNCATE: deletes every row, no WHERE possible. */
    TRUNCATE(false, true),
    /** CREATE, ALTER, DROP, RENAME, COMMENT. */
    DDL(false, false),
    /** GRANT, REVOKE, CREATE/ALTER USER or ROLE. */
    PRIVILEGE(false, false),
    /** CALL / EXECUTE of a stored procedure. */
    CALL(false, false),
    /** SET, RESET, USE: session state changes. */
    SESSION(false, false),
    /** BEGIN, COMMIT, ROLLBACK, SAVEPOINT. */
    TRANSACTION(false, false),
    /** Anything else that parsed (COPY, LOCK, ...). */
    OTHER(false, false);

    private final boolean read;
    private final boolean dml;

    StatementKind(boolean read, boolean dml) {
        this.read = read;
        this.dml = dml;
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
}
