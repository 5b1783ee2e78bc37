package io.mcpgateway.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Server-held credentials never leave in a tool result, whatever their encoding and whatever the
 * profile.
 */
class SecretScrubberTest {
    private static final String SECRET = "pa$$w0rd@Prod/2024 x";
    private static final MaskingEngine ENGINE = MaskingEngine.builder()
            .hashKey("scrubber-test-key-0123456789")
            .addProfile(MaskingProfile.builder().name("nothing").exclude("SECRET").exclude("CONTACT").exclude("NETWORK")
                    .exclude("PERSONAL").exclude("PHONE").exclude("FINANCIAL").exclude("NATIONAL_ID").exclude("TAX_ID")
                    .exclude("PASSPORT").exclude("DRIVING_LICENCE").exclude("HEALTH_ID").exclude("CRYPTO")
                    .defaultRules(false).build())
            .build();

    private static String scrub(String text) {
        return ENGINE.maskText(text, new MaskingRequest("nothing", Set.of(SECRET), null)).value();
    }

    @Test
    void scrubsThePlainValueEvenWhenTheProfileDetectsNothing() {
        assertEquals("connect with [SECRET] now", scrub("connect with " + SECRET + " now"));
    }

    @Test
    void scrubsTheUrlEncodedValue() {
        String encoded = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
        assertEquals("url=https://db/?p=[SECRET]&x=1", scrub("url=https://db/?p=" + encoded + "&x=1"));
    }

    @Test
    void scrubsAValueWhoseCharactersAreOnlyPartlyPercentEncoded() {
        String mixed = "pa%24$w0rd%40Prod%2F2024%20x";
        assertEquals("dsn [SECRET] end", scrub("dsn " + mixed + " end"));
    }

    @Test
    void scrubsTheBase64ValueAndABase64BlobThatContainsIt() {
        String alone = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
        assertEquals("token [SECRET]", scrub("token " + alone));
        for (String user : new String[] {"a:", "ab:", "abc:"}) {
            String basic = Base64.getEncoder().encodeToString((user + SECRET).getBytes(StandardCharsets.UTF_8));
            String out = scrub("Authorization: Basic " + basic);
            assertEquals("Authorization: Basic [SECRET]", out, "user prefix " + user);
        }
    }

    @Test
    void scrubsTheJsonEscapedValue() {
        MaskingEngine engine = MaskingEngine.create();
        String secret = "q\"uote\\back";
        String json = "{\"dsn\": \"host=db password=q\\\"uote\\\\back\"}";
        Masked<String> out = engine.maskText(json, new MaskingRequest("default", Set.of(secret), null));
        assertFalse(out.value().contains("uote"), out.value());
    }

    @Test
    void reportsScrubbedSecretsByCountNeverByValue() {
        Masked<String> out = ENGINE.maskText(SECRET + " and " + SECRET, new MaskingRequest("nothing", Set.of(SECRET), null));
        assertEquals(Map.of("SERVER_SECRET", 2), out.report().entities());
        assertFalse(out.report().toString().contains("w0rd"));
    }

    @Test
    void ignoresValuesTooShortToScrubSafely() {
        assertEquals("abc abc", ENGINE.maskText("abc abc", new MaskingRequest("nothing", Set.of("abc"), null)).value());
    }
}
