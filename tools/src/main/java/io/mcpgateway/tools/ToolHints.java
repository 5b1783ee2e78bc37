package io.mcpgateway.tools;

/**
 * MCP tool annotations ({@code readOnlyHint}, {@code destructiveHint}, {@code idempotentHint},
 * {@code openWorldHint}). A {@code null} means "not written in the runbook"; the server then
 * derives the hint from the statement.
 *
 * @param readOnly    the tool does not change its environment
 * @param destructive the tool may delete or overwrite data
 * @param idempotent  repeating the call has no further effect
 * @param openWorld   the tool reaches beyond a closed set of systems
 */
public record ToolHints(Boolean readOnly, Boolean destructive, Boolean idempotent, Boolean openWorld) {

    /** No hints written. */
    public static final ToolHints NONE = new ToolHints(null, null, null, null);
}
