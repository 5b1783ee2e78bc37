package io.mcpgateway.connectors;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpgateway.tools.GatewayException;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EgressGuardTest {

    /** A DNS of our own: names map to fixed answers, anything else is unknown. */
    private static EgressGuard.AddressResolver dns(Map<String, List<String>> answers) {
        return host -> {
            List<String> a = answers.get(host);
            if (a == null) {
                // literals resolve without DNS, exactly as the system resolver does
                if (host.matches("[0-9.]+") || host.contains(":")) {
                    return InetAddress.getAllByName(host);
                }
                throw new UnknownHostException(host);
            }
            InetAddress[] out = new InetAddress[a.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = InetAddress.getByName(a.get(i));
            }
            return out;
        };
    }

    private static EgressGuard guard(List<String> hosts, List<String> networks) {
        return new EgressGuard("api", URI.create("https://api.example.com/v1"), hosts, networks, dns(Map.of(
                "api.example.com", List.of("93.184.216.34"),
                "internal.example.com", List.of("10.1.2.3"),
                "mixed.example.com", List.of("93.184.216.34", "169.254.169.254"),
                "localhost", List.of("127.0.0.1", "::1"),
                "metadata.example.com", List.of("169.254.169.254"),
                "v6mapped.example.com", List.of("::ffff:10.0.0.1"),
                "nat64.example.com", List.of("64:ff9b::a9fe:a9fe"))));
    }

    private static String refusal(Runnable r) {
        GatewayException e = assertThrows(GatewayException.class, r::run);
        assertEquals("egress_refused", e.reasonCode());
        return e.getMessage();
    }

    @Test
    void allowsTheBaseOriginAndResolvesToAPublicAddress() {
        EgressGuard g = guard(List.of(), List.of());
        assertDoesNotThrow(() -> g.checkTarget(URI.create("https://api.example.com/v1/customers/1")));
        assertEquals("93.184.216.34", g.resolve("api.example.com").getHostAddress());
    }

    @Test
    void refusesHostsOffTheAllowlistNamingWhatIsAllowed() {
        EgressGuard g = guard(List.of("*.partner.example", "http://status.example.com:8080"), List.of());
        assertEquals("Egress refused on connection 'api': https://evil.example:443 is not on the connection's "
                + "allowlist (allowed: https://api.example.com:443, https://*.partner.example:443, "
                + "http://status.example.com:8080).", refusal(() -> g.checkTarget(URI.create("https://evil.example/x"))));
        assertDoesNotThrow(() -> g.checkTarget(URI.create("https://eu.partner.example/x")));
        assertDoesNotThrow(() -> g.checkTarget(URI.create("http://status.example.com:8080/health")));
        refusal(() -> g.checkTarget(URI.create("https://partner.example/x")));
        refusal(() -> g.checkTarget(URI.create("http://api.example.com/v1")));
        refusal(() -> g.checkTarget(URI.create("https://api.example.com:8443/v1")));
        refusal(() -> g.checkTarget(URI.create("https://api.example.com.evil.example/v1")));
    }

    @Test
    void refusesCloudMetadataEvenWhenListedEverywhere() {
        EgressGuard g = new EgressGuard("api", URI.create("http://169.254.169.254/latest"), List.of(),
                List.of("169.254.0.0/16", "0.0.0.0/0"), dns(Map.of()));
        assertDoesNotThrow(() -> g.checkTarget(URI.create("http://169.254.169.254/latest/meta-data")));
        assertEquals("Egress refused on connection 'api': '169.254.169.254' resolves to 169.254.169.254, a link-local, "
                + "metadata, multicast or unspecified address, which is never reachable through the gateway.",
                refusal(() -> g.resolve("169.254.169.254")));
        refusal(() -> g.resolve("100.100.100.200"));
        refusal(() -> g.resolve("[fd00:ec2::254]"));
        refusal(() -> g.resolve("0.0.0.0"));
    }

    @Test
    void refusesLocalhostAliasesUnlessTheirNetworkIsListed() {
        EgressGuard g = guard(List.of("localhost", "http://localhost:8080"), List.of());
        assertDoesNotThrow(() -> g.checkTarget(URI.create("http://localhost:8080/")));
        assertEquals("Egress refused on connection 'api': 'localhost' resolves to 127.0.0.1, a loopback or private "
                + "address outside the connection's allowed-networks (none are listed).", refusal(() -> g.resolve("localhost")));
        refusal(() -> g.resolve("127.0.0.2"));
        refusal(() -> g.resolve("[::1]"));
        refusal(() -> g.resolve("::ffff:127.0.0.1"));
        EgressGuard listed = guard(List.of(), List.of("127.0.0.0/8", "::1/128"));
        assertEquals("127.0.0.1", listed.resolve("localhost").getHostAddress());
    }

    @Test
    void refusesNonCanonicalIpForms() {
        EgressGuard g = guard(List.of("2130706433", "0177.0.0.1", "0x7f.0.0.1", "127.1", "017700000001"), List.of());
        for (String host : List.of("2130706433", "0177.0.0.1", "0x7f.0.0.1", "127.1", "017700000001")) {
            assertEquals("Egress refused on connection 'api': the host '" + host + "' is an IP address in a "
                    + "non-canonical form (decimal, octal, hexadecimal or shortened); write it as four decimal parts.",
                    refusal(() -> g.checkTarget(URI.create("https://" + host + "/"))));
        }
    }

    @Test
    void refusesNamesThatResolveToPrivateOrMetadataAddresses() {
        EgressGuard g = guard(List.of(), List.of());
        assertEquals("Egress refused on connection 'api': 'internal.example.com' resolves to 10.1.2.3, a loopback or "
                + "private address outside the connection's allowed-networks (none are listed).",
                refusal(() -> g.resolve("internal.example.com")));
        refusal(() -> g.resolve("metadata.example.com"));
        // one bad address in the answer is enough: a client could pick any of them
        refusal(() -> g.resolve("mixed.example.com"));
        // IPv4 carried inside IPv6 is judged as the IPv4 address
        refusal(() -> g.resolve("v6mapped.example.com"));
        assertEquals("Egress refused on connection 'api': 'nat64.example.com' resolves to 64:ff9b:0:0:0:0:a9fe:a9fe "
                + "(169.254.169.254), a link-local, metadata, multicast or unspecified address, which is never "
                + "reachable through the gateway.", refusal(() -> g.resolve("nat64.example.com")));
        assertEquals("Egress refused on connection 'api': the host 'nowhere.example' cannot be resolved.",
                refusal(() -> g.resolve("nowhere.example")));
    }

    @Test
    void allowedNetworksOpenOnlyTheListedPrivateRange() {
        EgressGuard g = guard(List.of(), List.of("10.1.0.0/16"));
        assertEquals("10.1.2.3", g.resolve("internal.example.com").getHostAddress());
        refusal(() -> g.resolve("10.2.0.1"));
    }

    @Test
    void refusesOtherSchemesAndUserInfo() {
        EgressGuard g = guard(List.of(), List.of());
        assertEquals("Egress refused on connection 'api': the scheme 'file' is not allowed (http and https only).",
                refusal(() -> g.checkTarget(URI.create("file:///etc/passwd"))));
        refusal(() -> g.checkTarget(URI.create("https://user@api.example.com/v1")));
    }

    @Test
    void invalidConfigurationNamesTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> guard(List.of(), List.of("ten/8")));
        assertEquals("connections.api.allowed-networks: 'ten' is not an IP address in canonical form", e.getMessage());
    }
}
