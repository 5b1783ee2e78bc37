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

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.GatewayException;
import io.mcpgateway.tools.Limits;
import io.mcpgateway.tools.RiskLevel;
import io.mcpgateway.tools.ToolResult;

/**
 * Runs SQL tools on a JDBC database through a HikariCP pool of its own.
 *
 * <p>Values are bound with {@link PreparedStatement} parameters only. Each statement carries a
 * leading comment naming the gateway, the user, the tool and the audit event, so the database's
 * own logs attribute it to a person. Read-only connections are also read-only at the JDBC level.
 * Rows beyond the tool's row or byte cap are not returned and the result says so.
 */
public final class JdbcConnector implements Connector {

    private static final System.Logger LOGGER = System.getLogger(JdbcConnector.class.getName());
    // what may appear inside the attribution comment: no '*', '/', quotes or newlines
    private static final Pattern UNSAFE_COMMENT_CHARS = Pattern.compile("[^A-Za-z0-9@._:+-]");

    private final ConnectionDefinition definition;
    private final SecretResolver secrets;
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
    }

    @Override
    public ToolResult execute(BoundCall call, ExecutionContext context) {
        if (!(call.request() instanceof BoundRequest.Sql sql)) {
            throw new GatewayException("wrong_connector", "Tool '" + call.tool().name()
                    + "' is not a SQL tool but runs on JDBC connection '" + definition.name() + "'.");
        }
        Limits limits = call.tool().limits();
        String text = attribution(call, context) + sql.sql();
        try (Connection c = pool().getConnection();
             PreparedStatement ps = c.prepareStatement(text)) {
            ps.setQueryTimeout((int) Math.max(1, limits.timeout().toSeconds()));
            // one extra row tells us whether rows were withheld
            ps.setMaxRows(limits.maxRows() + 1);
            ps.setFetchSize(Math.min(limits.maxRows() + 1, 500));
            for (int i = 0; i < sql.binds().size(); i++) {
                ps.setObject(i + 1, sql.binds().get(i));
            }
            if (ps.execute()) {
                try (ResultSet rs = ps.getResultSet()) {
                    return table(rs, limits);
                }
            }
            return new ToolResult.UpdateCount(ps.getLargeUpdateCount());
        } catch (SQLTimeoutException e) {
            throw new GatewayException("timeout", "The statement ran longer than the tool's limit of "
                    + limits.timeout().toSeconds() + " s and was cancelled.", e);
        } catch (SQLException e) {
            LOGGER.log(System.Logger.Level.WARNING, "Statement failed on connection " + definition.name()
                    + " (SQLState " + e.getSQLState() + ", code " + e.getErrorCode() + ")");
            throw new GatewayException("execution_failed", "The database refused the statement (SQLState "
                    + e.getSQLState() + ").", e);
        }
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
            default -> v.toString();
        };
    }

    private static String attribution(BoundCall call, ExecutionContext context) {
        return "/* mcp-gateway user=" + UNSAFE_COMMENT_CHARS.matcher(context.user()).replaceAll("_")
                + " tool=" + UNSAFE_COMMENT_CHARS.matcher(call.tool().name()).replaceAll("_")
                + " event=" + UNSAFE_COMMENT_CHARS.matcher(context.auditEventId()).replaceAll("_") + " */ ";
    }

    private HikariDataSource pool() {
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

    private HikariDataSource open() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("gateway-" + definition.name());
        config.setJdbcUrl(definition.url());
        if (!definition.user().isEmpty()) {
            config.setUsername(definition.user());
        }
        if (!definition.credentialRef().isEmpty()) {
            config.setPassword(secrets.resolve(definition.credentialRef()));
        }
        config.setReadOnly(definition.risk() == RiskLevel.READ_ONLY);
        config.setMaximumPoolSize(Integer.parseInt(definition.options().getOrDefault("pool-size", "5")));
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(10_000);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new GatewayException("connection_unavailable",
                    "Connection '" + definition.name() + "' cannot be opened.", e);
        }
    }

    @Override
    public void close() {
        HikariDataSource p = pool;
        if (p != null) {
            p.close();
        }
    }
}
