package io.mcpgateway.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.mcpgateway.masking.MaskingEngine;

/**
 * {@code gateway mask}: masks standard input to standard output with a profile of the
 * configuration's {@code masking:} section, for operators testing a profile. Values are redacted
 * ({@code [EMAIL]}): there is no MCP session to hold reversible tokens.
 */
@Command(name = "mask", description = "Mask stdin to stdout with a masking profile.")
final class MaskCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;
    @Option(names = "--profile", defaultValue = "default", description = "Masking profile (default: default)")
    String profile;
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        MaskingEngine engine = MaskingSetup.engine(options.load());
        if (!engine.profileNames().contains(profile)) {
            spec.commandLine().getErr().println("error: unknown masking profile '" + profile + "' (known: "
                    + String.join(", ", engine.profileNames()) + ")");
            return 2;
        }
        String input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        PrintWriter out = spec.commandLine().getOut();
        out.print(engine.maskText(input, profile));
        out.flush();
        return 0;
    }
}
