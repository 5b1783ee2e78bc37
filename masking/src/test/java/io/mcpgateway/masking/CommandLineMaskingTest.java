package io.mcpgateway.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@code gateway mask [--profile NAME]} pipes stdin through {@link MaskingEngine#maskText(String, String)}:
 * the default {@code text} profile masks rows, JSON and log lines alike, with no configuration.
 */
class CommandLineMaskingTest {
    private static final MaskingEngine ENGINE = MaskingEngine.create();

    @Test
    void theTextProfileMasksMixedInputFromStandardInput() {
        String stdin = """
                id,full_name,email,card_number,created_at
                1,Maria Garcia,maria@example.com,4111 1111 1111 1111,2024-01-05T10:00:00Z
                {"user": "ana", "ssn": "536-22-8012", "iban": "DE89 3704 0044 0532 0130 00", "request_id": "550e8400-e29b-41d4-a716-446655440000"}
                2024-05-01T10:22:11Z WARN login failed ip=203.0.113.42 token=ghp_0123456789abcdefghijABCDEFGHIJ012345 took=35ms
                Call +44 20 7946 0958 about order ORD-2024-000123.
                """;
        String expected = """
                id,full_name,email,card_number,created_at
                1,[NAME],[EMAIL],[CARD_NUMBER],2024-01-05T10:00:00Z
                {"user": "ana", "ssn": "[SSN]", "iban": "[IBAN]", "request_id": "550e8400-e29b-41d4-a716-446655440000"}
                2024-05-01T10:22:11Z WARN login failed ip=[IP_ADDRESS] token=[GITHUB_PAT] took=35ms
                Call [PHONE] about order ORD-2024-000123.
                """;
        assertEquals(expected, ENGINE.maskText(stdin, "text"));
    }
}
