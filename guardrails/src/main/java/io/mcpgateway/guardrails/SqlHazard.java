package io.mcpgateway.guardrails;

import java.util.Objects;

/**
 * Something in a SQL text that a hard guard refuses whatever the connection and the rules say:
 * text that does not parse, several statements, a dangerous function, a file written by
 * {@code SELECT ... INTO OUTFILE}, a MySQL executable comment.
 *
 * @param ruleId     the guard's rule id, e.g. {@code guard.dangerous-function}
 * @param reasonCode stable reason code, e.g. {@code sql_dangerous_function}
 * @param message    one sentence for the model
 * @param allowed    what would be allowed instead, one sentence
 */
public record SqlHazard(String ruleId, String reasonCode, String message, String allowed) {

    /**
     * Validates fields.
     *
     * @param ruleId     rule id
     * @param reasonCode reason code
     * @param message    message
     * @param allowed    hint
     */
    public SqlHazard {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(message, "message");
        allowed = allowed == null ? "" : allowed;
    }

    static SqlHazard unparseable(String error, String looksLike) {
        return new SqlHazard("guard.unparseable", "sql_unparseable", "The statement could not be parsed (" + error
                + "), and the gateway runs only statements it can analyse." + looksLike,
                "Use one plain statement in standard SQL; dialect-specific commands the parser does not understand "
                        + "are refused.");
    }

    static SqlHazard multipleStatements(int count) {
        return new SqlHazard("guard.multiple-statements", "sql_multiple_statements",
                "The text holds " + count + " statements (as at least one SQL dialect reads its quotes and comments); "
                        + "only one statement per call is run.",
                "Send each statement as its own call.");
    }

    static SqlHazard executableComment() {
        return new SqlHazard("guard.executable-comment", "sql_executable_comment",
                "The text contains a MySQL/MariaDB executable comment (/*! ... */), which the server runs as SQL.",
                "Remove the comment: comments must not carry SQL.");
    }

    static SqlHazard dangerousFunction(String name, String reason) {
        return new SqlHazard("guard.dangerous-function", "sql_dangerous_function",
                "The statement calls " + name + ", which " + reason + ".",
                "Functions that reach files, programs or other servers, or that stall or reconfigure the database, "
                        + "are never run through the gateway.");
    }

    static SqlHazard serverAccess(String what) {
        return new SqlHazard("guard.server-access", "sql_server_access", what + ", which the gateway never allows.",
                "Query and change data with plain SQL statements; files, programs and other servers are out of reach.");
    }

    static SqlHazard selectInto(String target) {
        return new SqlHazard("guard.select-into", "sql_select_into", target.equals("file")
                ? "SELECT ... INTO OUTFILE/DUMPFILE writes a file on the database server."
                : "SELECT ... INTO stores the result in a table or variable instead of returning it.",
                "Use a plain SELECT to read; to copy rows use INSERT ... SELECT on a write connection.");
    }

    static SqlHazard credentialCatalog(String table) {
        return new SqlHazard("guard.credential-catalog", "sql_credential_catalog",
                "The statement reads " + table + ", a system table that holds password hashes or credentials.",
                "Credentials are never read through the gateway; ask an administrator for account changes.");
    }

    static SqlHazard obfuscated() {
        return new SqlHazard("guard.obfuscated-sql", "sql_obfuscated",
                "The statement spells a name or string with Unicode escapes (U&\"...\"), which hides what it refers to.",
                "Write names and strings plainly.");
    }

    static SqlHazard tooLong(int length, int max) {
        return new SqlHazard("guard.statement-too-long", "sql_too_long", "The statement is " + length
                + " characters long; the gateway analyses statements of at most " + max + " characters.",
                "Send a shorter statement.");
    }
}
