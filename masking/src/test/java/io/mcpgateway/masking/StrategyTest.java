package io.mcpgateway.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The replacement strategies: redact, partial, keyed hash, format-preserving.
 */
class StrategyTest {
    private static MaskingEngine engine(String key, MaskingStrategy strategy) {
        return MaskingEngine.builder().hashKey(key)
                .addProfile(MaskingProfile.builder().name("p").strategy(strategy).build()).build();
    }

    private static String mask(MaskingEngine e, String text, SessionVault vault) {
        return e.maskText(text, new MaskingRequest("p", Set.of(), vault)).value();
    }

    @Test
    void partialKeepsSeparatorsAndTheLastFourDigits() {
        MaskingEngine e = engine("strategy-key-0123456789", MaskingStrategy.PARTIAL);
        assertEquals("card ****-****-****-1111", mask(e, "card 4111-1111-1111-1111", null));
        assertEquals("mail a***@example.com", mask(e, "mail ana@example.com", null));
    }

    @Test
    void keyedHashIsStableUnderOneKeyAndIsNotAPlainSha256() throws Exception {
        MaskingEngine one = engine("deployment-key-one-0123", MaskingStrategy.HASH);
        MaskingEngine two = engine("deployment-key-two-0123", MaskingStrategy.HASH);
        String phone = "+44 20 7946 0958";
        String a = mask(one, phone, null);
        assertEquals(a, mask(one, phone, null));
        assertNotEquals(a, mask(two, phone, null));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(phone.getBytes(StandardCharsets.UTF_8)));
        assertTrue(a.matches("\\[PHONE:[0-9a-f]{16}]"), a);
        assertTrue(!sha.contains(a.substring(7, 23)), "hash must be keyed");
    }

    @Test
    void formatPreservingKeepsTheShapeAndTheChecksum() {
        MaskingEngine e = engine("strategy-key-0123456789", MaskingStrategy.FORMAT_PRESERVING);
        SessionVault session = SessionVault.create();
        String card = mask(e, "4111 1111 1111 1111", session);
        assertTrue(card.matches("\\d{4} \\d{4} \\d{4} \\d{4}"), card);
        assertNotEquals("4111 1111 1111 1111", card);
        assertTrue(Checksum.luhn(card.replace(" ", "")), card);
        String iban = mask(e, "DE89 3704 0044 0532 0130 00", session);
        assertTrue(Checksum.IBAN.valid(iban.replace(" ", "")), iban);
        String ssn = mask(e, "ssn 123-45-6789", session);
        assertTrue(ssn.matches("ssn \\d{3}-\\d{2}-\\d{4}"), ssn);
    }

    @Test
    void formatPreservingFindsAValidFakeInEverySession() {
        // each session has its own salt, so its own sequence of candidates: a checksum that passes
        // once in 97 tries (IBAN) must not fall back to redaction in some sessions
        MaskingEngine e = engine("strategy-key-0123456789", MaskingStrategy.FORMAT_PRESERVING);
        for (int s = 0; s < 200; s++) {
            SessionVault session = SessionVault.create();
            String iban = mask(e, "DE89 3704 0044 0532 0130 00", session);
            assertTrue(Checksum.IBAN.valid(iban.replace(" ", "")), "session " + s + ": " + iban);
            String card = mask(e, "4111 1111 1111 1111", session);
            assertTrue(Checksum.luhn(card.replace(" ", "")), "session " + s + ": " + card);
        }
    }

    @Test
    void formatPreservingIsConsistentWithinASessionAndDiffersAcrossSessions() {
        MaskingEngine e = engine("strategy-key-0123456789", MaskingStrategy.FORMAT_PRESERVING);
        SessionVault a = SessionVault.create();
        SessionVault b = SessionVault.create();
        String inA = mask(e, "4111 1111 1111 1111", a);
        assertEquals(inA, mask(e, "4111 1111 1111 1111", a));
        assertNotEquals(inA, mask(e, "4111 1111 1111 1111", b));
    }

    @Test
    void redactShowsOnlyTheLabel() {
        MaskingEngine e = engine("strategy-key-0123456789", MaskingStrategy.REDACT);
        assertEquals("[SSN] and [IBAN]", mask(e, "123-45-6789 and GB82 WEST 1234 5698 7654 32", null));
    }
}
