package io.mcpgateway.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.mcpgateway.tools.RunbookException;
import io.mcpgateway.tools.RunbookLoader;
import io.mcpgateway.tools.Runbooks;

/**
 * {@code gateway runbooks lint DIR}: validates runbook templates and prints every problem with its
 * position; exits non-zero when there is any.
 */
@Command(name = "runbooks", description = "Work with runbook templates.", subcommands = RunbooksCommand.Lint.class)
final class RunbooksCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The lint subcommand. */
    @Command(name = "lint", description = "Validate the runbooks in DIR; print file:line: message per problem.")
    static final class Lint implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "Runbook directory")
        Path dir;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!Files.isDirectory(dir)) {
                spec.commandLine().getErr().println(dir + ": not a directory");
                return 2;
            }
            try {
                Runbooks runbooks = new RunbookLoader().load(dir);
                spec.commandLine().getOut().println(dir + ": " + runbooks.tools().size() + " tool(s), no problems");
                return 0;
            } catch (RunbookException e) {
                e.problems().forEach(spec.commandLine().getOut()::println);
                spec.commandLine().getErr().println(e.problems().size() + " problem(s)");
                return 1;
            }
        }
    }
}
