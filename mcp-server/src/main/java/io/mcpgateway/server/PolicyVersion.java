package io.mcpgateway.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

import io.helidon.config.Config;

import io.mcpgateway.tools.ConnectionDefinition;

/**
 * The version of the policy in force, as approvals are bound to it: an approval given under one
 * version does not run a call under another; the call is evaluated again and asks anew.
 *
 * <p>It is a SHA-256 over everything in the configuration that decides calls: every setting of
 * the {@code policy} section and every connection's risk level. (Runbook changes need no part
 * here: an approval is also bound to the exact rendered statement.)
 */
final class PolicyVersion {

    private PolicyVersion() {
    }

    /**
     * Computes the version of a configuration's policy.
     *
     * @param config the gateway configuration
     * @return hex SHA-256
     */
    static String of(GatewayConfig config) {
        TreeSet<String> lines = new TreeSet<>();
        Config policy = config.raw().get("policy");
        if (policy.exists()) {
            // list elements are leaves keyed by their index, so the order of rules counts too
            policy.traverse().filter(Config::isLeaf)
                    .forEach(n -> lines.add(n.key() + "=" + n.asString().orElse("")));
        }
        for (ConnectionDefinition c : config.connections().values()) {
            lines.add("connection." + c.name() + ".risk=" + c.risk().configName());
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
