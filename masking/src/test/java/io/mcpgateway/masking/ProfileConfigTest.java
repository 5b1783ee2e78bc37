package io.mcpgateway.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

/**
 * Profiles come from YAML configuration, as in {@code gateway.yaml}.
 */
class ProfileConfigTest {
    private static final String YAML = """
            masking:
              hash-key: "c2VjcmV0LWRlcGxveW1lbnQta2V5LTAxMjM0NTY3"
              profiles:
                support:
                  strategy: token
                  strategies:
                    secret: redact
                    CREDIT_CARD: partial
                  exclude: [IPV4_ADDRESS]
                  rules:
                    - match: "*.internal_notes"
                      entity: GENERIC_SECRET
                analytics:
                  strategy: hash
                  include: [contact, phone]
            """;

    private static Config config(String yaml) {
        return Config.just(ConfigSources.create(yaml, MediaTypes.APPLICATION_X_YAML)).get("masking");
    }

    @Test
    void readsNamedProfilesWithStrategiesRulesAndFilters() {
        MaskingEngine engine = MaskingEngine.create(config(YAML));
        assertEquals(List.of("analytics", "default", "support", "text"), engine.profileNames());
        SessionVault vault = SessionVault.create();
        String support = engine.maskText("ip 203.0.113.9 card 4111 1111 1111 1111 mail a@example.com key AKIAIOSFODNN7EXAMPLE",
                new MaskingRequest("support", java.util.Set.of(), vault)).value();
        assertEquals("ip 203.0.113.9 card **** **** **** 1111 mail <EMAIL_1> key [AWS_ACCESS_KEY_ID]", support);
        String analytics = engine.maskText("a@example.com 123-45-6789", "analytics");
        assertTrue(analytics.matches("\\[EMAIL:[0-9a-f]{16}] 123-45-6789"), analytics);
    }

    @Test
    void profilesMayBeAListWithNames() {
        MaskingEngine engine = MaskingEngine.create(config("""
                masking:
                  profiles:
                    - name: strict
                      strategy: redact
                """));
        assertEquals("[EMAIL]", engine.maskText("a@example.com", "strict"));
    }

    @Test
    void theDefaultProfileWorksWithNoConfiguration() {
        MaskingEngine engine = MaskingEngine.create(Config.empty());
        assertEquals("[EMAIL] [SSN] [GITHUB_PAT]",
                engine.maskText("a@example.com 123-45-6789 ghp_0123456789abcdefghijABCDEFGHIJ012345", "default"));
    }

    @Test
    void anUnknownStrategyIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaskingEngine.create(config("""
                masking:
                  profiles:
                    bad: { strategy: scramble }
                """)));
        assertEquals("unknown masking strategy 'scramble' (expected redact, partial, hash, format-preserving, token or keep)",
                e.getMessage());
    }

    @Test
    void aShortHashKeyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaskingEngine.builder().hashKey("short"));
        assertEquals("masking hash-key must be at least 16 bytes, got 5", e.getMessage());
    }

    @Test
    void aRuleNamingAnUnknownEntityIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaskingEngine.builder()
                .addProfile(MaskingProfile.builder().name("x").addRule(FieldRule.of("a", "NOPE")).build()).build());
        assertEquals("unknown entity type 'NOPE'", e.getMessage());
    }
}
