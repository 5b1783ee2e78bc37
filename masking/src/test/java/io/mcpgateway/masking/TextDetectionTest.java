package io.mcpgateway.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Detection in plain text at the edges of values: where a value starts and ends. */
class TextDetectionTest {
    private static final MaskingEngine ENGINE = MaskingEngine.builder().hashKey("text-detection-key-0123").build();

    private static String mask(String text) {
        return ENGINE.maskText(text, "default");
    }

    @Test
    void aRunOfFourDigitGroupsIsOneValueNotAHostOfSmallerOnes() {
        // 16 digits failing Luhn: "9244 8631 3384" inside it passes Verhoeff (an Aadhaar shape)
        assertEquals("\"tracking_number\":\"3036 9244 8631 3384\"", mask("\"tracking_number\":\"3036 9244 8631 3384\""));
        // an IBAN failing mod 97: its digits hold a Luhn-valid 16-digit card shape and a phone shape
        assertEquals("IBAN DE15 4566 7247 6283 2130 64", mask("IBAN DE15 4566 7247 6283 2130 64"));
        assertEquals("ref GB86 LOYD 0349 7404 6097 51", mask("ref GB86 LOYD 0349 7404 6097 51"));
        // whole values written the same way are still found
        assertEquals("card [CARD_NUMBER] ok", mask("card 4111 1111 1111 1111 ok"));
        assertEquals("IBAN [IBAN]", mask("IBAN DE89 3704 0044 0532 0130 00"));
        assertEquals("Aadhaar [IN_AADHAAR]", mask("Aadhaar 7819 7748 5091"));
        assertEquals("call [PHONE]", mask("call 0044 20 7946 0958"));
    }
}
