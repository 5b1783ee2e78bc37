package io.mcpgateway.guardrails;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the analyzer found in a SQL string.
 *
 * @param dialect        the dialect it was read in
 * @param statementCount number of statements (more than one is refused)
 * @param kinds          every kind of statement it contains (empty when it did not parse)
 * @param parseError     why parsing failed, when it did, else empty
 * @param tablesRead     tables read (lower case, quotes removed)
 * @param tablesWritten  tables written or changed by DDL
 * @param functions      functions called (lower case, as written, qualified names kept)
 * @param unboundedWrite whether an UPDATE/DELETE lacks a real WHERE, or the statement is a TRUNCATE
 * @param hazards        what the hard guards refuse, most specific first
 */
public record SqlAnalysis(SqlDialect dialect,
                          int statementCount,
                          Set<StatementKind> kinds,
                          String parseError,
                          Set<String> tablesRead,
                          Set<String> tablesWritten,
                          Set<String> functions,
                          boolean unboundedWrite,
                          List<SqlHazard> hazards) {

    /** Kinds that need two approvers on an admin connection: they destroy data, schema or privileges, or cannot be analysed. */
    private static final Set<StatementKind> DESTRUCTIVE = EnumSet.of(StatementKind.DELETE, StatementKind.TRUNCATE,
            StatementKind.DDL, StatementKind.PRIVILEGE, StatementKind.CALL, StatementKind.OTHER);

    /**
     * Copies the collections.
     *
     * @param dialect        dialect
     * @param statementCount statements
     * @param kinds          kinds
     * @param parseError     parse error or empty
     * @param tablesRead     tables read
     * @param tablesWritten  tables written
     * @param functions      functions
     * @param unboundedWrite write without a real WHERE
     * @param hazards        hard-guard findings
     */
    public SqlAnalysis {
        kinds = kinds.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(kinds));
        parseError = parseError == null ? "" : parseError;
        tablesRead = Set.copyOf(tablesRead);
        tablesWritten = Set.copyOf(tablesWritten);
        functions = Set.copyOf(functions);
        hazards = List.copyOf(hazards);
    }

    /**
     * The primary kind: the most severe of {@link #kinds()}; empty when the text did not parse.
     *
     * @return primary kind
     */
    public Optional<StatementKind> kind() {
        StatementKind max = null;
        for (StatementKind k : kinds) {
            max = k;
        }
        return Optional.ofNullable(max);
    }

    /**
     * Whether the text parsed into statements the analyzer understands.
     *
     * @return true when parsed
     */
    public boolean parsed() {
        return parseError.isEmpty() && !kinds.isEmpty();
    }

    /**
     * Whether the statement only reads.
     *
     * @return true when every kind is {@link StatementKind#READ}
     */
    public boolean readOnly() {
        return parsed() && kinds.equals(Set.of(StatementKind.READ));
    }

    /**
     * Whether the statement destroys data, schema or privileges, or has effects that cannot be
     * analysed (DELETE, TRUNCATE, DDL, privilege changes, CALL, unbounded writes).
     *
     * @return true when destructive
     */
    public boolean destructive() {
        return unboundedWrite || kinds.stream().anyMatch(DESTRUCTIVE::contains);
    }

    /**
     * Every table the statement touches.
     *
     * @return tables read and written
     */
    public Set<String> tables() {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(tablesRead);
        all.addAll(tablesWritten);
        return all;
    }
}
