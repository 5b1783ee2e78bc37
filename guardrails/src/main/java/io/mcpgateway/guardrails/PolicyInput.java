package io.mcpgateway.guardrails;

import java.util.Objects;
import java.util.Optional;

import io.mcpgateway.tools.BoundCall;

/**
 * What a policy judges: the bound call and, for SQL, the parser's analysis of it.
 *
 * @param call the bound call
 * @param sql  the SQL analysis, present for SQL tools
 */
public record PolicyInput(BoundCall call, Optional<SqlAnalysis> sql) {

    /**
     * Validates fields.
     *
     * @param call call
     * @param sql  analysis
     */
    public PolicyInput {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(sql, "sql");
    }
}
