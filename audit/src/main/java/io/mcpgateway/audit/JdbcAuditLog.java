package io.mcpgateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit trail in a JDBC database (H2 embedded, PostgreSQL shared), hash-chained.
 *
 * <p>Each record's hash is SHA-256 over the previous record's hash and a canonical JSON form of
 * the event (fixed field order, sorted groups, millisecond times), so changing, removing or
 * reordering any stored row breaks every later link. Rows are only ever inserted.
 *
 * <p>One chain per {@code chainId}: give every gateway instance its own id, or share one id and
 * let concurrent appends retry on the primary-key conflict that a lost race causes.
 */
public final class JdbcAuditLog implements AuditLog {

    /** The hash before the first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final System.Logger LOGGER = System.getLogger(JdbcAuditLog.class.getName());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int APPEND_ATTEMPTS = 5;
    private static final String COLUMNS = "chain_id, seq, event_id, occurred_at, event_type, actor, actor_groups, "
            + "tool, connection_name, statement_kind, decision, rule_id, reason_code, outcome, duration_ms, "
            + "correlation_id, session_id, enforcement, payload, prev_hash, hash";

    private final DataSource dataSource;
    private final String chainId;
    // the chain's last record as this instance wrote or read it (seq 0: not known). Reading it from
    // the table costs a scan of the chain in H2, so every append would grow with the trail; a stale
    // head (another instance sharing the chain id appended) makes the insert conflict, and the
    // retry reads the table again.
    private long headSeq;
    private String headHash;

    private JdbcAuditLog(DataSource dataSource, String chainId) {
        this.dataSource = dataSource;
        this.chainId = chainId;
    }

    /**
     * Creates the log on a data source whose schema is already migrated.
     *
     * @param dataSource store
     * @param chainId    this instance's chain id
     * @return the log
     */
    public static JdbcAuditLog create(DataSource dataSource, String chainId) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (chainId == null || chainId.isBlank() || chainId.length() > 64) {
            throw new IllegalArgumentException("audit chain-id must be 1..64 characters, got '" + chainId + "'");
        }
        return new JdbcAuditLog(dataSource, chainId);
    }

    @Override
    public synchronized AuditRecord append(AuditEvent event) {
        SQLException last = null;
        for (int attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    if (headSeq == 0) {
                        readHead(c);
                    }
                    long seq = headSeq + 1;
                    AuditRecord record = new AuditRecord(chainId, seq, event, headHash,
                            hash(headHash, seq, chainId, event));
                    insert(c, record);
                    c.commit();
                    headSeq = seq;
                    headHash = record.hash();
                    return record;
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                headSeq = 0;
                last = e;
                // 23505 (unique violation): another instance appended to the same chain first; retry
                if (!"23505".equals(e.getSQLState())) {
                    break;
                }
            }
        }
        throw new AuditException("Audit event could not be written", last);
    }

    /** Reads the chain's last record; an empty chain starts after {@link #GENESIS} (seq 0). */
    private void readHead(Connection c) throws SQLException {
        headSeq = 0;
        headHash = GENESIS;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, hash FROM audit_event WHERE chain_id = ? ORDER BY seq DESC LIMIT 1")) {
            ps.setString(1, chainId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    headSeq = rs.getLong(1);
                    headHash = rs.getString(2);
                }
            }
        }
    }

    private static void insert(Connection c, AuditRecord r) throws SQLException {
        AuditEvent e = r.event();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.chainId());
            ps.setLong(2, r.seq());
            ps.setString(3, e.eventId());
            ps.setObject(4, java.time.OffsetDateTime.ofInstant(e.occurredAt(), java.time.ZoneOffset.UTC));
            ps.setString(5, e.type());
            ps.setString(6, e.actor());
            ps.setString(7, String.join(",", new TreeSet<>(e.actorGroups())));
            ps.setString(8, e.tool());
            ps.setString(9, e.connection());
            ps.setString(10, e.statementKind());
            ps.setString(11, e.decision());
            ps.setString(12, e.ruleId());
            ps.setString(13, e.reasonCode());
            ps.setString(14, e.outcome());
            ps.setObject(15, e.durationMs());
            ps.setString(16, e.correlationId());
            ps.setString(17, e.sessionId());
            ps.setString(18, e.enforcement());
            ps.setString(19, e.payload());
            ps.setString(20, r.prevHash());
            ps.setString(21, r.hash());
            ps.executeUpdate();
        }
    }

    @Override
    public List<ChainVerification> verify() {
        List<ChainVerification> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            List<String> chains = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT chain_id FROM audit_event ORDER BY chain_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    chains.add(rs.getString(1));
                }
            }
            for (String chain : chains) {
                out.add(verify(c, chain));
            }
        } catch (SQLException e) {
            throw new AuditException("Audit trail could not be read", e);
        }
        return out;
    }

    private static ChainVerification verify(Connection c, String chain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM audit_event WHERE chain_id = ? ORDER BY seq")) {
            ps.setString(1, chain);
            try (ResultSet rs = ps.executeQuery()) {
                String prev = GENESIS;
                long expectedSeq = 1;
                long count = 0;
                while (rs.next()) {
                    AuditRecord r = record(rs);
                    count++;
                    if (r.seq() != expectedSeq) {
                        return new ChainVerification(chain, count, Optional.of(r.seq()),
                                "record " + expectedSeq + " is missing (found " + r.seq() + " next)");
                    }
                    if (!r.prevHash().equals(prev)) {
                        return new ChainVerification(chain, count, Optional.of(r.seq()),
                                "prev_hash does not match the hash of record " + (r.seq() - 1));
                    }
                    String expected = hash(prev, r.seq(), chain, r.event());
                    if (!expected.equals(r.hash())) {
                        return new ChainVerification(chain, count, Optional.of(r.seq()),
                                "content was changed after it was written (hash mismatch)");
                    }
                    prev = r.hash();
                    expectedSeq++;
                }
                return new ChainVerification(chain, count, Optional.empty(), "");
            }
        }
    }

    @Override
    public List<AuditRecord> search(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_event WHERE 1=1");
        List<Object> args = new ArrayList<>();
        filter(sql, args, "actor", q.actor());
        filter(sql, args, "tool", q.tool());
        filter(sql, args, "connection_name", q.connection());
        filter(sql, args, "statement_kind", q.statementKind());
        filter(sql, args, "outcome", q.outcome());
        if (q.from() != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(java.time.OffsetDateTime.ofInstant(q.from(), java.time.ZoneOffset.UTC));
        }
        if (q.to() != null) {
            sql.append(" AND occurred_at < ?");
            args.add(java.time.OffsetDateTime.ofInstant(q.to(), java.time.ZoneOffset.UTC));
        }
        sql.append(" ORDER BY occurred_at DESC, seq DESC LIMIT ").append(q.limit());
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<AuditRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(record(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AuditException("Audit trail could not be searched", e);
        }
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static AuditRecord record(ResultSet rs) throws SQLException {
        String groups = rs.getString("actor_groups");
        Set<String> groupSet = groups == null || groups.isEmpty() ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(groups.split(",")));
        long duration = rs.getLong("duration_ms");
        Long durationMs = rs.wasNull() ? null : duration;
        Instant at = rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant();
        AuditEvent e = new AuditEvent(rs.getString("event_id"), at, rs.getString("event_type"),
                rs.getString("actor"), groupSet, rs.getString("tool"), rs.getString("connection_name"),
                rs.getString("statement_kind"), rs.getString("decision"), rs.getString("rule_id"),
                rs.getString("reason_code"), rs.getString("outcome"), durationMs, rs.getString("correlation_id"),
                rs.getString("session_id"), rs.getString("enforcement"), rs.getString("payload"));
        return new AuditRecord(rs.getString("chain_id"), rs.getLong("seq"), e, rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    /**
     * The chain hash of an event.
     *
     * @param prevHash previous hash
     * @param seq      position
     * @param chainId  chain
     * @param e        event
     * @return lower-case hex SHA-256
     */
    static String hash(String prevHash, long seq, String chainId, AuditEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("prev", prevHash);
        n.put("chain", chainId);
        n.put("seq", seq);
        n.put("id", e.eventId());
        n.put("at", e.occurredAt().toString());
        n.put("type", e.type());
        n.put("actor", e.actor());
        n.put("groups", String.join(",", new TreeSet<>(e.actorGroups())));
        n.put("tool", e.tool());
        n.put("connection", e.connection());
        n.put("kind", e.statementKind());
        n.put("decision", e.decision());
        n.put("rule", e.ruleId());
        n.put("reason", e.reasonCode());
        n.put("outcome", e.outcome());
        n.put("duration", e.durationMs());
        n.put("correlation", e.correlationId());
        n.put("session", e.sessionId());
        n.put("enforcement", e.enforcement());
        n.put("payload", e.payload());
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(JSON.writeValueAsString(n).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }

    /**
     * Logs the outcome of a verification (used at start-up).
     *
     * @param results verification results
     */
    public static void log(List<ChainVerification> results) {
        for (ChainVerification v : results) {
            LOGGER.log(v.intact() ? System.Logger.Level.INFO : System.Logger.Level.ERROR,
                    "Audit chain " + v.chainId() + ": " + v.records() + " records, "
                            + (v.intact() ? "intact" : "BROKEN at " + v.brokenAtSeq().orElseThrow() + ": " + v.problem()));
        }
    }
}
