package io.mcpgateway.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.helidon.config.Config;

import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.FreeSqlTemplate;
import io.mcpgateway.tools.Parameter;
import io.mcpgateway.tools.ParameterType;
import io.mcpgateway.tools.Runbooks;
import io.mcpgateway.tools.ToolDefinition;

/**
 * The optional free-form SQL tool of a connection: the model writes the statement itself, and the
 * same policy judges it (parsed, hard guards, rules, risk level). Off by default; a connection
 * turns it on and names who may use it:
 *
 * <pre>
 * connections:
 *   prod-db-readonly:
 *     ...
 *     free-form-sql: true
 *     free-form-sql-groups: [sre, dba]
 * </pre>
 * The tool is called {@code sql_<connection>} (dashes become underscores) and takes one string
 * parameter, {@code sql}.
 */
final class FreeSqlTools {

    /** Longest statement the tool accepts (the analyzer refuses longer ones anyway). */
    static final int MAX_LENGTH = 20_000;

    private final Map<String, ToolDefinition> tools;
    /** The last runbooks extended and the result: the set changes only on a reload. */
    private volatile Runbooks[] last = {null, null};

    private FreeSqlTools(Map<String, ToolDefinition> tools) {
        this.tools = Map.copyOf(tools);
    }

    /**
     * Reads the free-form SQL settings of every connection.
     *
     * @param config gateway configuration
     * @return the tools that are turned on
     * @throws IllegalArgumentException naming the key when a setting is invalid
     */
    static FreeSqlTools create(GatewayConfig config) {
        Map<String, ToolDefinition> tools = new LinkedHashMap<>();
        for (ConnectionDefinition conn : config.connections().values()) {
            Config node = config.raw().get("connections").get(conn.name());
            String key = "connections." + conn.name() + ".free-form-sql";
            boolean enabled = node.get("free-form-sql").asBoolean().orElse(false);
            List<String> groups = node.get("free-form-sql-groups").asList(String.class).orElse(List.of());
            if (!enabled) {
                continue;
            }
            if (!conn.kind().equals("jdbc")) {
                throw new IllegalArgumentException(key + ": free-form SQL needs a jdbc connection, not " + conn.kind());
            }
            if (groups.isEmpty()) {
                throw new IllegalArgumentException(key + "-groups is required when " + key
                        + " is true: name the groups that may write their own SQL");
            }
            ToolDefinition tool = definition(conn, Set.copyOf(groups));
            tools.put(tool.name(), tool);
        }
        return new FreeSqlTools(tools);
    }

    /**
     * The name of a connection's free-form SQL tool.
     *
     * @param connection connection
     * @return e.g. {@code sql_demo_readonly}
     */
    static String toolName(ConnectionDefinition connection) {
        return "sql_" + connection.name().replaceAll("[^A-Za-z0-9_]", "_");
    }

    /**
     * The free-form SQL tool of a connection, whether or not it is turned on ({@code policy
     * explain} and policy tests judge SQL as this tool would receive it).
     *
     * @param connection connection
     * @param groups     groups that may call it
     * @return the tool
     */
    static ToolDefinition definition(ConnectionDefinition connection, Set<String> groups) {
        Parameter sql = Parameter.builder(FreeSqlTemplate.PARAMETER, ParameterType.STRING)
                .description("One SQL statement. It is parsed and judged by the gateway's policy before it runs; "
                        + "statements the policy does not allow are refused with the reason.")
                .minLength(1)
                .maxLength(MAX_LENGTH)
                .build();
        return new ToolDefinition(toolName(connection),
                "Run one SQL statement you write on connection '" + connection.name() + "' (risk level "
                        + connection.risk().configName() + "). Reads are "
                        + (connection.risk() == io.mcpgateway.tools.RiskLevel.ADMIN ? "reviewed by a person first"
                        : "answered directly") + "; writes follow the connection's policy. Prefer the specific tools "
                        + "when one fits.",
                connection.name(), groups, Map.of(sql.name(), sql), new FreeSqlTemplate(), null, null, null,
                "connections." + connection.name() + ".free-form-sql");
    }

    /**
     * The tool a connection's SQL is judged as: its free-form tool when turned on, else the same
     * definition open to the given groups.
     *
     * @param connection connection
     * @param groups     the caller's groups
     * @return tool
     */
    ToolDefinition judgedAs(ConnectionDefinition connection, Set<String> groups) {
        ToolDefinition on = tools.get(toolName(connection));
        return on != null ? on : definition(connection, groups);
    }

    /**
     * Adds the free-form SQL tools to loaded runbooks.
     *
     * @param runbooks runbook tools
     * @return runbooks with the free-form tools
     * @throws IllegalArgumentException when a runbook tool already has a free-form tool's name
     */
    Runbooks addTo(Runbooks runbooks) {
        if (tools.isEmpty()) {
            return runbooks;
        }
        Runbooks[] seen = last;
        if (seen[0] == runbooks) {
            return seen[1];
        }
        Map<String, ToolDefinition> all = new LinkedHashMap<>(runbooks.tools());
        for (ToolDefinition tool : tools.values()) {
            ToolDefinition clash = all.putIfAbsent(tool.name(), tool);
            if (clash != null) {
                throw new IllegalArgumentException(clash.source() + ": tool '" + tool.name() + "' has the name of the "
                        + "free-form SQL tool of connection '" + tool.connection() + "'; rename it");
            }
        }
        Runbooks extended = new Runbooks(all);
        last = new Runbooks[] {runbooks, extended};
        return extended;
    }

    /** @return the tools turned on, by name */
    Map<String, ToolDefinition> tools() {
        return tools;
    }
}
