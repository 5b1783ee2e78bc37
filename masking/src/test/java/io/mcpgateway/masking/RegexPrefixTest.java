package io.mcpgateway.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The prefix condition may only skip positions where the expression cannot match: a skipped match
 * is a value left unmasked. Checked on every identifier format of the catalog with its examples,
 * generated values and random look-alikes, and on hand-picked expressions.
 */
class RegexPrefixTest {

    private static final Catalog CATALOG = Catalog.load();

    @Test
    void neverRejectsAStartWhereACatalogIdentifierMatches() {
        ValueGenerator generator = new ValueGenerator(CATALOG);
        SplittableRandom random = new SplittableRandom(11);
        int checked = 0;
        List<String> failures = new ArrayList<>();
        for (TokenPattern p : CATALOG.tokenPatterns()) {
            RegexPrefix prefix = RegexPrefix.of(p.regex().pattern());
            List<String> values = new ArrayList<>(p.entity().positives());
            if (generator.canGenerate(p.entity())) {
                for (int i = 0; i < 200; i++) {
                    values.add(generator.generate(p.entity(), random));
                }
            }
            for (int i = 0; i < 2000; i++) {
                values.add(lookAlike(values.get(random.nextInt(values.size())), random));
            }
            for (String v : values) {
                String text = "id " + v + " end";
                Matcher m = p.regex().matcher(text);
                m.region(3, text.length());
                if (m.lookingAt()) {
                    checked++;
                    if (!prefix.accepts(text.toCharArray(), 3)) {
                        failures.add(p.entity().id() + ": " + v);
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(checked > 10_000, "only " + checked + " matches were checked");
    }

    @Test
    void readsEveryIdentifierFormatOfTheCatalog() {
        List<String> unread = new ArrayList<>();
        for (TokenPattern p : CATALOG.tokenPatterns()) {
            if (RegexPrefix.of(p.regex().pattern()).offsets() == 0) {
                unread.add(p.entity().id());
            }
        }
        assertEquals(List.of(), unread);
    }

    @Test
    void rejectsStartsThatCannotMatch() {
        RegexPrefix rut = RegexPrefix.of("\\d{1,2}\\.?\\d{3}\\.?\\d{3}-[0-9kK]");
        assertEquals(9, rut.offsets());
        assertTrue(rut.accepts("12.345.678-5".toCharArray(), 0));
        assertTrue(rut.accepts("x 7654321-K".toCharArray(), 2));
        assertFalse(rut.accepts("12:30:15 ok".toCharArray(), 0));
        assertFalse(rut.accepts("12 Nov 2025".toCharArray(), 0));
        assertFalse(rut.accepts("12.34".toCharArray(), 0), "too short for any match");
        RegexPrefix classes = RegexPrefix.of("[A-Z]{2}(?:[ ]?[A-Z0-9]{4}){2}|x[^a-z]");
        assertTrue(classes.accepts("x9".toCharArray(), 0));
        assertTrue(classes.accepts("DE 89AB 1234".toCharArray(), 0));
        assertFalse(classes.accepts("xa".toCharArray(), 0));
        assertFalse(classes.accepts("De".toCharArray(), 0));
    }

    @Test
    void acceptsEverythingForSyntaxItDoesNotRead() {
        for (String regex : List.of("(?i)abc", "\\bfoo", "^ab", "(?=a)ab", "(a)\\1", "\\p{L}{3}", "a|", "")) {
            assertEquals(0, RegexPrefix.of(regex).offsets(), regex);
            assertTrue(RegexPrefix.of(regex).accepts("zzz".toCharArray(), 0), regex);
        }
    }

    @Test
    void agreesWithTheRegexEngineOnRandomTextForHandWrittenExpressions() {
        SplittableRandom random = new SplittableRandom(5);
        String alphabet = "ab09AZ.- _é";
        for (String regex : List.of("a?b+[0-9]{2,3}", "(?:ab|9)*A[^ .]", "[a-b0]{1,}\\.?-?Z", "\\w\\s\\d.",
                "(a|bb|)0", "[.é-]{2}[^\\d]")) {
            Pattern pattern = Pattern.compile(regex);
            RegexPrefix prefix = RegexPrefix.of(regex);
            for (int i = 0; i < 20_000; i++) {
                StringBuilder sb = new StringBuilder();
                for (int k = random.nextInt(1, 9); k > 0; k--) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String text = sb.toString();
                if (pattern.matcher(text).lookingAt()) {
                    assertTrue(prefix.accepts(text.toCharArray(), 0), regex + " matches '" + text + "'");
                }
            }
        }
    }

    /** A value with one character changed, dropped or doubled, or a separator moved. */
    private static String lookAlike(String v, SplittableRandom r) {
        if (v.isEmpty()) {
            return v;
        }
        int at = r.nextInt(v.length());
        String pool = "0123456789ABCDEFKXZabcxz .-/";
        return switch (r.nextInt(3)) {
            case 0 -> v.substring(0, at) + pool.charAt(r.nextInt(pool.length())) + v.substring(at + 1);
            case 1 -> v.substring(0, at) + v.substring(at + 1);
            default -> v.substring(0, at) + v.charAt(at) + v.substring(at);
        };
    }
}
