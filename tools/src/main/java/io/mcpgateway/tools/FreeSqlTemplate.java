package io.mcpgateway.tools;

/**
 * The template of a free-form SQL tool (off by default, enabled per connection): the caller
 * writes the whole statement in the {@code sql} argument. Nothing about its shape is fixed, so
 * policy must hold on its own: the statement is parsed and judged like any other, and what does
 * not parse is denied.
 */
public record FreeSqlTemplate() implements ToolTemplate {

    /** The single parameter that carries the statement. */
    public static final String PARAMETER = "sql";
}
