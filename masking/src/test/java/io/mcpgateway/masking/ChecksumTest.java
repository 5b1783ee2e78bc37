package io.mcpgateway.masking;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Check-digit algorithms against published values and the errors they exist to catch. */
class ChecksumTest {

    @Test
    void verhoeffAcceptsPublishedValues() {
        // 236 -> 2363 and 12345 -> 123451 are the textbook examples; the Aadhaar number exercises
        // every row of the permutation table
        assertTrue(Checksum.verhoeff("2363"));
        assertTrue(Checksum.verhoeff("123451"));
        assertTrue(Checksum.verhoeff("781977485091"));
        assertFalse(Checksum.verhoeff("2364"));
        assertFalse(Checksum.verhoeff("781977485092"));
    }

    @Test
    void verhoeffCatchesEverySingleDigitErrorAndAdjacentTransposition() {
        Random random = new Random(7);
        for (int n = 0; n < 2000; n++) {
            StringBuilder base = new StringBuilder();
            for (int k = 0; k < 11; k++) {
                base.append((char) ('0' + random.nextInt(10)));
            }
            String valid = null;
            int valids = 0;
            for (char check = '0'; check <= '9'; check++) {
                if (Checksum.verhoeff(base.toString() + check)) {
                    valid = base.toString() + check;
                    valids++;
                }
            }
            assertEquals(1, valids, "exactly one check digit for " + base);
            for (int j = 0; j < valid.length(); j++) {
                char[] c = valid.toCharArray();
                c[j] = (char) ('0' + (c[j] - '0' + 1 + random.nextInt(9)) % 10);
                assertFalse(Checksum.verhoeff(new String(c)), "substitution at " + j + " in " + valid);
                if (j + 1 < valid.length() && valid.charAt(j) != valid.charAt(j + 1)) {
                    char[] t = valid.toCharArray();
                    t[j] = valid.charAt(j + 1);
                    t[j + 1] = valid.charAt(j);
                    assertFalse(Checksum.verhoeff(new String(t)), "transposition at " + j + " in " + valid);
                }
            }
        }
    }

    @Test
    void aadhaarNumbersWithValidVerhoeffAreMasked() {
        MaskingEngine engine = MaskingEngine.builder().hashKey("test-key-0123456789abcdef").build();
        assertEquals("Aadhaar [IN_AADHAAR]", engine.maskText("Aadhaar 7819 7748 5091", "default"));
        assertEquals("{\"aadhaar_number\":\"[IN_AADHAAR]\"}",
                engine.maskText("{\"aadhaar_number\":\"7361 7876 1239\"}", "default"));
    }
}
