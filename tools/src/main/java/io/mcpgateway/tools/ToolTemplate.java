package io.mcpgateway.tools;

/**
 * The fixed shape of what a tool does; the agent supplies only parameter values.
 */
public sealed interface ToolTemplate permits SqlTemplate, FreeSqlTemplate {

    /**
     * The kind name used in runbooks ({@code sql}) and config ({@code free-sql}).
     *
     * @return kind
     */
    default String kind() {
        return switch (this) {
            case SqlTemplate s -> "sql";
            case FreeSqlTemplate f -> "free-sql";
        };
    }
}
