package io.mcpgateway.server;

import java.util.List;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginPolicyTest {

    private final OriginPolicy loopbackOnly = OriginPolicy.create();

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:8080", "LocalHost:1", "127.0.0.1", "127.0.0.1:3000",
            "127.1.2.3:9", "[::1]", "[::1]:8080", "[0:0:0:0:0:0:0:1]:80"})
    void acceptsEveryLoopbackHostOnAnyPort(String host) {
        assertTrue(loopbackOnly.allowsHost(List.of(host)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.nip.io",
            "128.0.0.1", "127.0.0.256", "127.0.0", "[::2]", "0.0.0.0", "localhost:99999", "localhost:", "localhost:8a",
            "", " ", "[::1", "local host", "localhost/evil"})
    void refusesEveryOtherHost(String host) {
        assertFalse(loopbackOnly.allowsHost(List.of(host)));
    }

    @Test
    void refusesMissingOrRepeatedHost() {
        assertAll(() -> assertFalse(loopbackOnly.allowsHost(List.of())),
                  () -> assertFalse(loopbackOnly.allowsHost(List.of("localhost", "evil.example"))));
    }

    @Test
    void acceptsRequestsWithoutOrigin() {
        assertTrue(loopbackOnly.allowsOrigin(List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost", "http://localhost:6274", "https://127.0.0.1:8443", "http://[::1]:3000",
            "HTTP://LOCALHOST:1"})
    void acceptsLoopbackOrigins(String origin) {
        assertTrue(loopbackOnly.allowsOrigin(List.of(origin)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "http://evil.example", "http://localhost.evil.example", "file://",
            "chrome-extension://abc", "http://localhost/path", "http://user@localhost", "localhost", "ws://localhost"})
    void refusesOtherOrigins(String origin) {
        assertFalse(loopbackOnly.allowsOrigin(List.of(origin)));
    }

    @Test
    void refusesRepeatedOrigin() {
        assertFalse(loopbackOnly.allowsOrigin(List.of("http://localhost", "http://localhost")));
    }

    @Test
    void configuredHostWithoutPortMatchesAnyPortAndWithPortOnlyThatPort() {
        OriginPolicy policy = OriginPolicy.builder()
                .addAllowedHost("Gateway.Example.com")
                .addAllowedHost("internal.example:8443")
                .build();

        assertAll(() -> assertTrue(policy.allowsHost(List.of("gateway.example.com"))),
                  () -> assertTrue(policy.allowsHost(List.of("gateway.example.com:443"))),
                  () -> assertTrue(policy.allowsHost(List.of("internal.example:8443"))),
                  () -> assertFalse(policy.allowsHost(List.of("internal.example:8080"))),
                  () -> assertFalse(policy.allowsHost(List.of("internal.example"))),
                  () -> assertFalse(policy.allowsHost(List.of("evil.gateway.example.com"))),
                  () -> assertTrue(policy.allowsHost(List.of("localhost:1"))));
    }

    @Test
    void configuredOriginMatchesWithDefaultPortMadeExplicit() {
        OriginPolicy policy = OriginPolicy.builder().addAllowedOrigin("https://gateway.example.com").build();

        assertAll(() -> assertTrue(policy.allowsOrigin(List.of("https://gateway.example.com"))),
                  () -> assertTrue(policy.allowsOrigin(List.of("https://gateway.example.com:443"))),
                  () -> assertFalse(policy.allowsOrigin(List.of("http://gateway.example.com"))),
                  () -> assertFalse(policy.allowsOrigin(List.of("https://gateway.example.com:8443"))));
    }

    @Test
    void readsDashedKeysFromConfig() {
        Config config = Config.just(ConfigSources.create(Map.of(
                "origin-policy.allowed-hosts.0", "gateway.example.com",
                "origin-policy.allowed-origins.0", "https://gateway.example.com")));

        OriginPolicy policy = OriginPolicy.create(config.get("origin-policy"));

        assertAll(() -> assertEquals(List.of("gateway.example.com"), policy.allowedHosts()),
                  () -> assertTrue(policy.allowsHost(List.of("gateway.example.com:443"))),
                  () -> assertTrue(policy.allowsOrigin(List.of("https://gateway.example.com"))));
    }

    @Test
    void missingConfigMeansLoopbackOnly() {
        OriginPolicy policy = OriginPolicy.create(Config.empty().get("origin-policy"));
        assertAll(() -> assertEquals(List.of(), policy.allowedHosts()),
                  () -> assertFalse(policy.allowsHost(List.of("gateway.example.com"))));
    }

    @Test
    void malformedEntriesAreRefusedNamingKeyAndValue() {
        IllegalArgumentException host = assertThrows(IllegalArgumentException.class,
                () -> OriginPolicy.builder().addAllowedHost("*.example.com"));
        IllegalArgumentException origin = assertThrows(IllegalArgumentException.class,
                () -> OriginPolicy.builder().addAllowedOrigin("https://gateway.example.com/app"));

        assertAll(() -> assertEquals("allowed-hosts: '*.example.com' is not a host name with an optional port",
                                     host.getMessage()),
                  () -> assertEquals("allowed-origins: 'https://gateway.example.com/app' is not an origin of the form "
                                             + "https://host[:port]", origin.getMessage()));
    }
}
