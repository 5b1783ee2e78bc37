package io.mcpgateway.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    /** Reads the key file, or creates it (atomically, so two starting processes agree on one key). */
    static byte[] localKey(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(file.getParent());
                Path tmp = Files.createTempFile(file.getParent(), "key", ".tmp");
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // non-POSIX file system: rely on the data directory's own permissions
                }
                Files.writeString(tmp, Base64.getEncoder().encodeToString(key));
                try {
                    // a link, unlike a rename, never replaces a key another process created meanwhile
                    Files.createLink(file, tmp);
                } catch (FileAlreadyExistsException e) {
                    // that process's key wins; read it below
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key.length < 16) {
                throw new IllegalStateException("The masking key in " + file + " is shorter than 16 bytes");
            }
            return key;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot load or create the masking key at " + file + ": " + e.getMessage(), e);
        }
    }
}
