package io.mcpgateway.tools;

import java.util.List;

/**
 * Runbooks could not be loaded. Lists every problem found, each at its {@code file:line:col}.
 */
public final class RunbookException extends RuntimeException {

    private final List<RunbookProblem> problems;

    /**
     * Creates the exception.
     *
     * @param problems problems, not empty
     */
    public RunbookException(List<RunbookProblem> problems) {
        super(problems.size() + " problem(s) in runbooks:\n  "
                + String.join("\n  ", problems.stream().map(RunbookProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    /**
     * The problems found.
     *
     * @return problems, in file and position order
     */
    public List<RunbookProblem> problems() {
        return problems;
    }
}
