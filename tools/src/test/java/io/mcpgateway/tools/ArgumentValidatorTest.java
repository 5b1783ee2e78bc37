package io.mcpgateway.tools;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ArgumentValidatorTest {

    private static final Identity ALICE = new Identity("alice", "alice@example.com", Set.of("support", "ops"));

    private static ToolDefinition tool(Parameter... parameters) {
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            params.put(p.name(), p);
        }
        return new ToolDefinition("t", "test tool", "c", Set.of("g"), params, SqlTemplate.parse("SELECT 1"),
                null, null, null, "test");
    }

    private static ToolDefinition tool() {
        return tool(Parameter.builder("email", ParameterType.STRING).format("email").maxLength(200).build(),
                Parameter.builder("status", ParameterType.STRING).required(false).allowed(List.of("paid", "shipped")).build(),
                Parameter.builder("limit", ParameterType.INTEGER).defaultValue(10L).minimum(BigDecimal.ONE)
                        .maximum(BigDecimal.valueOf(100)).build(),
                Parameter.builder("code", ParameterType.STRING).required(false).pattern("[A-Z]{3}").build());
    }

    @Test
    void acceptsValidArgumentsAndAppliesDefaults() {
        Map<String, Object> values = ArgumentValidator.validate(tool(), Map.of("email", "a@example.com", "code", "ABC"), ALICE);
        assertEquals("a@example.com", values.get("email"));
        assertEquals(10L, values.get("limit"));
        assertEquals("ABC", values.get("code"));
        assertEquals(null, values.get("status"));
    }

    @Test
    void rejectsUnknownArgumentsInsteadOfIgnoringThem() {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () ->
                ArgumentValidator.validate(tool(), Map.of("email", "a@example.com", "sql", "DROP TABLE x"), ALICE));
        assertEquals(List.of("unknown argument 'sql' (accepted: email, status, limit, code)"), e.problems());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("status", "deleted");
        args.put("limit", 1000);
        args.put("code", "abc");
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                () -> ArgumentValidator.validate(tool(), args, ALICE));
        assertEquals(List.of("'email' is required", "'status' must be one of [paid, shipped]",
                "'limit' must be at most 100", "'code' must match the pattern [A-Z]{3}"), e.problems());
    }

    @Test
    void rejectsWrongTypesWithoutCoercion() {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () ->
                ArgumentValidator.validate(tool(), Map.of("email", "a@example.com", "limit", "5"), ALICE));
        assertEquals(List.of("'limit' must be a whole number"), e.problems());
        e = assertThrows(InvalidArgumentsException.class, () ->
                ArgumentValidator.validate(tool(), Map.of("email", "not an email"), ALICE));
        assertEquals(List.of("'email' must be an e-mail address"), e.problems());
    }

    @Test
    void rejectsAnExplicitNullLikeTheSchemaDoes() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("email", "a@example.com");
        args.put("status", null);
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                () -> ArgumentValidator.validate(tool(), args, ALICE));
        assertEquals(List.of("'status' must not be null (leave it out instead)"), e.problems());
    }

    @Test
    void patternMustMatchTheWholeValue() {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () ->
                ArgumentValidator.validate(tool(), Map.of("email", "a@example.com", "code", "ABC' OR 1=1 --"), ALICE));
        assertEquals(List.of("'code' must match the pattern [A-Z]{3}"), e.problems());
    }

    @Test
    void integersOutsideTheBindRangeAreRefused() {
        ToolDefinition t = tool(Parameter.builder("n", ParameterType.INTEGER).build());
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                () -> ArgumentValidator.validate(t, Map.of("n", new java.math.BigInteger("99999999999999999999")), ALICE));
        assertEquals(List.of("'n' must be at most 9223372036854775807"), e.problems());
        assertEquals(5L, ArgumentValidator.validate(t, Map.of("n", 5.0), ALICE).get("n"));
    }

    @Test
    void datesAndTimestampsAreCheckedAndConverted() {
        ToolDefinition t = tool(Parameter.builder("day", ParameterType.DATE).build(),
                Parameter.builder("at", ParameterType.TIMESTAMP).build());
        Map<String, Object> values = ArgumentValidator.validate(t, Map.of("day", "2024-02-29",
                "at", "2024-05-01T14:00:00+02:00"), ALICE);
        assertEquals(LocalDate.of(2024, 2, 29), values.get("day"));
        assertEquals(OffsetDateTime.of(2024, 5, 1, 12, 0, 0, 0, ZoneOffset.UTC), values.get("at"));
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () ->
                ArgumentValidator.validate(t, Map.of("day", "2023-02-29", "at", "2024-05-01 14:00"), ALICE));
        assertEquals(List.of("'day' must be an ISO 8601 date (YYYY-MM-DD)",
                "'at' must be an ISO 8601 timestamp with offset (2024-05-01T12:00:00Z)"), e.problems());
    }

    @Test
    void arraysAreBoundedAndEachItemChecked() {
        ToolDefinition t = tool(Parameter.builder("ids", ParameterType.ARRAY).itemType(ParameterType.INTEGER)
                .minimum(BigDecimal.ONE).minItems(1).maxItems(3).build());
        assertEquals(List.of(1L, 2L), ArgumentValidator.validate(t, Map.of("ids", List.of(1, 2)), ALICE).get("ids"));
        assertEquals(List.of("'ids' must have at most 3 item(s)"), assertThrows(InvalidArgumentsException.class, () ->
                ArgumentValidator.validate(t, Map.of("ids", List.of(1, 2, 3, 4)), ALICE)).problems());
        assertEquals(List.of("'ids' item 1 must be at least 1"), assertThrows(InvalidArgumentsException.class, () ->
                ArgumentValidator.validate(t, Map.of("ids", List.of(1, 0)), ALICE)).problems());
        assertEquals(List.of("'ids' must be a list of integer values"), assertThrows(InvalidArgumentsException.class,
                () -> ArgumentValidator.validate(t, Map.of("ids", 1), ALICE)).problems());
    }

    @Test
    void identityBoundParametersComeFromTheTokenAndCannotBeSupplied() {
        ToolDefinition t = tool(Parameter.builder("me", ParameterType.STRING).identity(IdentitySource.EMAIL).build(),
                Parameter.builder("teams", ParameterType.ARRAY).itemType(ParameterType.STRING)
                        .identity(IdentitySource.GROUPS).build(),
                Parameter.builder("status", ParameterType.STRING).build());
        Map<String, Object> values = ArgumentValidator.validate(t, Map.of("status", "open"), ALICE);
        assertEquals("alice@example.com", values.get("me"));
        assertEquals(List.of("ops", "support"), values.get("teams"));

        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () ->
                ArgumentValidator.validate(t, Map.of("status", "open", "me", "bob@example.com"), ALICE));
        assertEquals(List.of("'me' is taken from your identity (email) and cannot be given as an argument"),
                e.problems());
        Identity noMail = new Identity("svc", "", Set.of());
        e = assertThrows(InvalidArgumentsException.class, () ->
                ArgumentValidator.validate(t, Map.of("status", "open"), noMail));
        assertEquals(List.of("this tool needs the e-mail address from your token, and your token carries none"),
                e.problems());
    }

    @Test
    void aPatternThatBacktracksForeverIsCutShort() {
        // built directly: the loader refuses such a pattern, this is the defence behind it
        ToolDefinition t = tool(Parameter.builder("s", ParameterType.STRING).pattern("((a+)+)+b").build());
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () ->
                ArgumentValidator.validate(t, Map.of("s", "a".repeat(40) + "!"), ALICE));
        assertEquals(List.of("'s' could not be checked against the pattern ((a+)+)+b in time"), e.problems());
    }
}
