package io.mcpgateway.server;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The options every command that needs configuration shares: {@code --config FILE} (default: the
 * demo's {@code examples/claude-config/gateway.yaml}) and {@code --data-dir DIR} (default
 * {@code ./data}).
 */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Gateway configuration (default: examples/claude-config/gateway.yaml)")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Embedded store, keys and demo data (default: ./data)")
    Path dataDir;

    /**
     * Loads the configuration named by the options.
     *
     * @return configuration
     */
    GatewayConfig load() {
        return GatewayConfig.load(configFile(), dataDir);
    }

    Path configFile() {
        if (config != null) {
            return config;
        }
        // ./gateway passes the checkout's location so the default works from any directory
        String home = System.getProperty("gateway.home", ".");
        return Path.of(home, "examples", "claude-config", "gateway.yaml");
    }
}
