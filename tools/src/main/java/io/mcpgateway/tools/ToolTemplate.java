package io.mcpgateway.tools;

/**
 * The fixed shape of what a tool does; the agent supplies only parameter values.
 */
public sealed interface ToolTemplate permits SqlTemplate, FreeSqlTemplate, HttpTemplate, LogsTemplate {

    /**
     * The kind name used in runbooks ({@code sql}, {@code http}, {@code logs}) and config
     * ({@code free-sql}).
     *
     * @return kind
     */
    default String kind() {
        return switch (this) {
            case SqlTemplate s -> "sql";
            case FreeSqlTemplate f -> "free-sql";
            case HttpTemplate h -> "http";
            case LogsTemplate l -> "logs";
        };
    }

    /**
     * The connection kind this template runs on.
     *
     * @return {@code jdbc}, {@code http} or {@code logs}
     */
    default String connectionKind() {
        return switch (this) {
            case SqlTemplate s -> "jdbc";
            case FreeSqlTemplate f -> "jdbc";
            case HttpTemplate h -> "http";
            case LogsTemplate l -> "logs";
        };
    }
}
