package io.mcpgateway.tools;

import java.util.List;

/**
 * The arguments of a call do not fit the tool's parameters. Carries every problem found, so the
 * model can fix them all in one retry.
 */
public final class InvalidArgumentsException extends GatewayException {

    private final List<String> problems;

    /**
     * Creates the exception from a list of problems, each one sentence naming the parameter.
     *
     * @param problems problems found, not empty
     */
    public InvalidArgumentsException(List<String> problems) {
        super("invalid_arguments", "Invalid arguments: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * The individual problems.
     *
     * @return problems, one sentence each
     */
    public List<String> problems() {
        return problems;
    }
}
