package io.mcpgateway.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.helidon.common.config.Config;

/**
 * Which {@code Host} and {@code Origin} request headers the MCP endpoint accepts: the defence
 * against DNS rebinding that the MCP Streamable HTTP transport requires of servers.
 * <p>
 * A web page on {@code http://evil.example} whose DNS name is re-pointed to {@code 127.0.0.1}
 * can make the victim's browser send requests to a gateway listening on loopback. The browser
 * then still sends {@code Host: evil.example} (and {@code Origin: http://evil.example}), so a
 * server that checks these headers refuses the request before any MCP handling takes place.
 * <p>
 * Rules:
 * <ul>
 *     <li>{@code Host} must name a loopback address ({@code localhost}, an IPv4 address in
 *     {@code 127.0.0.0/8}, {@code [::1]}), with any port, or match an entry of
 *     {@code allowed-hosts}. An entry without a port matches every port of that name; an
 *     entry {@code name:port} matches that port only. A request without exactly one
 *     {@code Host} header is refused.</li>
 *     <li>{@code Origin}, when present, must be an {@code http} or {@code https} origin on a
 *     loopback host, or equal an entry of {@code allowed-origins}. The opaque origin
 *     {@code null} is refused. Requests without {@code Origin} (every non-browser client)
 *     are judged by their {@code Host} alone.</li>
 * </ul>
 * Operators who put the gateway behind a reverse proxy list the public names there:
 * <pre>{@code
 * origin-policy:
 *   allowed-hosts: ["gateway.example.com"]
 *   allowed-origins: ["https://gateway.example.com"]
 * }</pre>
 * Instances are immutable and thread-safe.
 */
public final class OriginPolicy {

    private static final String HOSTS_KEY = "allowed-hosts";
    private static final String ORIGINS_KEY = "allowed-origins";

    private final List<HostEntry> allowedHosts;
    private final Set<String> allowedOrigins;

    private OriginPolicy(Builder builder) {
        this.allowedHosts = List.copyOf(builder.allowedHosts);
        this.allowedOrigins = Set.copyOf(builder.allowedOrigins);
    }

    /**
     * A builder starting from the default policy (loopback only).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default policy: loopback host names and origins only.
     *
     * @return the loopback-only policy
     */
    public static OriginPolicy create() {
        return builder().build();
    }

    /**
     * A policy read from configuration, keys {@code allowed-hosts} and {@code allowed-origins}
     * (both lists of strings, both optional).
     *
     * @param config the {@code origin-policy} node
     * @return the configured policy
     * @throws IllegalArgumentException if an entry is malformed; the message names key and value
     */
    public static OriginPolicy create(Config config) {
        return builder().config(config).build();
    }

    /**
     * Whether a request carrying these {@code Host} header values may proceed.
     *
     * @param hostHeaders every value of the {@code Host} header, in order
     * @return {@code true} if there is exactly one value and it names an allowed host
     */
    public boolean allowsHost(List<String> hostHeaders) {
        if (hostHeaders.size() != 1) {
            // Two Host headers are a request-smuggling pattern; none cannot be checked.
            return false;
        }
        Optional<Authority> authority = Authority.parse(hostHeaders.getFirst());
        if (authority.isEmpty()) {
            return false;
        }
        Authority parsed = authority.get();
        return parsed.isLoopback() || allowedHosts.stream().anyMatch(entry -> entry.matches(parsed));
    }

    /**
     * Whether a request carrying these {@code Origin} header values may proceed.
     *
     * @param originHeaders every value of the {@code Origin} header, in order (empty when absent)
     * @return {@code true} if there is none, or exactly one that is a loopback or allowed origin
     */
    public boolean allowsOrigin(List<String> originHeaders) {
        if (originHeaders.isEmpty()) {
            return true;
        }
        if (originHeaders.size() != 1) {
            return false;
        }
        Optional<String> origin = normalizeOrigin(originHeaders.getFirst());
        if (origin.isEmpty()) {
            return false;
        }
        if (allowedOrigins.contains(origin.get())) {
            return true;
        }
        URI uri = URI.create(origin.get());
        return Authority.parse(uri.getRawAuthority()).map(Authority::isLoopback).orElse(false);
    }

    /**
     * The host names allowed in addition to loopback, as configured.
     *
     * @return host entries ({@code name} or {@code name:port}), lower case
     */
    public List<String> allowedHosts() {
        return allowedHosts.stream().map(HostEntry::toString).toList();
    }

    /**
     * The origins allowed in addition to loopback origins, normalized.
     *
     * @return origins such as {@code https://gateway.example.com:443}
     */
    public Set<String> allowedOrigins() {
        return allowedOrigins;
    }

    @Override
    public String toString() {
        return "OriginPolicy[loopback, allowed-hosts=" + allowedHosts() + ", allowed-origins=" + allowedOrigins + "]";
    }

    /**
     * Normalizes an origin to {@code scheme://host:port} in lower case with the default port
     * made explicit, or empty if it is not a plain http(s) origin.
     */
    private static Optional<String> normalizeOrigin(String origin) {
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null
                && uri.getRawUserInfo() == null;
        if (!(scheme.equals("http") || scheme.equals("https")) || !bare || uri.getRawAuthority() == null) {
            return Optional.empty();
        }
        return Authority.parse(uri.getRawAuthority()).map(authority -> {
            int port = authority.port() >= 0 ? authority.port() : (scheme.equals("https") ? 443 : 80);
            return scheme + "://" + authority.host() + ":" + port;
        });
    }

