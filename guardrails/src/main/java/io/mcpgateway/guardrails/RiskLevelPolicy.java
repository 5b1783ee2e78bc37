package io.mcpgateway.guardrails;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.helidon.config.Config;

import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.RiskLevel;

/**
 * The connection's risk level decides when no operator rule did (DESIGN.md, step 3):
 * <ul>
 *     <li>read-only: reads allowed, everything else denied;</li>
 *     <li>write: reads allowed, bounded writes need approval; DDL, privilege changes, other
 *     commands (CALL, SET, transaction control) and writes without a real WHERE denied;</li>
 *     <li>admin: everything needs approval, destructive statements (DELETE, TRUNCATE, DDL,
 *     privilege changes, CALL, unbounded writes) two approvers.</li>
 * </ul>
 * HTTP follows the same levels with GET/HEAD/OPTIONS as reads and other methods as writes (a
 * DELETE is destructive); reading logs is a read. It decides every request it understands, so a
 * call always gets a decision.
 *
 * <p>Approvals go to the default approver groups, or to those configured for the connection
 * ({@code policy.connections.NAME.approver-groups}): connections of different risk have their
 * own approvers.
 */
public final class RiskLevelPolicy implements Policy {

    private static final Set<StatementKind> NOT_DATA = EnumSet.of(StatementKind.CALL, StatementKind.SESSION,
            StatementKind.TRANSACTION, StatementKind.MAINTENANCE, StatementKind.OTHER);
    private static final Set<String> HTTP_READS = Set.of("GET", "HEAD", "OPTIONS");

    private final Approvers defaults;
    private final Map<String, Approvers> perConnection;

    /**
     * Creates the policy with one set of approvers for every connection.
     *
     * @param approverGroups groups that review approvals this policy asks for
     * @param approvalTtl    how long an approval stays usable
     */
    public RiskLevelPolicy(Set<String> approverGroups, Duration approvalTtl) {
        this(new Approvers(approverGroups, approvalTtl), Map.of());
    }

    private RiskLevelPolicy(Approvers defaults, Map<String, Approvers> perConnection) {
        this.defaults = defaults;
        this.perConnection = Map.copyOf(perConnection);
    }

    /**
     * Reads {@code approver-groups}, {@code approval-ttl} and {@code connections.NAME.approver-groups}
     * / {@code approval-ttl} from the policy section.
     *
     * @param policy the {@code policy} node
     * @return the policy
     */
    public static RiskLevelPolicy create(Config policy) {
        Approvers defaults = new Approvers(
                Set.copyOf(policy.get("approver-groups").asList(String.class).orElse(List.of("approvers"))),
                PolicyConfig.duration(policy.get("approval-ttl"), Duration.ofHours(1)));
        Map<String, Approvers> per = new LinkedHashMap<>();
        for (Config c : policy.get("connections").asNodeList().orElse(List.of())) {
            PolicyConfig.checkKeys(c, Set.of("approver-groups", "approval-ttl"));
            per.put(c.name(), new Approvers(
                    Set.copyOf(c.get("approver-groups").asList(String.class).orElse(List.copyOf(defaults.groups()))),
                    PolicyConfig.duration(c.get("approval-ttl"), defaults.ttl())));
        }
        return new RiskLevelPolicy(defaults, per);
    }

    /**
     * Who reviews approvals on a connection.
     *
     * @param connection connection name
     * @return its approvers, or the default ones
     */
    Approvers approvers(String connection) {
        return perConnection.getOrDefault(connection, defaults);
    }

    /**
     * Connection names with their own approvers (checked against the configured connections).
     *
     * @return names
     */
    Set<String> connectionsNamed() {
        return perConnection.keySet();
    }

    @Override
    public Optional<Decision> evaluate(PolicyInput input) {
        ConnectionDefinition conn = input.call().connection();
        Approvers approvers = perConnection.getOrDefault(conn.name(), defaults);
        return switch (input.call().request()) {
            case BoundRequest.Sql sql -> input.sql().filter(SqlAnalysis::parsed).map(a -> sql(a, conn, approvers));
            case BoundRequest.Http http -> Optional.of(http(http.method(), conn, approvers));
            case BoundRequest.Logs logs -> Optional.of(conn.risk() == RiskLevel.ADMIN
                    ? approvers.require("risk.admin", "admin_needs_approval",
                    "Every request on admin connection '" + conn.name() + "' needs approval.", 1)
                    : new Decision.Allow("risk." + conn.risk().configName(), "read",
                    "Reading logs is allowed on connection '" + conn.name() + "'."));
        };
    }

    private static Decision sql(SqlAnalysis sql, ConnectionDefinition conn, Approvers approvers) {
        String name = conn.name();
        return switch (conn.risk()) {
            case READ_ONLY -> sql.readOnly()
                    ? new Decision.Allow("risk.read-only", "read", "Reads are allowed on read-only connection '" + name + "'.")
                    : new Decision.Deny("risk.read-only", "write_on_read_only", "Connection '" + name
                    + "' is read-only, and this statement is " + describe(firstNotRead(sql)) + ", not a plain read.",
                    "Only reads (SELECT without FOR UPDATE) run here; use a tool on a write connection to change data.");
            case WRITE -> write(sql, name, approvers);
            case ADMIN -> sql.destructive()
                    ? approvers.require("risk.admin", "destructive_needs_two", "Every statement on admin connection '"
                    + name + "' needs approval, and this one needs two approvers because it is destructive: "
                    + describe(sql.kind().orElseThrow()) + (sql.unboundedWrite() ? " of every row" : "") + ".", 2)
                    : approvers.require("risk.admin", "admin_needs_approval",
                    "Every statement on admin connection '" + name + "' needs approval.", 1);
        };
    }

