package io.mcpgateway.server;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import io.helidon.config.Config;
import io.mcpgateway.masking.MaskingEngine;

/**
 * The masking engine of a configuration. Keyed hashes and format-preserving replacements need a
 * deployment key that stays the same across restarts (or the same customer gets a new pseudonym
 * every start, and `gateway mask` disagrees with the server). When {@code masking.hash-key} is not
 * configured, the key is generated once into the data directory, next to the token signing key,
 * readable by the gateway's user only.
 */
final class MaskingSetup {

    private static final String KEY_FILE = "masking-hash-key";

    private MaskingSetup() {
    }

    /**
     * The engine for serving and for {@code gateway mask}.
     *
     * @param config the configuration
     * @return the engine
     */
    static MaskingEngine engine(GatewayConfig config) {
        Config masking = config.raw().get("masking");
        MaskingEngine.Builder builder = MaskingEngine.builder().config(masking);
        if (masking.get("hash-key").asString().isEmpty()) {
            builder.hashKey(localKey(config.dataDir().resolve("keys").resolve(KEY_FILE)));
        }
        return builder.build();
    }

    /**
     * The engine's profile names, for checking runbooks; creates no key.
     *
     * @param config the configuration
     * @return the engine (its hashes are not stable: use it for its profiles only)
     */
    static MaskingEngine forProfiles(GatewayConfig config) {
        Config masking = config.raw().get("masking");
        MaskingEngine.Builder builder = MaskingEngine.builder().config(masking);
        if (masking.get("hash-key").asString().isEmpty()) {
            byte[] throwaway = new byte[32];
            new SecureRandom().nextBytes(throwaway);
            builder.hashKey(throwaway);
        }
        return builder.build();
    }

    /** Reads the key file, or creates it with 32 random bytes (base64). */
    static byte[] localKey(Path file) {
        try {
            String text = KeyFiles.readOrCreate(file, () -> {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                return Base64.getEncoder().encodeToString(key);
            });
            byte[] key = Base64.getDecoder().decode(text);
            if (key.length < 16) {
                throw new IllegalStateException("The masking key in " + file + " is shorter than 16 bytes");
            }
            return key;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot load or create the masking key at " + file + ": " + e.getMessage(), e);
        }
    }
}
