package io.mcpgateway.guardrails;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.RiskLevel;

/**
 * The connection's risk level decides when no operator rule did (DESIGN.md, step 3):
 * <ul>
 *     <li>read-only: reads allowed, everything else denied;</li>
 *     <li>write: reads allowed, bounded writes need approval, DDL, privilege changes and writes
 *     without a real WHERE denied;</li>
 *     <li>admin: everything needs approval, destructive statements two approvers.</li>
 * </ul>
 * It never abstains for SQL, so a SQL call always gets a decision.
 */
public final class RiskLevelPolicy implements Policy {

    private final Set<String> approverGroups;
    private final Duration approvalTtl;

    /**
     * Creates the policy.
     *
     * @param approverGroups groups that review approvals this policy asks for
     * @param approvalTtl    how long an approval stays usable
     */
    public RiskLevelPolicy(Set<String> approverGroups, Duration approvalTtl) {
        this.approverGroups = Set.copyOf(approverGroups);
        this.approvalTtl = approvalTtl;
        if (this.approverGroups.isEmpty()) {
            throw new IllegalArgumentException("RiskLevelPolicy needs at least one approver group");
        }
    }

    @Override
    public Optional<Decision> evaluate(PolicyInput input) {
        if (input.sql().isEmpty() || !input.sql().get().parsed()) {
            return Optional.empty();
        }
        SqlAnalysis sql = input.sql().get();
        StatementKind kind = sql.kind().orElseThrow();
        RiskLevel risk = input.call().connection().risk();
        String conn = input.call().connection().name();
        return Optional.of(switch (risk) {
            case READ_ONLY -> kind.isRead()
                    ? new Decision.Allow("risk.read-only", "read", "Reads are allowed on read-only connection '" + conn + "'.")
                    : new Decision.Deny("risk.read-only", "write_on_read_only",
                    "Connection '" + conn + "' is read-only, and this " + describe(kind) + " statement would change it.",
                    "Only SELECT statements run here; use a tool on a write connection to change data.");
            case WRITE -> write(kind, sql, conn);
            case ADMIN -> admin(kind, conn);
        });
    }

    private Decision write(StatementKind kind, SqlAnalysis sql, String conn) {
        if (kind.isRead()) {
            return new Decision.Allow("risk.write", "read", "Reads are allowed on connection '" + conn + "'.");
        }
        if (kind == StatementKind.TRUNCATE || ((kind == StatementKind.UPDATE || kind == StatementKind.DELETE)
                && (!sql.hasWhere() || sql.trivialWhere()))) {
            return new Decision.Deny("risk.write.unbounded", "unbounded_write",
                    "This " + describe(kind) + " has no real WHERE clause and would change every row of "
                            + String.join(", ", sql.tablesWritten()) + ".",
                    "Bounded writes (UPDATE/DELETE with a WHERE that selects specific rows) can run after approval.");
        }
        if (kind.isDataChange()) {
            return new Decision.RequireApproval("risk.write", "write_needs_approval",
                    "Writes on connection '" + conn + "' need a reviewer's approval.",
                    List.of(new Decision.Stage("review", approverGroups, 1)), approvalTtl);
        }
        return new Decision.Deny("risk.write.ddl", "ddl_on_write",
                "Connection '" + conn + "' allows data changes only; " + describe(kind) + " statements are denied.",
                "Schema and privilege changes go through an admin connection with approval.");
    }

    private Decision admin(StatementKind kind, String conn) {
        boolean destructive = kind == StatementKind.DDL || kind == StatementKind.DELETE
                || kind == StatementKind.TRUNCATE || kind == StatementKind.PRIVILEGE;
        int approvers = destructive ? 2 : 1;
        return new Decision.RequireApproval("risk.admin", destructive ? "destructive_needs_two" : "admin_needs_approval",
                "Every statement on admin connection '" + conn + "' needs approval"
                        + (destructive ? ", and destructive ones two approvers." : "."),
                List.of(new Decision.Stage("review", approverGroups, approvers)), approvalTtl);
    }

    private static String describe(StatementKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
