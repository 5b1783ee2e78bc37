package io.mcpgateway.guardrails;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.helidon.config.Config;

import io.mcpgateway.tools.RunbookLoader;

/**
 * Reading the {@code policy} section strictly: unknown keys are errors (a misspelt key in a
 * deny rule would otherwise silently widen what is allowed), and every message names the key
 * and the value.
 */
final class PolicyConfig {

    private PolicyConfig() {
    }

    /**
     * Fails on keys of a node that are not known.
     *
     * @param node  config node
     * @param known accepted keys
     * @throws IllegalArgumentException naming the key and the accepted ones
     */
    static void checkKeys(Config node, Set<String> known) {
        for (Config child : node.asNodeList().orElse(List.of())) {
            if (!known.contains(child.name())) {
                throw new IllegalArgumentException(path(node) + ": unknown key '" + child.name() + "'; known keys: "
                        + new TreeSet<>(known));
            }
        }
    }

    /**
     * Reads a duration ({@code 30s}, {@code 15m}, {@code 1h}, ISO-8601).
     *
     * @param node     config node
     * @param fallback value when absent
     * @return duration
     */
    static Duration duration(Config node, Duration fallback) {
        if (!node.exists()) {
            return fallback;
        }
        String value = node.asString().orElse("");
        try {
            return RunbookLoader.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path(node) + ": " + e.getMessage());
        }
    }

    /**
     * Reads a list of strings; a single string counts as a list of one.
     *
     * @param node config node
     * @return values, empty when absent
     */
    static List<String> strings(Config node) {
        if (!node.exists()) {
            return List.of();
        }
        if (node.isLeaf()) {
            return List.of(node.asString().get());
        }
        return node.asList(String.class).get();
    }

    /**
     * The dotted key of a node, for messages ({@code policy.rules.2.action}).
     *
     * @param node node
     * @return key
     */
    static String path(Config node) {
        return node.key().toString();
    }
}
