package io.mcpgateway.connectors;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import io.mcpgateway.tools.GatewayException;

/**
 * Decides where an HTTP connection may send requests, in two checks:
 * <ol>
 *     <li>{@link #checkTarget(URI)}: before a request (and before following a redirect) the URL's
 *     scheme, host and port must be on the connection's allowlist; IP literals in anything but
 *     their canonical form ({@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1})
 *     are refused outright, since resolvers disagree on what they mean.</li>
 *     <li>{@link #resolve(String)}: when the client opens a connection, the host is resolved once
 *     and <em>every</em> address of the answer is checked; the client then connects to the
 *     checked address, so a second DNS answer (rebinding) can never steer it elsewhere. Cloud
 *     metadata, link-local, unspecified, multicast and broadcast addresses are always refused;
 *     loopback and private ranges (RFC 1918, CGNAT, ULA, benchmark, reserved) only when they fall
 *     inside {@code allowed-networks}. IPv4 addresses embedded in IPv6 (mapped, compatible, NAT64,
 *     6to4) are judged as the IPv4 address they carry.</li>
 * </ol>
 * Refusals are {@link GatewayException}s with reason code {@code egress_refused} and a message
 * saying what was refused and what the connection allows.
 */
final class EgressGuard {

    /** Looks up the addresses of a host name (the system resolver, or a fake in tests). */
    @FunctionalInterface
    interface AddressResolver {
        /**
         * Resolves a host.
         *
         * @param host host name or literal
         * @return its addresses
         * @throws UnknownHostException when it has none
         */
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Pattern NUMERIC_PART = Pattern.compile("(0[xX][0-9a-fA-F]*|[0-9]+)");
    private static final Pattern CANONICAL_V4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    /** Always refused, whatever the configuration says. */
    private static final List<Cidr> NEVER = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("169.254.0.0/16"), Cidr.parse("224.0.0.0/4"),
            Cidr.parse("255.255.255.255/32"), Cidr.parse("100.100.100.200/32"), Cidr.parse("192.0.0.192/32"),
            Cidr.parse("::/128"), Cidr.parse("fe80::/10"), Cidr.parse("ff00::/8"), Cidr.parse("fd00:ec2::254/128"));
    /** Refused unless inside an allowed network. */
    private static final List<Cidr> PRIVATE = List.of(
            Cidr.parse("127.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"), Cidr.parse("100.64.0.0/10"), Cidr.parse("192.0.0.0/24"),
            Cidr.parse("198.18.0.0/15"), Cidr.parse("240.0.0.0/4"), Cidr.parse("::1/128"), Cidr.parse("fc00::/7"));

    private final String connection;
    private final List<HostRule> hosts;
    private final List<Cidr> allowedNetworks;
    private final AddressResolver resolver;

