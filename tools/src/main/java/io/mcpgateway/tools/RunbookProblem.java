package io.mcpgateway.tools;

import java.util.Objects;

/**
 * One mistake in a runbook file, at the line and column where it was written, with a hint on how
 * to fix it.
 *
 * @param file    the file, as given to the loader
 * @param line    1-based line
 * @param column  1-based column
 * @param message what is wrong
 * @param hint    how to fix it, or empty
 */
public record RunbookProblem(String file, int line, int column, String message, String hint) {

    /**
     * Validates fields.
     *
     * @param file    file
     * @param line    line
     * @param column  column
     * @param message message
     * @param hint    hint or null
     */
    public RunbookProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        hint = hint == null ? "" : hint;
    }

    /**
     * The compiler-style form {@code file:line:col: message (hint: ...)}, one line.
     *
     * @return the problem as printed by {@code gateway runbooks lint}
     */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message + (hint.isEmpty() ? "" : " (hint: " + hint + ")");
    }
}
