package io.mcpgateway.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every entity type's positive examples are masked and reported as that type; every negative
 * example is not reported as that type. Types whose recognizer needs a context word get it before
 * positives and do not get it before negatives (a bare look-alike must stay).
 */
class CatalogTest {
    private static final MaskingEngine ENGINE = MaskingEngine.builder().hashKey("catalog-test-key-0123456789").build();
    private static final Catalog CATALOG = ENGINE.catalog();

    @Test
    void catalogCoversTheTypesAndCountriesPromised() {
        List<EntityType> types = CATALOG.types();
        long nonSecret = types.stream().filter(t -> t.category() != EntityCategory.SECRET).count();
        long secrets = types.stream().filter(t -> t.category() == EntityCategory.SECRET).count();
        Set<String> countries = types.stream().map(EntityType::country).filter(c -> !c.equals("INTL")).collect(Collectors.toSet());
        assertTrue(nonSecret >= 150, "PII types: " + nonSecret);
        assertTrue(secrets >= 60, "credential formats: " + secrets);
        assertTrue(countries.size() >= 40, "countries: " + countries.size());
    }

    @Test
    void everyTypeHasADescriptionAndExamplesOfBothKinds() {
        for (EntityType t : CATALOG.types()) {
            if (t.id().equals("SERVER_SECRET")) {
                continue;
            }
            assertFalse(t.description().isBlank(), t.id());
            assertFalse(t.positives().isEmpty(), t.id() + " has no positive example");
            assertFalse(t.negatives().isEmpty(), t.id() + " has no negative example");
        }
    }

    @TestFactory
    Stream<DynamicTest> positiveExamplesAreMaskedAsTheirType() {
        List<DynamicTest> tests = new ArrayList<>();
        for (EntityType t : CATALOG.types()) {
            for (String example : t.positives()) {
                tests.add(DynamicTest.dynamicTest(t.id() + " masks " + example, () -> {
                    String text = keyed(t) ? example : context(t) + example + " was recorded";
                    Masked<String> out = ENGINE.maskText(text, MaskingRequest.of("default"));
                    String value = keyed(t) ? valueOf(example) : example;
                    assertFalse(out.value().contains(value), () -> "still visible: " + out.value());
                    assertTrue(out.report().entities().keySet().stream().anyMatch(id -> sameReading(t, id)),
                            () -> "reported " + out.report().entities() + " for " + text);
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> negativeExamplesAreNotMaskedAsTheirType() {
        List<DynamicTest> tests = new ArrayList<>();
        for (EntityType t : CATALOG.types()) {
            for (String example : t.negatives()) {
                tests.add(DynamicTest.dynamicTest(t.id() + " leaves " + example, () -> {
                    String text = keyed(t) ? example : (t.contextRequired() ? "ref " : context(t)) + example + " was recorded";
                    Masked<String> out = ENGINE.maskText(text, MaskingRequest.of("default"));
                    Map<String, Integer> entities = out.report().entities();
                    assertFalse(entities.containsKey(t.id()), () -> "masked as " + t.id() + ": " + out.value());
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void maskedTextNeverRevealsTheLabelOfAnotherValue() {
        Masked<String> out = ENGINE.maskText("mail john.smith@example.com or call +44 20 7946 0958",
                MaskingRequest.of("default"));
        assertEquals("mail [EMAIL] or call [PHONE]", out.value());
        assertEquals(Map.of("EMAIL_ADDRESS", 1, "PHONE_GB", 1), out.report().entities());
        assertNotEquals(0, out.report().total());
    }

    /**
     * Whether a reported type is this type, or one that reads the same value under the same
     * context word (a 9-digit "passport" number is a US and a UK format alike).
     */
    private static boolean sameReading(EntityType t, String reported) {
        if (reported.equals(t.id())) {
            return true;
        }
        EntityType other = CATALOG.type(reported).orElseThrow();
        return !t.context().isEmpty() && other.context().stream().anyMatch(w -> t.context().get(0).contains(w));
    }

    /** Keyed types' examples are whole {@code key: value} texts. */
    private static boolean keyed(EntityType t) {
        return CATALOG.generators(t.id()).isEmpty() && t.positives().stream().allMatch(p -> p.matches("(?s).*[:=].*"))
                && !t.id().equals("URL_CREDENTIALS") && !t.id().equals("IPV6_ADDRESS") && !t.id().equals("MAC_ADDRESS")
                && t.category() != EntityCategory.SECRET | t.id().equals("PASSWORD") || t.id().equals("GENERIC_SECRET")
                || t.id().equals("AWS_SECRET_ACCESS_KEY") || t.id().equals("HTTP_AUTHORIZATION");
    }

    static String valueOf(String keyValue) {
        int i = keyValue.indexOf(':');
        int j = keyValue.indexOf('=');
        int k = i < 0 ? j : j < 0 ? i : Math.min(i, j);
        String v = keyValue.substring(k + 1).strip();
        if (v.endsWith(";")) {
            v = v.substring(0, v.length() - 1);
        }
        return v.replace("\"", "");
    }

    private static String context(EntityType t) {
        return t.context().isEmpty() ? "value " : t.context().get(0) + " ";
    }
}