    private static Decision write(SqlAnalysis sql, String name, Approvers approvers) {
        if (sql.readOnly()) {
            return new Decision.Allow("risk.write", "read", "Reads are allowed on connection '" + name + "'.");
        }
        Set<StatementKind> kinds = sql.kinds();
        if (kinds.contains(StatementKind.PRIVILEGE)) {
            return new Decision.Deny("risk.write.privilege", "privilege_on_write",
                    "Connection '" + name + "' allows data changes only; privilege and role changes are denied.",
                    "Privilege changes go through an admin connection, with two approvers.");
        }
        if (kinds.contains(StatementKind.DDL)) {
            return new Decision.Deny("risk.write.ddl", "ddl_on_write",
                    "Connection '" + name + "' allows data changes only; schema changes (DDL) are denied.",
                    "Schema changes go through an admin connection, with two approvers.");
        }
        Optional<StatementKind> other = kinds.stream().filter(NOT_DATA::contains).findFirst();
        if (other.isPresent()) {
            return new Decision.Deny("risk.write.other", "not_data_change_on_write", "Connection '" + name
                    + "' runs reads and bounded data changes only; " + describe(other.get()) + " is denied.",
                    "Use plain SELECT, INSERT, UPDATE, DELETE or MERGE statements here.");
        }
        if (sql.unboundedWrite()) {
            String tables = sql.tablesWritten().isEmpty() ? "the table" : String.join(", ", new TreeSet<>(sql.tablesWritten()));
            return new Decision.Deny("risk.write.unbounded", "unbounded_write", kinds.contains(StatementKind.TRUNCATE)
                    ? "TRUNCATE removes every row of " + tables + "."
                    : "This " + describe(sql.kind().orElseThrow()).replaceFirst("^an? ", "")
                    + " has no real WHERE clause and would change every row of " + tables + ".",
                    "Bounded writes (UPDATE/DELETE with a WHERE that selects specific rows) can run after approval.");
        }
        return approvers.require("risk.write", "write_needs_approval",
                "Writes on connection '" + name + "' need a reviewer's approval.", 1);
    }

    private static Decision http(String method, ConnectionDefinition conn, Approvers approvers) {
        String m = method.toUpperCase(java.util.Locale.ROOT);
        boolean read = HTTP_READS.contains(m);
        return switch (conn.risk()) {
            case READ_ONLY -> read
                    ? new Decision.Allow("risk.read-only", "read", m + " requests are allowed on read-only connection '"
                    + conn.name() + "'.")
                    : new Decision.Deny("risk.read-only", "write_on_read_only", "Connection '" + conn.name()
                    + "' is read-only, and " + m + " requests change data.", "Only GET, HEAD and OPTIONS requests run here.");
            case WRITE -> read
                    ? new Decision.Allow("risk.write", "read", m + " requests are allowed on connection '" + conn.name() + "'.")
                    : approvers.require("risk.write", "write_needs_approval", m + " requests on connection '"
                    + conn.name() + "' change data and need a reviewer's approval.", 1);
            case ADMIN -> approvers.require("risk.admin", m.equals("DELETE") ? "destructive_needs_two" : "admin_needs_approval",
                    "Every request on admin connection '" + conn.name() + "' needs approval"
                            + (m.equals("DELETE") ? ", and DELETE requests two approvers." : "."),
                    m.equals("DELETE") ? 2 : 1);
        };
    }

    private static StatementKind firstNotRead(SqlAnalysis sql) {
        return sql.kinds().stream().filter(k -> k != StatementKind.READ).reduce((a, b) -> b).orElse(StatementKind.OTHER);
    }

    /**
     * A phrase for a statement kind, for messages.
     *
     * @param kind kind
     * @return e.g. {@code a schema change (DDL)}
     */
    static String describe(StatementKind kind) {
        return switch (kind) {
            case READ -> "a read";
            case LOCK -> "a locking read (FOR UPDATE/FOR SHARE)";
            case INSERT -> "an INSERT";
            case MERGE -> "a MERGE/upsert";
            case UPDATE -> "an UPDATE";
            case DELETE -> "a DELETE";
            case TRUNCATE -> "a TRUNCATE";
            case TRANSACTION -> "transaction control";
            case SESSION -> "a session setting";
            case MAINTENANCE -> "maintenance";
            case CALL -> "a procedure call";
            case DDL -> "a schema change (DDL)";
            case PRIVILEGE -> "a privilege change";
            case OTHER -> "a command other than a data change";
        };
    }

    /**
     * A stable description for the policy version.
     *
     * @return text
     */
    String canonical() {
        StringBuilder b = new StringBuilder("default=").append(defaults.canonical());
        new TreeMap<>(perConnection).forEach((k, v) -> b.append(';').append(k).append('=').append(v.canonical()));
        return b.toString();
    }

    /**
     * Who reviews approvals on a connection.
     *
     * @param groups reviewer groups
     * @param ttl    approval lifetime
     */
    record Approvers(Set<String> groups, Duration ttl) {
        Approvers {
            groups = Set.copyOf(groups);
            Objects.requireNonNull(ttl, "ttl");
            if (groups.isEmpty()) {
                throw new IllegalArgumentException("policy.approver-groups needs at least one group");
            }
        }

        Decision.RequireApproval require(String ruleId, String reasonCode, String message, int approvals) {
            return new Decision.RequireApproval(ruleId, reasonCode, message,
                    List.of(new Decision.Stage("review", groups, approvals)), ttl);
        }

        String canonical() {
            return new TreeSet<>(groups) + "/" + ttl;
        }
    }
}
