package io.mcpgateway.server;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.helidon.config.Config;

/**
 * Protection against DNS rebinding (MCP transport spec, "Security Warning"): a browser page on a
 * foreign site must not reach a gateway on the user's machine by pointing its own host name at
 * 127.0.0.1. Every request's {@code Host} must be a loopback name or an allowed host, and an
 * {@code Origin}, when a browser sends one, must be a loopback origin or an allowed origin.
 *
 * <p>Loopback names are {@code localhost}, {@code 127.0.0.1} and {@code [::1]} with any port:
 * clients use all three (the SDK's default validator accepts only {@code localhost}).
 * Deployments behind a proxy list their public host names in {@code allowed-hosts}.
 */
public final class OriginPolicy {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> allowedHosts;
    private final Set<String> allowedOrigins;

    private OriginPolicy(Builder builder) {
        this.allowedHosts = Set.copyOf(builder.hosts);
        this.allowedOrigins = Set.copyOf(builder.origins);
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
     * Reads {@code allowed-hosts} and {@code allowed-origins} lists.
     *
     * @param config config node
     * @return policy
     */
    public static OriginPolicy create(Config config) {
        return builder().config(config).build();
    }

    /**
     * Checks a request's headers.
     *
     * @param host   the {@code Host} header, if any
     * @param origin the {@code Origin} header, if any
     * @return a reason to refuse, or empty when acceptable
     */
    public Optional<String> refusal(Optional<String> host, Optional<String> origin) {
        if (host.isEmpty() || host.get().isBlank()) {
            return Optional.of("Missing Host header");
        }
        String hostName = hostName(host.get());
        if (!LOOPBACK.contains(hostName) && !allowedHosts.contains(hostName)) {
            return Optional.of("Host '" + host.get() + "' is not allowed");
        }
        if (origin.isPresent() && !origin.get().equals("null")) {
            String o = origin.get().toLowerCase(Locale.ROOT);
            if (allowedOrigins.contains(o)) {
                return Optional.empty();
            }
            try {
                URI uri = URI.create(o);
                String originHost = uri.getHost() == null ? "" : uri.getHost();
                if (originHost.startsWith("[") || originHost.contains(":")) {
                    originHost = originHost.startsWith("[") ? originHost : "[" + originHost + "]";
                }
                if (LOOPBACK.contains(originHost)) {
                    return Optional.empty();
                }
            } catch (IllegalArgumentException e) {
                return Optional.of("Origin is not a valid URL");
            }
            return Optional.of("Origin '" + origin.get() + "' is not allowed");
        }
        return Optional.empty();
    }

    /** The host part of a Host header value, lower case, brackets kept for IPv6. */
    static String hostName(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /**
     * Builder of {@link OriginPolicy}.
     */
    public static final class Builder {
        private final Set<String> hosts = new LinkedHashSet<>();
        private final Set<String> origins = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * Reads {@code allowed-hosts} and {@code allowed-origins}.
         *
         * @param config config node
         * @return this builder
         */
        public Builder config(Config config) {
            addAllowedHosts(config.get("allowed-hosts").asList(String.class).orElse(List.of()));
            addAllowedOrigins(config.get("allowed-origins").asList(String.class).orElse(List.of()));
            return this;
        }

        /**
         * Adds host names accepted in the {@code Host} header (no port).
         *
         * @param names host names, e.g. {@code gateway.example.com}
         * @return this builder
         */
        public Builder addAllowedHosts(List<String> names) {
            for (String n : names) {
                if (n.isBlank() || n.contains("/") || n.equals("*")) {
                    throw new IllegalArgumentException("server.allowed-hosts: '" + n
                            + "' is not a host name (no scheme, path or wildcard)");
                }
                hosts.add(hostName(n));
            }
            return this;
        }

        /**
         * Adds origins accepted in the {@code Origin} header.
         *
         * @param values origins, e.g. {@code https://gateway.example.com}
         * @return this builder
         */
        public Builder addAllowedOrigins(List<String> values) {
            for (String o : values) {
                if (!o.matches("https?://[^/]+")) {
                    throw new IllegalArgumentException("server.allowed-origins: '" + o
                            + "' must be scheme://host[:port] without a path");
                }
                origins.add(o.toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return policy
         */
        public OriginPolicy build() {
            return new OriginPolicy(this);
        }
    }
}
