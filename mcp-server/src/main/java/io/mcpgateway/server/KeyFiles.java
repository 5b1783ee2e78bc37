package io.mcpgateway.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * Keys the gateway generates for itself into its data directory (the token signing key, the
 * masking key): created once, readable by the gateway's user only, and never replaced, so two
 * processes starting at the same time end up with the same key.
 */
final class KeyFiles {

    private KeyFiles() {
    }

    /**
     * The content of a key file, created from {@code generate} when it does not exist.
     *
     * @param file     the file
     * @param generate the new key's text, called only when the file is missing
     * @return the file's text, stripped
     * @throws IOException when it cannot be read or created
     */
    static String readOrCreate(Path file, Supplier<String> generate) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "key", ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // non-POSIX file system: rely on the data directory's own permissions
                }
                Files.writeString(tmp, generate.get(), StandardCharsets.US_ASCII);
                // a link, unlike a rename, never replaces a key another process created meanwhile
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // that process's key wins; read it below
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }
}