    /**
     * Creates a guard.
     *
     * @param connection      connection name, for messages
     * @param baseUrl         the connection's base URL (its origin is always allowed)
     * @param allowedHosts    further allowed origins: {@code host}, {@code host:port},
     *                        {@code scheme://host[:port]}, {@code *.domain}
     * @param allowedNetworks CIDR ranges of loopback/private addresses that may be reached
     * @param resolver        host name lookup
     */
    EgressGuard(String connection, URI baseUrl, List<String> allowedHosts, List<String> allowedNetworks,
                AddressResolver resolver) {
        this.connection = connection;
        List<HostRule> rules = new ArrayList<>();
        rules.add(new HostRule(baseUrl.getScheme().toLowerCase(Locale.ROOT), host(baseUrl),
                port(baseUrl), false));
        for (String entry : allowedHosts) {
            rules.add(HostRule.parse(entry, connection));
        }
        this.hosts = List.copyOf(rules);
        List<Cidr> nets = new ArrayList<>();
        for (String n : allowedNetworks) {
            try {
                nets.add(Cidr.parse(n));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("connections." + connection + ".allowed-networks: " + e.getMessage(), e);
            }
        }
        this.allowedNetworks = List.copyOf(nets);
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * Checks a URL before a request is sent to it.
     *
     * @param target absolute URL
     * @throws GatewayException {@code egress_refused} when the scheme, host or port is not allowed
     */
    void checkTarget(URI target) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused("the scheme '" + scheme + "' is not allowed (http and https only)");
        }
        if (target.getRawUserInfo() != null) {
            throw refused("URLs with user information are not allowed");
        }
        String host = host(target);
        if (host.isEmpty()) {
            throw refused("the URL has no host");
        }
        if (!host.startsWith("[") && isNumericForm(host) && !CANONICAL_V4.matcher(host).matches()) {
            throw refused("the host '" + host + "' is an IP address in a non-canonical form (decimal, octal, "
                    + "hexadecimal or shortened); write it as four decimal parts");
        }
        if (!host.startsWith("[") && !isNumericForm(host) && !HOST_NAME.matcher(host).matches()) {
            throw refused("the host '" + host + "' is not a valid host name");
        }
        int port = port(target);
        for (HostRule r : hosts) {
            if (r.matches(scheme, host, port)) {
                return;
            }
        }
        throw refused(scheme + "://" + host + ":" + port + " is not on the connection's allowlist (allowed: "
                + String.join(", ", hosts.stream().map(HostRule::toString).toList()) + ")");
    }

    /**
     * Resolves a host once and checks every address of the answer; the caller connects to the
     * returned address and to nothing else.
     *
     * @param host host name or IP literal (IPv6 with or without brackets)
     * @return the checked address to connect to
     * @throws GatewayException {@code egress_refused} when any address is refused or none exists
     */
    InetAddress resolve(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(h);
        } catch (UnknownHostException e) {
            throw new GatewayException("egress_refused", "Egress refused on connection '" + connection + "': the host '"
                    + h + "' cannot be resolved.", e);
        }
        if (addresses == null || addresses.length == 0) {
            throw refused("the host '" + h + "' has no address");
        }
        for (InetAddress a : addresses) {
            check(h, a);
        }
        return addresses[0];
    }

    private void check(String host, InetAddress address) {
        InetAddress judged = embeddedV4(address);
        String shown = address.getHostAddress() + (judged != address ? " (" + judged.getHostAddress() + ")" : "");
        for (Cidr c : NEVER) {
            if (c.contains(judged)) {
                throw refused("'" + host + "' resolves to " + shown + ", a link-local, metadata, multicast or "
                        + "unspecified address, which is never reachable through the gateway");
            }
        }
        for (Cidr c : PRIVATE) {
            if (c.contains(judged) && allowedNetworks.stream().noneMatch(n -> n.contains(judged))) {
                throw refused("'" + host + "' resolves to " + shown + ", a loopback or private address outside "
                        + "the connection's allowed-networks"
                        + (allowedNetworks.isEmpty() ? " (none are listed)" : " (" + allowedNetworks + ")"));
            }
        }
    }

    private GatewayException refused(String why) {
        return new GatewayException("egress_refused", "Egress refused on connection '" + connection + "': " + why + ".");
    }

    /** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), else the address. */
    private static InetAddress embeddedV4(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return a;
        }
        byte[] b = a.getAddress();
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        boolean mapped = zeros80 && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
        try {
            if (mapped || compatible || nat64) {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
            }
            if (b[0] == 0x20 && b[1] == 0x02) {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 2, 6));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return a;
    }

    private static boolean isNumericForm(String host) {
        String[] parts = host.split("\\.", -1);
        for (String p : parts) {
            if (!NUMERIC_PART.matcher(p).matches()) {
                return false;
            }
        }
        return true;
    }

    static String host(URI uri) {
        String h = uri.getHost();
        if (h == null && uri.getRawAuthority() != null) {
            // java.net.URI gives no host for forms like 0x7f.0.0.1: take it from the authority to judge it
            String a = uri.getRawAuthority();
            a = a.substring(a.lastIndexOf('@') + 1);
            h = a.startsWith("[") || a.lastIndexOf(':') < 0 ? a : a.substring(0, a.lastIndexOf(':'));
        }
        if (h == null) {
            return "";
        }
        h = h.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    /** One allowed origin; a rule without a scheme allows https only. */
    private record HostRule(String scheme, String host, int port, boolean wildcard) {

        static HostRule parse(String entry, String connection) {
            String e = entry.strip().toLowerCase(Locale.ROOT);
            String scheme = "https";
            int sep = e.indexOf("://");
            if (sep >= 0) {
                scheme = e.substring(0, sep);
                e = e.substring(sep + 3);
            }
            if (e.endsWith("/")) {
                e = e.substring(0, e.length() - 1);
            }
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("connections." + connection + ".allowed-hosts: '" + entry
                        + "' must use http or https");
            }
            int port = scheme.equals("http") ? 80 : 443;
            int colon = e.lastIndexOf(':');
            if (colon > 0 && !e.endsWith("]")) {
                try {
                    port = Integer.parseInt(e.substring(colon + 1));
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException("connections." + connection + ".allowed-hosts: '" + entry
                            + "' has an invalid port", x);
                }
                e = e.substring(0, colon);
            }
            boolean wildcard = e.startsWith("*.");
            String host = wildcard ? e.substring(1) : e;
            if (host.isEmpty() || host.contains("*") || host.contains("/")) {
                throw new IllegalArgumentException("connections." + connection + ".allowed-hosts: '" + entry
                        + "' must be host, host:port, scheme://host:port or *.domain");
            }
            return new HostRule(scheme, host, port, wildcard);
        }

        boolean matches(String s, String h, int p) {
            boolean hostMatches = wildcard ? h.endsWith(host) && h.length() > host.length() : h.equals(host);
            return hostMatches && s.equals(scheme) && p == port;
        }

        @Override
        public String toString() {
            return scheme + "://" + (wildcard ? "*" : "") + host + ":" + port;
        }
    }

    /** An address range. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            String t = text.strip();
            int slash = t.indexOf('/');
            String addr = slash < 0 ? t : t.substring(0, slash);
            byte[] bytes = literal(addr);
            int prefix;
            try {
                prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a CIDR range", e);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
            }
            return new Cidr(bytes, prefix);
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (b[full] & mask) == (network[full] & mask);
        }

        private static byte[] literal(String addr) {
            // only literals: never let a configured range trigger a DNS lookup
            if (!(CANONICAL_V4.matcher(addr).matches() || addr.contains(":"))) {
                throw new IllegalArgumentException("'" + addr + "' is not an IP address in canonical form");
            }
            try {
                InetAddress a = InetAddress.getByName(addr);
                if (a instanceof Inet4Address || a instanceof Inet6Address) {
                    return a.getAddress();
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + addr + "' is not an IP address", e);
            }
            throw new IllegalArgumentException("'" + addr + "' is not an IP address");
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
            } catch (UnknownHostException e) {
                return "?/" + prefix;
            }
        }
    }
}
