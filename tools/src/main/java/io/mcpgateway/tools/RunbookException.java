package io.mcpgateway.tools;

import java.util.List;

/**
 * Runbooks could not be loaded. Lists every problem found, each prefixed with its
 * {@code file:line} position.
 */
public final class RunbookException extends RuntimeException {

    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param problems problems, each {@code file:line: message}
     */
    public RunbookException(List<String> problems) {
        super(problems.size() + " problem(s) in runbooks:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * The problems found.
     *
     * @return problems
     */
    public List<String> problems() {
        return problems;
    }
}
