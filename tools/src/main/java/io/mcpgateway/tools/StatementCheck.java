package io.mcpgateway.tools;

import java.util.List;
import java.util.Objects;

/**
 * A check of a {@code sql} tool's statement that needs more than this module knows, such as a SQL
 * parser or the connection's risk level. The loader calls it for every statement a template can
 * produce and reports its findings at the statement's position; the server supplies the
 * implementation (this module does not parse SQL).
 */
@FunctionalInterface
public interface StatementCheck {

    /** A check that finds nothing. */
    StatementCheck NONE = (sql, connection) -> List.of();

    /**
     * Checks one statement.
     *
     * @param sql        the statement in JDBC form ({@code ?} for each bind)
     * @param connection the tool's connection, or {@code null} when it is not configured
     * @return the problems found, empty when none
     */
    List<Finding> check(String sql, ConnectionDefinition connection);

    /**
     * One problem with a statement.
     *
     * @param message what is wrong
     * @param hint    how to fix it, or empty
     */
    record Finding(String message, String hint) {
        /**
         * Validates fields.
         *
         * @param message message
         * @param hint    hint or null
         */
        public Finding {
            Objects.requireNonNull(message, "message");
            hint = hint == null ? "" : hint;
        }
    }
}
