package io.mcpgateway.connectors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.mcpgateway.tools.GatewayException;

/**
 * Resolves credential references from the configuration to their values, just in time, and
 * remembers every value it handed out so the masking stage can scrub them exactly.
 *
 * <p>References: {@code env:NAME} (environment variable), {@code file:PATH} (file content, one
 * trailing newline removed). A plain value is accepted only when the resolver was built with
 * {@code allowPlaintext} (the demo); otherwise it is refused, so production configs cannot hold
 * secrets in clear. Error messages name the reference, never a value.
 */
public final class SecretResolver {

    private final Function<String, String> environment;
    private final boolean allowPlaintext;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    private SecretResolver(Function<String, String> environment, boolean allowPlaintext) {
        this.environment = environment;
        this.allowPlaintext = allowPlaintext;
    }

    /**
     * A resolver over the process environment.
     *
     * @param allowPlaintext whether plain values are accepted (demo only)
     * @return resolver
     */
    public static SecretResolver create(boolean allowPlaintext) {
        return new SecretResolver(System::getenv, allowPlaintext);
    }

    /**
     * A resolver over a given environment (tests, embedding).
     *
     * @param environment    variables
     * @param allowPlaintext whether plain values are accepted
     * @return resolver
     */
    public static SecretResolver create(Map<String, String> environment, boolean allowPlaintext) {
        Map<String, String> env = Map.copyOf(environment);
        return new SecretResolver(env::get, allowPlaintext);
    }

    /**
     * Resolves a reference.
     *
     * @param reference {@code env:NAME}, {@code file:PATH} or (demo) a plain value
     * @return the secret value
     * @throws GatewayException when it cannot be resolved
     */
    public String resolve(String reference) {
        Objects.requireNonNull(reference, "reference");
        String value;
        if (reference.startsWith("env:")) {
            String name = reference.substring(4);
            value = environment.apply(name);
            if (value == null || value.isEmpty()) {
                throw new GatewayException("credential_unavailable",
                        "Credential reference env:" + name + " is not set in the gateway's environment.");
            }
        } else if (reference.startsWith("file:")) {
            Path path = Path.of(reference.substring(5));
            try {
                value = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new GatewayException("credential_unavailable",
                        "Credential reference file:" + path + " cannot be read.", e);
            }
            value = value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
            value = value.endsWith("\r") ? value.substring(0, value.length() - 1) : value;
            if (value.isEmpty()) {
                throw new GatewayException("credential_unavailable", "Credential file " + path + " is empty.");
            }
        } else if (allowPlaintext) {
            value = reference;
        } else {
            throw new GatewayException("credential_plaintext",
                    "A credential is written in clear in the configuration; use env:NAME or file:PATH.");
        }
        issued.add(value);
        return value;
    }

    /**
     * Every secret value resolved so far (for exact scrubbing of results, errors and audit).
     *
     * @return live secret values
     */
    public Set<String> liveSecrets() {
        return Set.copyOf(issued);
    }
}
