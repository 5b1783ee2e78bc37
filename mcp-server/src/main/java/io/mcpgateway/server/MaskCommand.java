package io.mcpgateway.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.mcpgateway.masking.MaskingEngine;

/**
 * {@code gateway mask}: masks standard input to standard output, for operators testing a profile.
 */
@Command(name = "mask", description = "Mask stdin to stdout with a masking profile.")
final class MaskCommand implements Callable<Integer> {

    @Option(names = "--profile", defaultValue = "default", description = "Masking profile (default: default)")
    String profile;
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        PrintWriter out = spec.commandLine().getOut();
        out.print(MaskingEngine.create().maskText(input, Set.of()).text());
        out.flush();
        return 0;
    }
}