    /**
     * A parsed {@code host[:port]}; {@code port} is -1 when absent. IPv6 hosts keep brackets.
     */
    private record Authority(String host, int port) {

        static Optional<Authority> parse(String value) {
            if (value == null) {
                return Optional.empty();
            }
            String text = value.trim().toLowerCase(Locale.ROOT);
            String host;
            String rest;
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                if (close < 0) {
                    return Optional.empty();
                }
                host = text.substring(0, close + 1);
                rest = text.substring(close + 1);
            } else {
                int colon = text.indexOf(':');
                host = colon < 0 ? text : text.substring(0, colon);
                rest = colon < 0 ? "" : text.substring(colon);
            }
            if (host.isEmpty() || !validHost(host)) {
                return Optional.empty();
            }
            if (rest.isEmpty()) {
                return Optional.of(new Authority(host, -1));
            }
            if (!rest.startsWith(":") || rest.length() < 2 || rest.length() > 6
                    || !rest.substring(1).chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int port = Integer.parseInt(rest.substring(1));
            return port <= 65535 ? Optional.of(new Authority(host, port)) : Optional.empty();
        }

        private static boolean validHost(String host) {
            if (host.startsWith("[")) {
                return host.length() > 2 && host.substring(1, host.length() - 1).chars()
                        .allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
            }
            return host.chars().allMatch(c -> c == '-' || c == '.' || c == '_'
                    || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
        }

        boolean isLoopback() {
            return host.equals("localhost") || host.equals("[::1]") || host.equals("[0:0:0:0:0:0:0:1]")
                    || isIpv4Loopback(host);
        }

        private static boolean isIpv4Loopback(String host) {
            String[] octets = host.split("\\.", -1);
            if (octets.length != 4 || !octets[0].equals("127")) {
                return false;
            }
            for (String octet : octets) {
                if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)
                        || Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * One {@code allowed-hosts} entry; {@code port} -1 means any port.
     */
    private record HostEntry(String host, int port) {

        boolean matches(Authority authority) {
            return host.equals(authority.host()) && (port < 0 || port == authority.port());
        }

        @Override
        public String toString() {
            return port < 0 ? host : host + ":" + port;
        }
    }

    /**
     * Builder of {@link OriginPolicy}. Loopback hosts and origins are always allowed; the
     * entries added here extend that set.
     */
    public static final class Builder implements io.helidon.common.Builder<Builder, OriginPolicy> {

        private final List<HostEntry> allowedHosts = new ArrayList<>();
        private final Set<String> allowedOrigins = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * Reads {@code allowed-hosts} and {@code allowed-origins}, adding to what is set.
         *
         * @param config the {@code origin-policy} node
         * @return this builder
         */
        public Builder config(Config config) {
            Objects.requireNonNull(config, "config");
            config.get(HOSTS_KEY).asList(String.class).ifPresent(list -> list.forEach(this::addAllowedHost));
            config.get(ORIGINS_KEY).asList(String.class).ifPresent(list -> list.forEach(this::addAllowedOrigin));
            return this;
        }

        /**
         * Allows a public host name, as the {@code Host} header carries it behind a proxy.
         *
         * @param host {@code name} (any port) or {@code name:port}; no scheme, path or wildcard
         * @return this builder
         * @throws IllegalArgumentException if the entry is not a plain host name with optional port
         */
        public Builder addAllowedHost(String host) {
            Objects.requireNonNull(host, HOSTS_KEY);
            Authority authority = Authority.parse(host)
                    .filter(parsed -> !host.isBlank())
                    .orElseThrow(() -> new IllegalArgumentException(
                            HOSTS_KEY + ": '" + host + "' is not a host name with an optional port"));
            allowedHosts.add(new HostEntry(authority.host(), authority.port()));
            return this;
        }

        /**
         * Replaces the allowed host names.
         *
         * @param hosts entries as for {@link #addAllowedHost(String)}
         * @return this builder
         */
        public Builder allowedHosts(List<String> hosts) {
            allowedHosts.clear();
            hosts.forEach(this::addAllowedHost);
            return this;
        }

        /**
         * Allows a browser origin, for pages served from a public name of the gateway.
         *
         * @param origin {@code http://name[:port]} or {@code https://name[:port]}, nothing else
         * @return this builder
         * @throws IllegalArgumentException if the entry is not such an origin
         */
        public Builder addAllowedOrigin(String origin) {
            Objects.requireNonNull(origin, ORIGINS_KEY);
            allowedOrigins.add(normalizeOrigin(origin).orElseThrow(() -> new IllegalArgumentException(
                    ORIGINS_KEY + ": '" + origin + "' is not an origin of the form https://host[:port]")));
            return this;
        }

        /**
         * Replaces the allowed origins.
         *
         * @param origins entries as for {@link #addAllowedOrigin(String)}
         * @return this builder
         */
        public Builder allowedOrigins(List<String> origins) {
            allowedOrigins.clear();
            origins.forEach(this::addAllowedOrigin);
            return this;
        }

        @Override
        public OriginPolicy build() {
            return new OriginPolicy(this);
        }
    }
}
