package io.mcpgateway.guardrails;

import java.util.Optional;

import io.mcpgateway.tools.Decision;

/**
 * The hard guards on SQL that no rule can switch off: text that does not parse and several
 * statements in one call are always denied.
 */
public final class SqlGuard implements Policy {

    /**
     * Creates the guard.
     */
    public SqlGuard() {
    }

    @Override
    public Optional<Decision> evaluate(PolicyInput input) {
        if (input.sql().isEmpty()) {
            return Optional.empty();
        }
        SqlAnalysis sql = input.sql().get();
        if (!sql.parsed()) {
            return Optional.of(new Decision.Deny("guard.unparseable", "sql_unparseable",
                    "The statement could not be parsed, and the gateway runs only statements it understands.",
                    "Use a single plain statement in standard SQL."));
        }
        if (sql.statementCount() > 1) {
            return Optional.of(new Decision.Deny("guard.multiple-statements", "sql_multiple_statements",
                    "The call holds " + sql.statementCount() + " statements; only one statement per call is run.",
                    "Send each statement as its own call."));
        }
        return Optional.empty();
    }
}
