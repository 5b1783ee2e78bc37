package io.mcpgateway.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Field rules by JSON key path and column name apply before text detection; text detection still
 * runs in the other values.
 */
class StructuredMaskingTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MaskingEngine ENGINE = MaskingEngine.builder()
            .hashKey("structured-test-key-0123")
            .addProfile(MaskingProfile.builder().name("crm")
                    .addRule(FieldRule.of("*.token", "GENERIC_SECRET"))
                    .addRule(new FieldRule("customer.card_number", "CREDIT_CARD", MaskingStrategy.PARTIAL, ValueCheck.ANY))
                    .build())
            .build();

    @Test
    void jsonKeyRulesMaskWholeValuesAndDetectionCoversTheRest() {
        JsonNode in = JSON.readTree("""
                {"customer": {"name": "Maria Garcia", "cardNumber": "4111111111111111", "ssn": "078-05-1120",
                  "password": "hunter2", "notes": "call +44 20 7946 0958 or mail maria@example.com",
                  "tags": ["vip", "mail: ana@example.com"], "dob": "1985-03-12"},
                 "session": {"token": "abc123def456ghi789"}, "name": "orders", "count": 12}
                """);
        Masked<JsonNode> out = ENGINE.maskJson(in, MaskingRequest.of("crm"));
        JsonNode c = out.value().get("customer");
        assertEquals("[NAME]", c.get("name").asString());
        assertEquals("************1111", c.get("cardNumber").asString());
        assertEquals("[SSN]", c.get("ssn").asString());
        assertEquals("[PASSWORD]", c.get("password").asString());
        assertEquals("call [PHONE] or mail [EMAIL]", c.get("notes").asString());
        assertEquals("mail: [EMAIL]", c.get("tags").get(1).asString());
        assertEquals("[DOB]", c.get("dob").asString());
        assertEquals("[SECRET]", out.value().get("session").get("token").asString());
        assertEquals("orders", out.value().get("name").asString(), "a table name is not a person");
        assertEquals(12, out.value().get("count").asInt());
        assertEquals(1, out.report().fields().get("customer.password"));
        assertEquals(1, out.report().fields().get("session.token"));
    }

    @Test
    void aTextValueEndsWhereItsKindOfValueEnds() {
        // the rest of a log line or sentence after a key's value stays readable; the value is masked whole
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("OPENAI_API_KEY: sk-proj-abcDEF1234567890abcDEF1234567890abcd wrote 79627314 bytes",
                "OPENAI_API_KEY: [SECRET] wrote 79627314 bytes");
        cases.put("Steuer-ID: 73042658973 port=6379 status=200", "Steuer-ID: [NATIONAL_ID] port=6379 status=200");
        cases.put("SSN: 123-45-6789. Next ticket", "SSN: [SSN]. Next ticket");
        cases.put("phone: +61 2 4236 3830 deployed 7791b07", "phone: [PHONE] deployed 7791b07");
        cases.put("NINO: AB 12 34 56 C", "NINO: [NATIONAL_ID]");
        cases.put("iban=DE89 3704 0044 0532 0130 00 status=ok", "iban=[IBAN] status=ok");
        cases.put("DOB: July 13, 1950", "DOB: [DOB]");
        cases.put("Full name: Dr. Jane Smith", "Full name: [NAME]");
        cases.put("password: correct horse battery staple", "password: [PASSWORD]");
        cases.put("password: Correct Horse Battery Staple", "password: [PASSWORD]");
        cases.put("password: Summer Rain. Next line", "password: [PASSWORD]. Next line");
        cases.put("password: hunter2 user=bob", "password: [PASSWORD] user=bob");
        cases.put("new_password: l1qD@BJqATqG version v4.23.10", "new_password: [PASSWORD] version v4.23.10");
        cases.put("mobile=070-8273-7117 client/openjdk-21.0.4+10", "mobile=[PHONE] client/openjdk-21.0.4+10");
        cases.put("phone: +1 (415) 555-2671 ok", "phone: [PHONE] ok");
        cases.put("Authorization: Bearer abc.def.ghi", "Authorization: [AUTHORIZATION]");
        cases.put("Authorization: Basic dXNlcjpwYXNz status=401 after 3 ms", "Authorization: [AUTHORIZATION] status=401 after 3 ms");
        cases.forEach((in, expected) -> assertEquals(expected, ENGINE.maskText(in, "default"), in));
    }

    @Test
    void aNameKeyHoldingAProductOrRegionIsNotAPerson() {
        for (String name : List.of("Checkout Service", "Premium Plan", "Weekly Report", "North America", "Blue Widget")) {
            assertEquals("{\"name\":\"" + name + "\"}", ENGINE.maskText("{\"name\":\"" + name + "\"}", "default"));
        }
        assertEquals("{\"name\":\"[NAME]\"}", ENGINE.maskText("{\"name\":\"Smith, James\"}", "default"));
        assertEquals("{\"name\":\"[NAME]\"}", ENGINE.maskText("{\"name\":\"Dr. Jane West\"}", "default"));
    }

    @Test
    void shortAndDottedKeysNameTheirSecrets() {
        assertEquals("{\"pwd\":\"[PASSWORD]\"}", ENGINE.maskText("{\"pwd\":\"qwerty123\"}", "default"));
        assertEquals("pwd: [PASSWORD]", ENGINE.maskText("pwd: Winter721", "default"));
        assertEquals("PWD=/home/app/project", ENGINE.maskText("PWD=/home/app/project", "default"), "a directory");
        assertEquals("api.key=[SECRET]", ENGINE.maskText("api.key=ugZoCECHd1oV5IzOQHyJ8A3d", "default"));
        assertEquals("secret.key=[SECRET]",
                ENGINE.maskText("secret.key=e22ca156ffb3b5a622708b152bc6565e82abac40", "default"));
        assertEquals("app.page.size=20", ENGINE.maskText("app.page.size=20", "default"));
    }

    @Test
    void jsonMaskingLeavesTheInputTreeUntouched() {
        JsonNode in = JSON.readTree("{\"email\": \"ana@example.com\"}");
        ENGINE.maskJson(in, MaskingRequest.of("crm"));
        assertEquals("ana@example.com", in.get("email").asString());
    }

    @Test
    void largeNumbersInJsonAreInspected() {
        JsonNode in = JSON.readTree("{\"ref\": 4111111111111111, \"qty\": 3}");
        Masked<JsonNode> out = ENGINE.maskJson(in, MaskingRequest.of("crm"));
        assertEquals("[CARD_NUMBER]", out.value().get("ref").asString());
        assertEquals(3, out.value().get("qty").asInt());
    }

    @Test
    void tableColumnRulesApplyFirstThenDetectionPerCell() {
        Table table = new Table(List.of("id", "full_name", "email", "comment", "created_at"), List.of(
                Arrays.asList("1", "Maria Garcia", "maria@example.com", "paid with 4111 1111 1111 1111", "2024-01-05T10:00:00Z"),
                Arrays.asList("2", "Wei Zhang", null, "no issue", "2024-01-06T11:00:00Z")));
        Masked<Table> out = ENGINE.maskTable(table, MaskingRequest.of("default"));
        assertEquals(List.of("1", "[NAME]", "[EMAIL]", "paid with [CARD_NUMBER]", "2024-01-05T10:00:00Z"), out.value().rows().get(0));
        assertEquals(Arrays.asList("2", "[NAME]", null, "no issue", "2024-01-06T11:00:00Z"), out.value().rows().get(1));
        assertEquals(Map.of("comment", 1, "email", 1, "full_name", 2), out.report().fields());
    }

    @Test
    void tablesRejectRowsOfTheWrongWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Table(List.of("a", "b"), List.of(List.of("1"))));
        assertEquals("row 0 has 1 cells, expected 2", e.getMessage());
    }

    @Test
    void csvTextWithAHeaderIsMaskedByColumn() {
        String csv = "id,customer_name,dob,address,status\n"
                + "17,Anna Schmidt,1979-11-02,\"221 Baker Street, London\",shipped\n";
        Masked<String> out = ENGINE.maskText(csv, MaskingRequest.of("default"));
        assertEquals("id,customer_name,dob,address,status\n17,[NAME],[DOB],\"[ADDRESS]\",shipped\n", out.value());
    }

    @Test
    void keyValuePairsInLogsAndYamlAreMaskedByKey() {
        String log = "level=info user_password=Tr0ub4dor&3 url=https://x/?password=abc123&user=bob db.password: 's3cret-pw' api_key=\"9f8e7d6c5b4a3928\" max_tokens=1024";
        String out = ENGINE.maskText(log, "default");
        assertEquals("level=info user_password=[PASSWORD] url=https://x/?password=[PASSWORD]&user=bob db.password: '[PASSWORD]' api_key=\"[SECRET]\" max_tokens=1024", out);
    }

    @Test
    void proseKeysOfSeveralWordsCount() {
        assertEquals("Date of birth: [DOB]. Full name: [NAME]",
                ENGINE.maskText("Date of birth: 12/03/1985. Full name: John Smith", "default"));
    }

    @Test
    void placeholdersUnderSecretKeysStay() {
        String text = "password=${DB_PASSWORD} api_key=<your-api-key> ssn: XXX-XX-XXXX token: \"\"";
        assertEquals(text, ENGINE.maskText(text, "default"));
    }

    @Test
    void hardNegativesInALogLineStay() {
        String line = "2024-05-01T10:22:11.123Z INFO req=550e8400-e29b-41d4-a716-446655440000 "
                + "order=ORD-2024-000123 sha=3f2a9c0e1b7d4c5a6e8f9a0b1c2d3e4f5a6b7c8d trace=4bf92f3577b34da6a3ce929d0e0e4736 "
                + "ts=1714558931 ms=1714558931123 version=v2.14.1 build=10.0.19045.2006 total=$1,234.56 "
                + "card=4111111111111112 ref=DE89370400440532013001 took=35ms color=#a1b2c3 v=1.2.3.4";
        assertEquals(line.replace("v=1.2.3.4", "v=[IP_ADDRESS]"), ENGINE.maskText(line, "default"));
    }

    @Test
    void unknownProfilesAreRefusedWithTheKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ENGINE.maskText("x", "nope"));
        assertEquals("unknown masking profile 'nope' (known: crm, default, text)", e.getMessage());
    }

    @Test
    void maskingIsIdempotent() {
        String once = ENGINE.maskText("ana@example.com 123-45-6789 password=hunter2", "default");
        assertEquals(once, ENGINE.maskText(once, "default"));
        assertFalse(once.contains("hunter2"));
        assertTrue(once.contains("[PASSWORD]"));
    }
}
