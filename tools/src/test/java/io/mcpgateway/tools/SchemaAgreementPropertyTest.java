package io.mcpgateway.tools;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.json.JsonMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published input schema and the server's validator agree: every argument set a standard
 * JSON Schema 2020-12 validator rejects is rejected by the server too, and every set the server
 * accepts passes the schema. The server is stricter in one documented place only: a date of the
 * right shape that does not exist in the calendar (2023-02-30).
 */
class SchemaAgreementPropertyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Identity CALLER = new Identity("alice", "alice@example.com", Set.of("g"));
    private static final ToolDefinition TOOL = tool();
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(JSON.writeValueAsString(InputSchema.of(TOOL)));

    private static ToolDefinition tool() {
        List<Parameter> params = List.of(
                Parameter.builder("code", ParameterType.STRING).pattern("[A-Z]{2}[0-9]{1,3}").build(),
                Parameter.builder("word", ParameterType.STRING).required(false).minLength(2).maxLength(5).build(),
                Parameter.builder("choice", ParameterType.STRING).required(false).allowed(List.of("a", "b", "c d")).build(),
                Parameter.builder("mail", ParameterType.STRING).required(false).format("email").build(),
                Parameter.builder("small", ParameterType.INTEGER).required(false).minimum(BigDecimal.valueOf(-5))
                        .maximum(BigDecimal.valueOf(50)).build(),
                Parameter.builder("big", ParameterType.INTEGER).defaultValue(7L).build(),
                Parameter.builder("ratio", ParameterType.NUMBER).required(false).minimum(new BigDecimal("0.5"))
                        .maximum(new BigDecimal("9.75")).build(),
                Parameter.builder("flag", ParameterType.BOOLEAN).required(false).build(),
                Parameter.builder("day", ParameterType.DATE).required(false).build(),
                Parameter.builder("at", ParameterType.TIMESTAMP).required(false).build(),
                Parameter.builder("ids", ParameterType.ARRAY).itemType(ParameterType.INTEGER).required(false)
                        .minItems(1).maxItems(3).minimum(BigDecimal.ZERO).build(),
                Parameter.builder("tags", ParameterType.ARRAY).itemType(ParameterType.STRING).required(false)
                        .maxItems(2).allowed(List.of("x", "y")).build(),
                Parameter.builder("segment", ParameterType.STRING).required(false).minLength(1)
                        .excluded(List.of(".", "..")).build(),
                Parameter.builder("me", ParameterType.STRING).identity(IdentitySource.EMAIL).build());
        Map<String, Parameter> byName = new LinkedHashMap<>();
        params.forEach(p -> byName.put(p.name(), p));
        return new ToolDefinition("agreement", "test", "db", Set.of("g"), byName, SqlTemplate.parse("SELECT 1"),
                null, null, null, "test");
    }

    @Property(tries = 3000)
    void schemaAndValidatorAgree(@ForAll("arguments") Map<String, Object> arguments) {
        boolean schemaAccepts;
        try {
            schemaAccepts = SCHEMA.validate(JSON.valueToTree(arguments)).isEmpty();
        } catch (tools.jackson.databind.exc.JsonNodeException e) {
            // this validator fails on a double beyond the long range against an integer bound; a
            // client whose validator fails cannot have accepted the value
            schemaAccepts = false;
        }
        boolean serverAccepts;
        try {
            ArgumentValidator.validate(TOOL, arguments, CALLER);
            serverAccepts = true;
        } catch (InvalidArgumentsException e) {
            serverAccepts = false;
        }
        net.jqwik.api.statistics.Statistics.label("outcome").collect(schemaAccepts ? "schema accepts" : "schema rejects",
                serverAccepts ? "server accepts" : "server rejects");
        if (!schemaAccepts) {
            assertEquals(false, serverAccepts, "schema rejects but server accepts " + arguments);
        } else if (!serverAccepts) {
            assertTrue(hasImpossibleDate(arguments), "server rejects what the schema accepts: " + arguments);
        }
    }

    private static boolean hasImpossibleDate(Map<String, Object> arguments) {
        for (String key : List.of("day", "at")) {
            if (arguments.get(key) instanceof String s && s.length() >= 10) {
                try {
                    LocalDate.parse(s.substring(0, 10));
                } catch (DateTimeParseException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final List<String> NAMES = List.of("code", "word", "choice", "mail", "small", "big", "ratio", "flag",
            "day", "at", "ids", "tags", "segment", "me", "extra");

    /**
     * A valid argument set, then one argument (or none) replaced by a value aimed at its edges or
     * of another JSON type, or removed, or set to null: so both outcomes are common.
     */
    @Provide
    Arbitrary<Map<String, Object>> arguments() {
        Arbitrary<List<Object>> base = Combinators.combine(NAMES.stream().map(this::valid).toList()).as(l -> l);
        Arbitrary<Integer> which = Arbitraries.integers().between(-1, NAMES.size() - 1);
        return Combinators.combine(base, which, Arbitraries.integers().between(0, NAMES.size() - 1)
                .flatMap(i -> edge(NAMES.get(i)).map(v -> v))).as((values, k, replacement) -> {
            Map<String, Object> args = new LinkedHashMap<>();
            for (int i = 0; i < NAMES.size(); i++) {
                Object v = i == k ? replacement : values.get(i);
                if (v != ABSENT) {
                    args.put(NAMES.get(i), v == NULL ? null : v);
                }
            }
            return args;
        });
    }

    /** A value the parameter accepts, or absent for optional ones. */
    private Arbitrary<Object> valid(String name) {
        Arbitrary<Object> v = switch (name) {
            case "code" -> Arbitraries.of("AB1", "XY123", "QQ42");
            case "word" -> Arbitraries.strings().withChars("ab😀é").ofMinLength(2).ofMaxLength(5).map(x -> x);
            case "choice" -> Arbitraries.of("a", "b", "c d");
            case "mail" -> Arbitraries.of("a@example.com", "a.b+c@x.co", "x_y%z@sub.example.org");
            case "small" -> Arbitraries.integers().between(-5, 50).map(i -> i);
            case "big" -> Arbitraries.longs().map(l -> l);
            case "ratio" -> Arbitraries.doubles().between(0.5, 9.75).map(d -> d);
            case "flag" -> Arbitraries.of(true, false);
            case "day" -> Arbitraries.of("2024-02-29", "2024-12-31", "1999-01-01");
            case "at" -> Arbitraries.of("2024-05-01T12:00:00Z", "2024-05-01T12:00:00.123+02:00");
            case "ids" -> Arbitraries.integers().between(0, 9).map(i -> (Object) i).list().ofMinSize(1).ofMaxSize(3)
                    .map(l -> l);
            case "tags" -> Arbitraries.of("x", "y").list().ofMaxSize(2).map(l -> l);
            case "segment" -> Arbitraries.strings().withChars("a.-").ofMinLength(1).ofMaxLength(4)
                    .filter(x -> !x.equals(".") && !x.equals("..")).map(x -> x);
            default -> Arbitraries.just(ABSENT);
        };
        return name.equals("code") ? v : Arbitraries.oneOf(v, Arbitraries.just(ABSENT));
    }

    /** Values aimed at a parameter's edges, mixed with values of every other JSON type. */
    private Arbitrary<Object> edge(String name) {
        Arbitrary<Object> targeted = switch (name) {
            case "code" -> Arbitraries.oneOf(Arbitraries.strings().withChars("AZ09a-").ofMaxLength(6),
                    Arbitraries.of("AB1", "XY123", "XY1234", "ab1", "AB1\n"));
            case "word", "segment" -> Arbitraries.oneOf(Arbitraries.strings().withChars("ab.😀é").ofMaxLength(7),
                    Arbitraries.of("", ".", "..", "...", "😀😀", "abcde", "abcdef"));
            case "choice" -> Arbitraries.of("a", "b", "c d", "A", "c", "a ");
            case "mail" -> Arbitraries.oneOf(Arbitraries.of("a@example.com", "a.b+c@x.co", "a..b@x.co", ".a@x.co",
                    "a@-x.co", "a@x", "a@x.c", "@x.co", "a b@x.co", "a@x.co."),
                    Arbitraries.strings().withChars("ab.@-+").ofMaxLength(10));
            case "small", "big" -> Arbitraries.oneOf(Arbitraries.integers().between(-10, 60).map(i -> i),
                    Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, new BigInteger("9223372036854775808"),
                            new BigInteger("-9223372036854775809"), 5.0, 5.5, -0.0, 1e30));
            case "ratio" -> Arbitraries.oneOf(Arbitraries.doubles().between(-1, 11).map(d -> d),
                    Arbitraries.of(0.5, 9.75, 0.49999, 9.7501, 1, 10, new BigDecimal("9.750000000000000001")));
            case "flag" -> Arbitraries.of(true, false, "true", 0, 1);
            case "day" -> Arbitraries.of("2024-02-29", "2023-02-29", "2024-13-01", "2024-1-01", "2024-01-01T00:00:00Z",
                    "20240101", "2024-12-31", "２０２４-01-01");
            case "at" -> Arbitraries.of("2024-05-01T12:00:00Z", "2024-05-01T12:00:00.123+02:00", "2024-05-01T12:00Z",
                    "2024-05-01 12:00:00Z", "2024-05-01T25:00:00Z", "2024-05-01T12:00:00", "2024-02-30T00:00:00Z",
                    "2024-05-01t12:00:00z");
            case "ids" -> Arbitraries.oneOf(Arbitraries.integers().between(-1, 3).list().ofMaxSize(4).map(l -> l),
                    Arbitraries.of(List.of(1.5), List.of("1"), 1, List.of(2.0)));
            case "tags" -> Arbitraries.oneOf(Arbitraries.of("x", "y", "z").list().ofMaxSize(3).map(l -> l),
                    Arbitraries.of(List.of(), "x"));
            default -> Arbitraries.of("x", 1, true, List.of());
        };
        Arbitrary<Object> anyType = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(4).map(x -> x),
                Arbitraries.integers().map(i -> i), Arbitraries.of(true, 2.5, List.of("a"), Map.of("k", 1)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, targeted), net.jqwik.api.Tuple.of(2, anyType),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(ABSENT)), net.jqwik.api.Tuple.of(1, Arbitraries.just(NULL)));
    }

    private static final Object ABSENT = new Object();
    private static final Object NULL = new Object();

}
