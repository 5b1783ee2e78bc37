package io.mcpgateway.connectors;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Timestamp;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.GatewayException;
import io.mcpgateway.tools.Limits;
import io.mcpgateway.tools.RiskLevel;
import io.mcpgateway.tools.ToolResult;

/**
 * Runs SQL tools on a JDBC database (H2, PostgreSQL, MySQL/MariaDB) through a HikariCP pool of
 * its own.
 *
 * <p>Values are bound with {@link PreparedStatement} parameters only. Each statement carries a
 * leading comment naming the gateway, the user, the tool and the audit event, so the database's
 * own logs attribute it to a person. Every statement runs in its own transaction (auto-commit off,
 * which also lets PostgreSQL stream rows with a cursor instead of loading them all), committed
 * when it succeeds and rolled back otherwise. Read-only connections are read-only at the driver
 * and session level too ({@code Connection.setReadOnly}, PostgreSQL's {@code readOnlyMode=always},
 * a read-only session on PostgreSQL and MySQL/MariaDB), not only by the gateway's SQL analysis.
 * Rows beyond the tool's row or byte cap are not returned and the result says so. When the
 * database rejects the credential, it is fetched afresh (rotation) and the pool reopened once.
 *
 * <p>Options: {@code pool-size} (default 5), {@code connect-timeout} in seconds (default 10),
 * {@code fetch-size} (default 500). A {@code jdbc:mysql:} URL is served by the MariaDB driver.
 */
public final class JdbcConnector implements Connector {

    private static final System.Logger LOGGER = System.getLogger(JdbcConnector.class.getName());
    // what may appear inside the attribution comment: no '*', '/', quotes or newlines
    private static final Pattern UNSAFE_COMMENT_CHARS = Pattern.compile("[^A-Za-z0-9@._:+-]");

    private final ConnectionDefinition definition;
    private final SecretResolver secrets;
    private final int poolSize;
    private final int fetchSize;
    private final long connectTimeoutMillis;
    private volatile HikariDataSource pool;

