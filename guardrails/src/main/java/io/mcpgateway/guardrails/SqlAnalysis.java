package io.mcpgateway.guardrails;

import java.util.Optional;
import java.util.Set;

/**
 * What the parser found in a SQL string.
 *
 * @param statementCount number of statements (policy refuses more than one)
 * @param kind           kind of the first statement; empty when the text did not parse
 * @param parseError     why parsing failed, when it did
 * @param tablesRead     tables read (lower-case, as written)
 * @param tablesWritten  tables written
 * @param functions      functions called (lower-case)
 * @param hasWhere       whether an UPDATE/DELETE carries a WHERE clause
 * @param trivialWhere   whether that WHERE clause is always true (e.g. {@code 1=1})
 */
public record SqlAnalysis(int statementCount,
                          Optional<StatementKind> kind,
                          String parseError,
                          Set<String> tablesRead,
                          Set<String> tablesWritten,
                          Set<String> functions,
                          boolean hasWhere,
                          boolean trivialWhere) {

    /**
     * Copies the sets.
     *
     * @param statementCount statements
     * @param kind           kind
     * @param parseError     parse error or empty
     * @param tablesRead     tables read
     * @param tablesWritten  tables written
     * @param functions      functions
     * @param hasWhere       WHERE present
     * @param trivialWhere   WHERE always true
     */
    public SqlAnalysis {
        parseError = parseError == null ? "" : parseError;
        tablesRead = Set.copyOf(tablesRead);
        tablesWritten = Set.copyOf(tablesWritten);
        functions = Set.copyOf(functions);
    }

    /**
     * An analysis of text that did not parse.
     *
     * @param error parser message (first line)
     * @return the analysis
     */
    static SqlAnalysis unparseable(String error) {
        return new SqlAnalysis(0, Optional.empty(), error, Set.of(), Set.of(), Set.of(), false, false);
    }

    /**
     * Whether the text parsed.
     *
     * @return true when parsed
     */
    public boolean parsed() {
        return kind.isPresent();
    }
}
