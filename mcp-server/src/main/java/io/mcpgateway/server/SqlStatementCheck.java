package io.mcpgateway.server;

import java.util.ArrayList;
import java.util.List;

import io.mcpgateway.guardrails.SqlAnalysis;
import io.mcpgateway.guardrails.SqlAnalyzer;
import io.mcpgateway.guardrails.SqlDialect;
import io.mcpgateway.guardrails.StatementKind;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.RiskLevel;
import io.mcpgateway.tools.StatementCheck;

/**
 * The checks of a runbook statement that need the SQL parser: it parses, it is one statement, no
 * hard guard refuses it (a dangerous function, {@code SELECT ... INTO}, ...), and (for lint) it
 * does not write through a read-only connection. It is read in the connection's dialect.
 *
 * <p>The server runs the first three on every (re)load: such a statement could never run, so it
 * is refused when the runbook loads rather than at each call. A write on a read-only
 * connection is reported by {@code gateway runbooks lint}; a server that loads one anyway still
 * denies every call to it by policy, with a reason the model can act on.
 */
final class SqlStatementCheck implements StatementCheck {

    private final SqlAnalyzer analyzer;
    private final boolean riskChecks;

    /**
     * Creates the check.
     *
     * @param analyzer   SQL analyzer
     * @param riskChecks whether to report writes on read-only connections (lint)
     */
    SqlStatementCheck(SqlAnalyzer analyzer, boolean riskChecks) {
        this.analyzer = analyzer;
        this.riskChecks = riskChecks;
    }

    @Override
    public List<Finding> check(String sql, ConnectionDefinition connection) {
        SqlAnalysis analysis = analyzer.analyze(sql, connection == null ? SqlDialect.GENERIC : SqlDialect.of(connection));
        List<Finding> findings = new ArrayList<>();
        if (!analysis.parsed()) {
            // the parser names its own exception class first; the operator needs only the reason
            String reason = analysis.parseError().replaceFirst("^[a-z.]+\\.[A-Za-z]+Exception: ", "");
            findings.add(new Finding("SQL does not parse: " + reason,
                    "check the statement in a SQL client; values are written :name, identifiers {{name}}"));
            return findings;
        }
        if (analysis.statementCount() > 1) {
            findings.add(new Finding("a tool runs exactly one statement, and this has " + analysis.statementCount(),
                    "split it into several tools"));
        }
        // a statement a hard guard refuses could never run: say so when the runbook loads
        analysis.hazards().stream()
                .filter(h -> !h.ruleId().equals("guard.multiple-statements") && !h.ruleId().equals("guard.unparseable"))
                .forEach(h -> findings.add(new Finding("the gateway refuses this statement on every call: " + h.message(),
                        h.allowed())));
        StatementKind kind = analysis.kind().orElseThrow();
        if (riskChecks && connection != null && connection.risk() == RiskLevel.READ_ONLY && !kind.isRead()) {
            String name = kind.name().replace('_', ' ');
            findings.add(new Finding(("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name
                    + " statement writes through read-only connection '" + connection.name() + "'",
                    "use a connection with risk write or admin, or make the statement a SELECT"));
        }
        return findings;
    }
}
