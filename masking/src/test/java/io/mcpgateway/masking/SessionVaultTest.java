package io.mcpgateway.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Reversible session tokens: the model sees {@code <EMAIL_1>}, passes it back as an argument, and
 * the gateway restores the real value, only within the session that issued it.
 */
class SessionVaultTest {
    private static final MaskingEngine ENGINE = MaskingEngine.create();

    private static String mask(String text, SessionVault vault) {
        return ENGINE.maskText(text, new MaskingRequest("default", Set.of(), vault)).value();
    }

    @Test
    void sameValueGetsTheSameTokenWithinASession() {
        SessionVault vault = SessionVault.create();
        String first = mask("from ana@example.com to bo@example.com", vault);
        String second = mask("reply to ana@example.com", vault);
        assertEquals("from <EMAIL_1> to <EMAIL_2>", first);
        assertEquals("reply to <EMAIL_1>", second);
    }

    @Test
    void restoresTheRealValueInAToolArgument() {
        SessionVault vault = SessionVault.create();
        mask("customer ana@example.com, phone +44 20 7946 0958", vault);
        assertEquals("SELECT * FROM customers WHERE email = 'ana@example.com'",
                vault.restore("SELECT * FROM customers WHERE email = '<EMAIL_1>'"));
        assertEquals("+44 20 7946 0958", vault.restore("<PHONE_1>"));
    }

    @Test
    void aTokenFromSessionADoesNotRestoreSessionAsValueInSessionB() {
        SessionVault a = SessionVault.create();
        SessionVault b = SessionVault.create();
        mask("ana@example.com", a);
        assertEquals("<EMAIL_1>", b.restore("<EMAIL_1>"));
        mask("zed@example.org", b);
        String inB = b.restore("<EMAIL_1>");
        assertEquals("zed@example.org", inB);
        assertFalse(inB.contains("ana"));
    }

    @Test
    void unknownOrForgedTokensAreLeftAlone() {
        SessionVault vault = SessionVault.create();
        mask("ana@example.com", vault);
        assertEquals("<EMAIL_2> <SSN_1> <email_1>", vault.restore("<EMAIL_2> <SSN_1> <email_1>"));
    }

    @Test
    void secretsAreRedactedNotTokenizedByTheDefaultProfile() {
        SessionVault vault = SessionVault.create();
        String out = mask("token ghp_0123456789abcdefghijABCDEFGHIJ012345", vault);
        assertEquals("token [GITHUB_PAT]", out);
        assertEquals(0, vault.size());
    }

    @Test
    void aFullVaultRedactsInsteadOfGrowing() {
        SessionVault vault = SessionVault.create(1);
        assertEquals("<EMAIL_1> [EMAIL]", mask("a@example.com b@example.com", vault));
        assertNull(vault.token("EMAIL", "c@example.com"));
    }

    @Test
    void withoutAVaultTokensFallBackToRedaction() {
        assertNotEquals("<EMAIL_1>", mask("ana@example.com", null));
        assertEquals("[EMAIL]", mask("ana@example.com", null));
    }
}
