package io.mcpgateway.server;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.RunbookLoader;
import io.mcpgateway.tools.RunbookProblem;

/**
 * {@code gateway runbooks lint DIR [--config FILE]}: validates runbook templates against the
 * configuration's connections (default: the demo configuration) and prints every problem as
 * {@code file:line:col: message (hint: ...)}; exits 1 when there is any, 2 when it cannot run.
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
    @Command(name = "lint", description = "Validate the runbooks in DIR; print file:line:col: message per problem.")
    static final class Lint implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "Runbook directory")
        Path dir;
        @Mixin
        ConfigOptions options;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isDirectory(dir)) {
                err.println(dir + ": not a directory");
                return 2;
            }
            RunbookLoader loader;
            if (options.config == null && !Files.isRegularFile(options.configFile())) {
                // linting a runbook repository on its own: everything but the connections
                err.println("note: no configuration at " + options.configFile() + ", so connections are not checked "
                        + "(pass --config FILE)");
                loader = Gateway.runbookLoader(null, null, true);
            } else {
                GatewayConfig config;
                try {
                    config = options.load();
                } catch (IllegalArgumentException e) {
                    err.println(options.configFile() + ": " + e.getMessage());
                    return 2;
                }
                loader = Gateway.runbookLoader(config.connections(),
                        MaskingSetup.forProfiles(config).profileNames(), true);
            }
            RunbookLoader.Loaded loaded = loader.read(dir);
            if (loaded.problems().isEmpty()) {
                out.println(dir + ": " + loaded.runbooks().tools().size() + " tool(s), no problems");
                return 0;
            }
            loaded.problems().stream().map(RunbookProblem::toString).forEach(out::println);
            err.println(loaded.problems().size() + " problem(s)");
            return 1;
        }
    }
}
