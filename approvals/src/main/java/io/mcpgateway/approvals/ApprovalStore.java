package io.mcpgateway.approvals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.RiskLevel;

/**
 * Approval requests and their history in the shared JDBC store (H2 or PostgreSQL; tables from
 * {@code db/migration/approvals/}). Every state change runs in a transaction that first locks the
 * request row, so two reviewers deciding at once, on one instance or on several, are serialized
 * and each sees the other's vote.
 */
final class ApprovalStore {

    private static final String COLUMNS = "id, status, requester_subject, requester_email, requester_groups, tool, "
            + "connection_name, risk, request_kind, statement, parameters, rule_id, reason_code, reason, stages, "
            + "stage_index, approval_ttl_ms, binding_hash, policy_version, correlation_id, created_at, expires_at, "
            + "decided_at, approval_expires_at, consumed_at, resolution";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<StageRow>> STAGES = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    ApprovalStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Stores a new request with its first history entry. */
    void insert(ApprovalRequest r, ApprovalEvent requested) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO approval_request (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    int i = 0;
                    ps.setString(++i, r.id());
                    ps.setString(++i, r.status().label());
                    ps.setString(++i, r.requester().subject());
                    ps.setString(++i, r.requester().email());
                    ps.setString(++i, json.writeValueAsString(r.requester().groups().stream().sorted().toList()));
                    ps.setString(++i, r.call().tool());
                    ps.setString(++i, r.call().connection());
                    ps.setString(++i, r.call().risk().configName());
                    ps.setString(++i, r.call().kind());
                    ps.setString(++i, r.call().statement());
                    ps.setString(++i, json.writeValueAsString(r.call().parameters()));
                    ps.setString(++i, r.ruleId());
                    ps.setString(++i, r.reasonCode());
                    ps.setString(++i, r.reason());
                    ps.setString(++i, json.writeValueAsString(r.stages().stream().map(StageRow::of).toList()));
                    ps.setInt(++i, r.stage());
                    ps.setLong(++i, r.approvalTtl().toMillis());
                    ps.setString(++i, r.bindingHash());
                    ps.setString(++i, r.policyVersion());
                    ps.setString(++i, r.correlationId());
                    setTime(ps, ++i, r.createdAt());
                    setTime(ps, ++i, r.expiresAt());
                    setTime(ps, ++i, r.decidedAt());
                    setTime(ps, ++i, r.approvalExpiresAt());
                    setTime(ps, ++i, r.consumedAt());
                    ps.setString(++i, r.resolution());
                    ps.executeUpdate();
                }
                append(c, requested);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("store the approval request", e);
        }
    }

    /** A request by id. */
    Optional<ApprovalRequest> find(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM approval_request WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(request(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read the approval request", e);
        }
    }

    /** The newest request with a binding, if any. */
    Optional<ApprovalRequest> latest(String bindingHash) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM approval_request "
                     + "WHERE binding_hash = ? ORDER BY created_at DESC, id DESC")) {
            ps.setMaxRows(1);
            ps.setString(1, bindingHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(request(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read approval requests", e);
        }
    }

    /** Requests matching a query, newest first. */
    List<ApprovalRequest> list(ApprovalQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM approval_request WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status().label());
        }
        if (q.tool() != null) {
            sql.append(" AND tool = ?");
            args.add(q.tool());
        }
        if (q.requester() != null) {
            sql.append(" AND (requester_subject = ? OR LOWER(requester_email) = LOWER(?))");
            args.add(q.requester());
            args.add(q.requester());
        }
        sql.append(" ORDER BY created_at DESC, id DESC");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setMaxRows(q.limit());
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            List<ApprovalRequest> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(request(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("list approval requests", e);
        }
    }

    /** The history of a request, oldest first. */
    List<ApprovalEvent> history(String id) {
        try (Connection c = dataSource.getConnection()) {
            return history(c, id);
        } catch (SQLException e) {
            throw failure("read the approval history", e);
        }
    }

    /** History entries after a sequence number, oldest first (the change feed). */
    List<ApprovalEvent> eventsAfter(long seq, int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT seq, request_id, occurred_at, kind, stage_index, "
                     + "actor_subject, actor_email, comment_text FROM approval_event WHERE seq > ? ORDER BY seq")) {
            ps.setMaxRows(limit);
            ps.setLong(1, seq);
            return events(ps);
        } catch (SQLException e) {
            throw failure("read approval changes", e);
        }
    }

    /** The last sequence number of the change feed, 0 when empty. */
    long lastSeq() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM approval_event");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw failure("read approval changes", e);
        }
    }

    /** Ids of requests whose pending time or approval lifetime ended. */
    List<String> due(Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM approval_request WHERE "
                     + "(status = 'pending' AND expires_at <= ?) "
                     + "OR (status = 'approved' AND consumed_at IS NULL AND approval_expires_at <= ?)")) {
            setTime(ps, 1, now);
            setTime(ps, 2, now);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw failure("find expired approval requests", e);
        }
    }

    /**
     * Runs a change on one request inside a transaction that holds the request's row lock.
     *
     * @param id   request id
     * @param work the change; its return value is returned
     * @return the work's result
     * @throws ApprovalException {@code not_found} when there is no such request
     */
    <T> T locked(String id, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                ApprovalRequest current;
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM approval_request WHERE id = ? FOR UPDATE")) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new ApprovalException("not_found", "There is no approval request " + id + ".");
                        }
                        current = request(rs);
                    }
                }
                T result = work.run(new Tx(c, current));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("update the approval request", e);
        }
    }

    /** A change to one locked request. */
    @FunctionalInterface
    interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    /** The locked request and the operations allowed on it. */
    final class Tx {
        private final Connection connection;
        private final ApprovalRequest request;

        private Tx(Connection connection, ApprovalRequest request) {
            this.connection = connection;
            this.request = request;
        }

        ApprovalRequest request() {
            return request;
        }

        List<ApprovalEvent> history() throws SQLException {
            return ApprovalStore.this.history(connection, request.id());
        }

        void append(ApprovalEvent event) throws SQLException {
            ApprovalStore.this.append(connection, event);
        }

        /** Writes the mutable fields of the request. */
        void update(ApprovalRequest r) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE approval_request SET status = ?, "
                    + "stage_index = ?, decided_at = ?, approval_expires_at = ?, consumed_at = ?, resolution = ? "
                    + "WHERE id = ?")) {
                ps.setString(1, r.status().label());
                ps.setInt(2, r.stage());
                setTime(ps, 3, r.decidedAt());
                setTime(ps, 4, r.approvalExpiresAt());
                setTime(ps, 5, r.consumedAt());
                ps.setString(6, r.resolution());
                ps.setString(7, r.id());
                ps.executeUpdate();
            }
        }
    }

    private List<ApprovalEvent> history(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, request_id, occurred_at, kind, stage_index, "
                + "actor_subject, actor_email, comment_text FROM approval_event WHERE request_id = ? ORDER BY seq")) {
            ps.setString(1, id);
            return events(ps);
        }
    }

    private void append(Connection c, ApprovalEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO approval_event (request_id, occurred_at, kind, "
                + "stage_index, actor_subject, actor_email, comment_text) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.requestId());
            setTime(ps, 2, e.at());
            ps.setString(3, e.kind().label());
            ps.setInt(4, e.stage());
            ps.setString(5, e.actorSubject());
            ps.setString(6, e.actorEmail());
            ps.setString(7, e.comment());
            ps.executeUpdate();
        }
    }

    private static List<ApprovalEvent> events(PreparedStatement ps) throws SQLException {
        List<ApprovalEvent> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ApprovalEvent(rs.getLong(1), rs.getString(2), time(rs, 3),
                        ApprovalEvent.Kind.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT)), rs.getInt(5),
                        rs.getString(6), rs.getString(7), rs.getString(8)));
            }
        }
        return out;
    }

    private ApprovalRequest request(ResultSet rs) throws SQLException {
        Identity requester = new Identity(rs.getString("requester_subject"), rs.getString("requester_email"),
                Set.copyOf(json.readValue(rs.getString("requester_groups"), STRINGS)));
        Map<String, Object> parameters = new LinkedHashMap<>(json.readValue(rs.getString("parameters"), MAP));
        ApprovalRequest.Call call = new ApprovalRequest.Call(rs.getString("tool"), rs.getString("connection_name"),
                RiskLevel.parse(rs.getString("risk")), rs.getString("request_kind"), rs.getString("statement"),
                parameters);
        List<Decision.Stage> stages = json.readValue(rs.getString("stages"), STAGES).stream()
                .map(StageRow::stage).toList();
        return new ApprovalRequest(rs.getString("id"), ApprovalStatus.parse(rs.getString("status")), requester, call,
                rs.getString("rule_id"), rs.getString("reason_code"), rs.getString("reason"), stages,
                rs.getInt("stage_index"), Duration.ofMillis(rs.getLong("approval_ttl_ms")),
                rs.getString("binding_hash"), rs.getString("policy_version"), rs.getString("correlation_id"),
                time(rs, "created_at"), time(rs, "expires_at"), time(rs, "decided_at"),
                time(rs, "approval_expires_at"), time(rs, "consumed_at"), rs.getString("resolution"));
    }

    private static void setTime(PreparedStatement ps, int index, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        }
    }

    private static Instant time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant time(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static ApprovalStoreException failure(String what, SQLException e) {
        return new ApprovalStoreException("The approval store could not " + what + ".", e);
    }

    /** A stage as stored (JSON). */
    record StageRow(String name, List<String> groups, int approvals) {
        static StageRow of(Decision.Stage s) {
            return new StageRow(s.name(), s.groups().stream().sorted().toList(), s.approvals());
        }

        Decision.Stage stage() {
            return new Decision.Stage(name, Set.copyOf(groups), approvals);
        }
    }
}
