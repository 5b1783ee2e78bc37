package io.mcpgateway.connectors;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import io.helidon.config.Config;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.mcpgateway.tools.GatewayException;

/**
 * Reads credentials from a secret store that speaks HashiCorp Vault's KV version 2 API:
 * {@code vault:PATH#KEY} is the field {@code KEY} of the secret at {@code PATH}, read with
 * {@code GET <address>/v1/<mount>/data/<PATH>} and the header {@code X-Vault-Token}.
 *
 * <p>Only HTTPS is accepted. A secret is cached for a short time ({@code cache-ttl}, default 60 s)
 * so that a burst of calls does not hammer the store, and dropped at once when a target system
 * rejects a value taken from it ({@link #invalidate(String)}), so a rotated password is picked
 * up on the next call. The token is read from an environment variable or a file (as a Vault agent
 * writes it) at each fetch and is itself scrubbed from outputs. Messages name the path, never a
 * value, and never the store's response body.
 *
 * <p>Configuration ({@code credentials.vault}): {@code address} (https URL, required),
 * {@code mount} (default {@code secret}), {@code token-env} (default {@code VAULT_TOKEN}),
 * {@code token-file}, {@code namespace}, {@code ca-file} (PEM certificates to trust instead of the
 * JVM's), {@code cache-ttl} (default {@code 60s}), {@code timeout} (default {@code 5s}).
 */
public final class VaultSecretProvider implements SecretProvider {