    /**
     * Creates a connector; the pool opens on first use so that one unreachable database does not
     * stop the gateway from starting.
     *
     * @param definition the connection
     * @param secrets    resolver for its credential
     */
    public JdbcConnector(ConnectionDefinition definition, SecretResolver secrets) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        String key = "connections." + definition.name();
        this.poolSize = HttpConnector.intOption(definition.options(), "pool-size", 5, 1, 100, key);
        this.fetchSize = HttpConnector.intOption(definition.options(), "fetch-size", 500, 1, 10_000, key);
        this.connectTimeoutMillis = 1000L * HttpConnector.intOption(definition.options(), "connect-timeout", 10, 1, 300, key);
    }

    @Override
    public ToolResult execute(BoundCall call, ExecutionContext context) {
        if (!(call.request() instanceof BoundRequest.Sql sql)) {
            throw new GatewayException("wrong_connector", "Tool '" + call.tool().name()
                    + "' is not a SQL tool but runs on JDBC connection '" + definition.name() + "'.");
        }
        try {
            return run(call, sql, context);
        } catch (SQLException e) {
            if (!rejectedCredential(e) || definition.credentialRef().isEmpty()) {
                throw failure(e, call.tool().limits());
            }
            // the database refused the credential: it may have been rotated; fetch it afresh, once
            LOGGER.log(System.Logger.Level.INFO, "Connection " + definition.name()
                    + ": credential rejected; reopening the pool with a freshly fetched credential");
            secrets.invalidate(definition.credentialRef());
            reset();
            try {
                return run(call, sql, context);
            } catch (SQLException again) {
                throw failure(again, call.tool().limits());
            }
        }
    }

    @Override
    public void prepareCredential() {
        if (!definition.credentialRef().isEmpty()) {
            secrets.resolve(definition.credentialRef());
        }
    }

    private ToolResult run(BoundCall call, BoundRequest.Sql sql, ExecutionContext context) throws SQLException {
        Limits limits = call.tool().limits();
        String text = attribution(call, context) + sql.sql();
        try (Connection c = pool().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(text)) {
                ps.setQueryTimeout((int) Math.max(1, limits.timeout().toSeconds()));
                // one extra row tells us whether rows were withheld
                ps.setMaxRows(limits.maxRows() + 1);
                ps.setFetchSize(Math.min(limits.maxRows() + 1, fetchSize));
                for (int i = 0; i < sql.binds().size(); i++) {
                    ps.setObject(i + 1, sql.binds().get(i));
                }
                ToolResult result;
                if (ps.execute()) {
                    try (ResultSet rs = ps.getResultSet()) {
                        result = table(rs, limits);
                    }
                } else {
                    result = new ToolResult.UpdateCount(ps.getLargeUpdateCount());
                }
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        }
    }

    private GatewayException failure(SQLException e, Limits limits) {
        if (e instanceof SQLTimeoutException || "57014".equals(e.getSQLState()) || "70100".equals(e.getSQLState())) {
            return new GatewayException("timeout", "The statement ran longer than the tool's limit of "
                    + limits.timeout().toSeconds() + " s and was cancelled.", e);
        }
        SQLException root = rootCause(e);
        LOGGER.log(System.Logger.Level.WARNING, "Statement failed on connection " + definition.name()
                + " (SQLState " + root.getSQLState() + ", code " + root.getErrorCode() + ")");
        if (root != e && root.getSQLState() != null && root.getSQLState().startsWith("08")
                || e instanceof java.sql.SQLTransientConnectionException) {
            return new GatewayException("connection_unavailable", "The database of connection '" + definition.name()
                    + "' cannot be reached (SQLState " + root.getSQLState() + ").", e);
        }
        if (root.getSQLState() != null && root.getSQLState().startsWith("28")) {
            return new GatewayException("connection_unavailable", "The database of connection '" + definition.name()
                    + "' refused the gateway's credential.", e);
        }
        return new GatewayException("execution_failed", "The database refused the statement (SQLState "
                + root.getSQLState() + ").", e);
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOGGER.log(System.Logger.Level.DEBUG, "rollback failed", e);
        }
    }

    /** SQLState class 28 is "invalid authorization specification" in every driver we ship. */
    private static boolean rejectedCredential(SQLException e) {
        String state = rootCause(e).getSQLState();
        return state != null && state.startsWith("28");
    }

    private static SQLException rootCause(SQLException e) {
        SQLException found = e;
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                found = s;
            }
        }
        return found;
    }

    private static ToolResult.Table table(ResultSet rs, Limits limits) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<ToolResult.Column> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(new ToolResult.Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
        }
        List<List<Object>> rows = new ArrayList<>();
        long bytes = 0;
        boolean truncated = false;
        while (rs.next()) {
            if (rows.size() >= limits.maxRows()) {
                truncated = true;
                break;
            }
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                Object v = value(rs.getObject(i));
                bytes += v == null ? 4 : v.toString().length() + 3;
                row.add(v);
            }
            if (bytes > limits.maxBytes()) {
                truncated = true;
                break;
            }
            rows.add(row);
        }
        // the exact number withheld is unknown without reading on; -1 means "more rows exist"
        return new ToolResult.Table(columns, rows, truncated, truncated ? -1 : 0);
    }

    private static Object value(Object v) throws SQLException {
        return switch (v) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Integer i -> i;
            case Long l -> l;
            case Short s -> s.intValue();
            case Byte b -> b.intValue();
            case BigInteger b -> b;
            case BigDecimal d -> d;
            case Double d -> d;
            case Float f -> f.doubleValue();
            case Timestamp t -> t.toInstant().toString();
            case java.sql.Date d -> d.toLocalDate().toString();
            case java.sql.Time t -> t.toLocalTime().toString();
            case TemporalAccessor t -> t.toString();
            case Clob c -> c.getSubString(1, (int) Math.min(c.length(), Integer.MAX_VALUE));
            case byte[] b -> "[binary, " + b.length + " bytes]";
            case java.sql.Array a -> array(a);
            default -> v.toString();
        };
    }

    private static List<Object> array(java.sql.Array a) throws SQLException {
        List<Object> out = new ArrayList<>();
        try {
            for (Object o : (Object[]) a.getArray()) {
                out.add(value(o));
            }
        } finally {
            a.free();
        }
        return out;
    }

    private static String attribution(BoundCall call, ExecutionContext context) {
        return "/* mcp-gateway user=" + UNSAFE_COMMENT_CHARS.matcher(context.user()).replaceAll("_")
                + " tool=" + UNSAFE_COMMENT_CHARS.matcher(call.tool().name()).replaceAll("_")
                + " event=" + UNSAFE_COMMENT_CHARS.matcher(context.auditEventId()).replaceAll("_") + " */ ";
    }

    private HikariDataSource pool() throws SQLException {
        HikariDataSource p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    p = open();
                    pool = p;
                }
            }
        }
        return p;
    }

    private synchronized void reset() {
        HikariDataSource p = pool;
        pool = null;
        if (p != null) {
            p.close();
        }
    }

    private HikariDataSource open() throws SQLException {
        String url = definition.url();
        HikariConfig config = new HikariConfig();
        config.setPoolName("gateway-" + definition.name());
        if (url.startsWith("jdbc:mysql:") && !url.contains("permitMysqlScheme")) {
            // the MariaDB driver speaks MySQL too, but only takes jdbc:mysql: URLs when asked to
            url = url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
        }
        config.setJdbcUrl(url);
        if (!definition.user().isEmpty()) {
            config.setUsername(definition.user());
        }
        if (!definition.credentialRef().isEmpty()) {
            config.setPassword(secrets.resolve(definition.credentialRef()));
        }
        boolean readOnly = definition.risk() == RiskLevel.READ_ONLY;
        config.setReadOnly(readOnly);
        config.setAutoCommit(false);
        if (url.startsWith("jdbc:postgresql:")) {
            config.addDataSourceProperty("ApplicationName", "mcp-gateway");
            if (readOnly) {
                config.addDataSourceProperty("readOnlyMode", "always");
                config.setConnectionInitSql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
            }
        } else if (readOnly && (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:"))) {
            config.setConnectionInitSql("SET SESSION TRANSACTION READ ONLY");
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(0);
        // one attempt at opening: a wrong credential must fail the call now, not after a retry loop
        config.setInitializationFailTimeout(1);
        config.setConnectionTimeout(connectTimeoutMillis);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            throw new SQLException("pool initialisation failed", "08001", e);
        } catch (RuntimeException e) {
            throw new SQLException("pool initialisation failed", "08001", e);
        }
    }

    @Override
    public void close() {
        reset();
    }
}
