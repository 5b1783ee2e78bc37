package io.mcpgateway.connectors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.helidon.config.Config;

import io.mcpgateway.tools.GatewayException;

/**
 * Resolves credential references from the configuration to their values, just in time, and
 * remembers every value it handed out so the masking stage can scrub them exactly.
 *
 * <p>References: {@code env:NAME} (environment variable), {@code file:PATH} (file content, one
 * trailing newline removed), {@code vault:PATH#KEY} (a HashiCorp Vault KV v2 secret, see
 * {@link VaultSecretProvider}). A plain value is accepted only when the resolver was built with
 * {@code allowPlaintext} (the demo); otherwise it is refused, so production configs cannot hold
 * secrets in clear. Error messages name the reference, never a value.
 *
 * <p>{@link #liveSecrets()} is the contract with the masking stage: the plain values of every
 * credential resolved so far (old values stay after a rotation), every value derived from one
 * that a connector registered (e.g. {@code user:password} of a Basic header), and the credentials
 * the providers themselves hold. The masker scrubs them in every encoding it knows (plain,
 * URL-encoded, base64).
 */
public final class SecretResolver {

    private final Map<String, SecretProvider> providers;
    private final boolean allowPlaintext;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    private SecretResolver(Builder builder) {
        this.providers = Map.copyOf(builder.providers);
        this.allowPlaintext = builder.allowPlaintext;
    }

    /**
     * A builder.
     *
     * @return builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A resolver over the process environment.
     *
     * @param allowPlaintext whether plain values are accepted (demo only)
     * @return resolver
     */
    public static SecretResolver create(boolean allowPlaintext) {
        return builder().allowPlaintext(allowPlaintext).build();
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
        return builder().environment(env::get).allowPlaintext(allowPlaintext).build();
    }

    /**
     * A resolver from the {@code credentials} section of the gateway configuration, over the
     * process environment.
     *
     * @param config the {@code credentials} node ({@code allow-plaintext}, {@code vault.*})
     * @return resolver
     */
    public static SecretResolver create(Config config) {
        return builder().config(config).build();
    }

    /**
     * Resolves a reference.
     *
     * @param reference {@code env:NAME}, {@code file:PATH}, {@code vault:PATH#KEY} or (demo) a plain value
     * @return the secret value
     * @throws GatewayException when it cannot be resolved
     */
    public String resolve(String reference) {
        Objects.requireNonNull(reference, "reference");
        int colon = reference.indexOf(':');
        SecretProvider provider = colon > 0 ? providers.get(reference.substring(0, colon)) : null;
        String value;
        if (provider != null) {
            value = provider.fetch(reference.substring(colon + 1));
        } else if (allowPlaintext) {
            value = reference;
        } else if (colon > 0 && reference.substring(0, colon).matches("[a-z]+")) {
            // the "scheme" may be the start of a plain password: never echo it
            throw new GatewayException("credential_unavailable", "A credential reference uses a scheme that is "
                    + "not configured (configured: "
                    + String.join(", ", providers.keySet().stream().sorted().toList()) + ").");
        } else {
            throw new GatewayException("credential_plaintext",
                    "A credential is written in clear in the configuration; use env:NAME, file:PATH or vault:PATH#KEY.");
        }
        if (value == null || value.isEmpty()) {
            throw new GatewayException("credential_unavailable", "Credential reference " + safe(reference)
                    + " resolved to an empty value.");
        }
        issued.add(value);
        return value;
    }

    /**
     * Tells the provider of a reference that the target system rejected its value, so the next
     * {@link #resolve(String)} fetches it afresh (rotation). Plain references are left alone.
     *
     * @param reference the reference that was rejected
     */
    public void invalidate(String reference) {
        int colon = reference.indexOf(':');
        SecretProvider provider = colon > 0 ? providers.get(reference.substring(0, colon)) : null;
        if (provider != null) {
            provider.invalidate(reference.substring(colon + 1));
        }
    }

    /**
     * Registers a value a connector derived from a credential (a {@code user:password} pair, a
     * signed header) so that it is scrubbed like the credential itself.
     *
     * @param derived derived secret value
     */
    public void registerDerived(String derived) {
        if (derived != null && !derived.isEmpty()) {
            issued.add(derived);
        }
    }

    /**
     * Every secret value resolved so far, derived values and the providers' own credentials (for
     * exact scrubbing of results, errors, logs and audit).
     *
     * @return live secret values
     */
    public Set<String> liveSecrets() {
        Set<String> all = new HashSet<>(issued);
        providers.values().forEach(p -> all.addAll(p.heldCredentials()));
        return Set.copyOf(all);
    }

    /** The reference as it may be printed: scheme and location only when it is not a plain value. */
    private String safe(String reference) {
        int colon = reference.indexOf(':');
        return colon > 0 && providers.containsKey(reference.substring(0, colon)) ? reference : "<plain value>";
    }

    /** {@code env:NAME}. */
    private record EnvProvider(Function<String, String> environment) implements SecretProvider {
        @Override
        public String scheme() {
            return "env";
        }

        @Override
        public String fetch(String name) {
            String value = environment.apply(name);
            if (value == null || value.isEmpty()) {
                throw new GatewayException("credential_unavailable",
                        "Credential reference env:" + name + " is not set in the gateway's environment.");
            }
            return value;
        }
    }

    /** {@code file:PATH}, read at every use so that a rotated file is picked up. */
    private record FileProvider() implements SecretProvider {
        @Override
        public String scheme() {
            return "file";
        }

        @Override
        public String fetch(String location) {
            Path path = Path.of(location);
            String value;
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
            return value;
        }
    }

    /** Builder of {@link SecretResolver}. */
    public static final class Builder implements io.helidon.common.Builder<Builder, SecretResolver> {
        private final Map<String, SecretProvider> providers = new LinkedHashMap<>();
        private Function<String, String> environment = System::getenv;
        private boolean allowPlaintext;

        private Builder() {
        }

        /**
         * Reads the {@code credentials} section: {@code allow-plaintext} (default false) and,
         * when {@code vault.address} is set, a Vault provider (see {@link VaultSecretProvider#builder()}).
         *
         * @param config the {@code credentials} node
         * @return this builder
         */
        public Builder config(Config config) {
            config.get("allow-plaintext").asBoolean().ifPresent(this::allowPlaintext);
            Config vault = config.get("vault");
            if (vault.get("address").exists()) {
                addProvider(VaultSecretProvider.builder().environment(environment).config(vault).build());
            }
            return this;
        }

        /**
         * The environment {@code env:} references and provider tokens read (default: the process's).
         * Set it before {@link #config(Config)}.
         *
         * @param environment variable lookup
         * @return this builder
         */
        public Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Whether plain values are accepted as credentials (demo only; default false).
         *
         * @param allow flag
         * @return this builder
         */
        public Builder allowPlaintext(boolean allow) {
            this.allowPlaintext = allow;
            return this;
        }

        /**
         * Adds a provider for its scheme (replacing a built-in one of the same scheme).
         *
         * @param provider provider
         * @return this builder
         */
        public Builder addProvider(SecretProvider provider) {
            String scheme = provider.scheme();
            if (!scheme.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("Secret provider scheme must be lower-case letters, got '" + scheme + "'");
            }
            providers.put(scheme, provider);
            return this;
        }

        @Override
        public SecretResolver build() {
            providers.putIfAbsent("env", new EnvProvider(environment));
            providers.putIfAbsent("file", new FileProvider());
            return new SecretResolver(this);
        }
    }
}