    private static final System.Logger LOGGER = System.getLogger(VaultSecretProvider.class.getName());
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]+");

    private final URI address;
    private final String mount;
    private final String tokenEnv;
    private final Path tokenFile;
    private final String namespace;
    private final Duration cacheTtl;
    private final Duration timeout;
    private final Clock clock;
    private final Function<String, String> environment;
    private final HttpClient client;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private VaultSecretProvider(Builder b) {
        this.address = b.address;
        this.mount = b.mount;
        this.tokenEnv = b.tokenEnv;
        this.tokenFile = b.tokenFile;
        this.namespace = b.namespace;
        this.cacheTtl = b.cacheTtl;
        this.timeout = b.timeout;
        this.clock = b.clock;
        this.environment = b.environment;
        HttpClient.Builder http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(java.net.ProxySelector.of(null));
        if (b.sslContext != null) {
            http.sslContext(b.sslContext);
        }
        this.client = http.build();
    }

    /**
     * A builder.
     *
     * @return builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String scheme() {
        return "vault";
    }

    @Override
    public String fetch(String location) {
        int hash = location.lastIndexOf('#');
        String path = hash < 0 ? location : location.substring(0, hash);
        String key = hash < 0 ? "" : location.substring(hash + 1);
        if (!PATH.matcher(path).matches() || path.contains("..") || !KEY.matcher(key).matches()) {
            throw new GatewayException("credential_unavailable", "Credential reference vault:" + path
                    + " must have the form vault:PATH#KEY (PATH segments and KEY of letters, digits, '.', '_', '-').");
        }
        Cached cached = cache.get(path);
        if (cached == null || cached.fetched().plus(cacheTtl).isBefore(clock.instant())) {
            cached = new Cached(read(path), clock.instant());
            cache.put(path, cached);
        }
        String value = cached.data().get(key);
        if (value == null || value.isEmpty()) {
            throw new GatewayException("credential_unavailable", "The secret at vault:" + path + " has no field '"
                    + key + "'.");
        }
        return value;
    }

    @Override
    public void invalidate(String location) {
        int hash = location.lastIndexOf('#');
        cache.remove(hash < 0 ? location : location.substring(0, hash));
    }

    @Override
    public Set<String> heldCredentials() {
        String token = tokenOrNull();
        return token == null ? Set.of() : Set.of(token);
    }

    private Map<String, String> read(String path) {
        String token = tokenOrNull();
        if (token == null) {
            throw new GatewayException("credential_unavailable", "No Vault token: set " + (tokenFile != null
                    ? "the file " + tokenFile : "the environment variable " + tokenEnv) + " for the gateway.");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(address.resolve("/v1/" + mount + "/data/" + path))
                .timeout(timeout)
                .header("X-Vault-Token", token)
                .header("Accept", "application/json")
                .GET();
        if (!namespace.isEmpty()) {
            request.header("X-Vault-Namespace", namespace);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            LOGGER.log(System.Logger.Level.WARNING, "Vault at " + address + " unreachable: " + e.getClass().getSimpleName());
            throw new GatewayException("credential_unavailable", "The secret store cannot be reached to read vault:"
                    + path + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("credential_unavailable", "Interrupted while reading vault:" + path + ".", e);
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 403) {
                throw new GatewayException("credential_unavailable", "The secret store refused the gateway's token "
                        + "for vault:" + path + " (HTTP 403).");
            }
            if (status == 404) {
                throw new GatewayException("credential_unavailable", "The secret store has no secret at vault:" + path + ".");
            }
            if (status != 200) {
                throw new GatewayException("credential_unavailable", "The secret store answered HTTP " + status
                        + " for vault:" + path + ".");
            }
            // read at most 1 MiB: a secret is small, and the body is never logged
            JsonNode data = json.readTree(new String(body.readNBytes(1 << 20), StandardCharsets.UTF_8))
                    .path("data").path("data");
            if (!data.isObject()) {
                throw new GatewayException("credential_unavailable", "The secret store's answer for vault:" + path
                        + " is not a KV version 2 secret.");
            }
            Map<String, String> values = new LinkedHashMap<>();
            data.properties().forEach(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    values.put(e.getKey(), e.getValue().asString());
                }
            });
            return Map.copyOf(values);
        } catch (IOException | JacksonException e) {
            throw new GatewayException("credential_unavailable", "The secret store's answer for vault:" + path
                    + " cannot be read.", e);
        }
    }

    private String tokenOrNull() {
        if (tokenFile != null) {
            try {
                String t = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
                return t.isEmpty() ? null : t;
            } catch (IOException e) {
                return null;
            }
        }
        String t = environment.apply(tokenEnv);
        return t == null || t.isBlank() ? null : t.strip();
    }

    private record Cached(Map<String, String> data, Instant fetched) {
    }

    /** Builder of {@link VaultSecretProvider}. */
    public static final class Builder implements io.helidon.common.Builder<Builder, VaultSecretProvider> {
        private URI address;
        private String mount = "secret";
        private String tokenEnv = "VAULT_TOKEN";
        private Path tokenFile;
        private String namespace = "";
        private Duration cacheTtl = Duration.ofSeconds(60);
        private Duration timeout = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();
        private Function<String, String> environment = System::getenv;
        private SSLContext sslContext;

        private Builder() {
        }

        /**
         * Reads dashed keys: {@code address}, {@code mount}, {@code token-env}, {@code token-file},
         * {@code namespace}, {@code ca-file}, {@code cache-ttl}, {@code timeout}.
         *
         * @param config the {@code credentials.vault} node
         * @return this builder
         */
        public Builder config(Config config) {
            config.get("address").asString().ifPresent(a -> address(URI.create(a)));
            config.get("mount").asString().ifPresent(this::mount);
            config.get("token-env").asString().ifPresent(this::tokenEnv);
            config.get("token-file").asString().ifPresent(f -> tokenFile(Path.of(f)));
            config.get("namespace").asString().ifPresent(this::namespace);
            config.get("ca-file").asString().ifPresent(f -> caFile(Path.of(f)));
            config.get("cache-ttl").asString().ifPresent(v -> cacheTtl(duration("credentials.vault.cache-ttl", v)));
            config.get("timeout").asString().ifPresent(v -> timeout(duration("credentials.vault.timeout", v)));
            return this;
        }

        /**
         * The store's base URL; must be {@code https}.
         *
         * @param address e.g. {@code https://vault.internal:8200}
         * @return this builder
         */
        public Builder address(URI address) {
            if (!"https".equals(address.getScheme()) || address.getHost() == null) {
                throw new IllegalArgumentException("credentials.vault.address must be an https URL, got '" + address + "'");
            }
            this.address = address;
            return this;
        }

        /**
         * The KV v2 mount (default {@code secret}).
         *
         * @param mount mount path
         * @return this builder
         */
        public Builder mount(String mount) {
            if (!PATH.matcher(mount).matches() || mount.contains("..")) {
                throw new IllegalArgumentException("credentials.vault.mount must be a plain path, got '" + mount + "'");
            }
            this.mount = mount;
            return this;
        }

        /**
         * The environment variable holding the token (default {@code VAULT_TOKEN}).
         *
         * @param name variable name
         * @return this builder
         */
        public Builder tokenEnv(String name) {
            this.tokenEnv = Objects.requireNonNull(name, "token-env");
            return this;
        }

        /**
         * A file holding the token (as a Vault agent writes it); takes precedence over {@code token-env}.
         *
         * @param file token file
         * @return this builder
         */
        public Builder tokenFile(Path file) {
            this.tokenFile = file;
            return this;
        }

        /**
         * The Vault Enterprise namespace sent as {@code X-Vault-Namespace}, or empty.
         *
         * @param namespace namespace
         * @return this builder
         */
        public Builder namespace(String namespace) {
            this.namespace = namespace == null ? "" : namespace;
            return this;
        }

        /**
         * Trusts the PEM certificates in a file instead of the JVM's trust store.
         *
         * @param file PEM file with one or more certificates
         * @return this builder
         */
        public Builder caFile(Path file) {
            return sslContext(PemCertificates.trusting(PemCertificates.read(file, "credentials.vault.ca-file")));
        }

        /**
         * The TLS context to use (tests, custom trust).
         *
         * @param context SSL context
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /**
         * How long a fetched secret is reused (default 60 s; zero disables caching).
         *
         * @param ttl time to live
         * @return this builder
         */
        public Builder cacheTtl(Duration ttl) {
            if (ttl.isNegative() || ttl.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("credentials.vault.cache-ttl must be 0..1h, got " + ttl);
            }
            this.cacheTtl = ttl;
            return this;
        }

        /**
         * Connect and request timeout (default 5 s).
         *
         * @param timeout timeout
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("credentials.vault.timeout must be positive and at most 1m, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * The clock of the cache.
         *
         * @param clock clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where {@code token-env} is looked up (default: the process environment).
         *
         * @param environment variable lookup
         * @return this builder
         */
        public Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        @Override
        public VaultSecretProvider build() {
            if (address == null) {
                throw new IllegalArgumentException("credentials.vault.address is required");
            }
            return new VaultSecretProvider(this);
        }

        private static Duration duration(String key, String value) {
            try {
                return io.mcpgateway.tools.RunbookLoader.parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
        }
    }
}
