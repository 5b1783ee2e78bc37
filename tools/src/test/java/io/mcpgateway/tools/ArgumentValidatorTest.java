package io.mcpgateway.tools;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ArgumentValidatorTest {

    private static ToolDefinition tool() {
        Map<String, Parameter> params = new LinkedHashMap<>();
        params.put("email", new Parameter("email", ParameterType.STRING, true, null, "", null, null, 200,
                List.of(), "email", null, null));
        params.put("status", new Parameter("status", ParameterType.STRING, false, null, "", null, null, null,
                List.of("paid", "shipped"), null, null, null));
        params.put("limit", new Parameter("limit", ParameterType.INTEGER, false, 10L, "", null, null, null,
                List.of(), null, BigDecimal.ONE, BigDecimal.valueOf(100)));
        params.put("code", new Parameter("code", ParameterType.STRING, false, null, "", Pattern.compile("[A-Z]{3}"),
                null, null, List.of(), null, null, null));
        return new ToolDefinition("t", "test tool", "c", Set.of("g"), params,
                SqlTemplate.parse("SELECT :email, :status, :limit, :code"), null, null, null, "test");
    }

    @Test
    void acceptsValidArgumentsAndAppliesDefaults() {
        Map<String, Object> values = ArgumentValidator.validate(tool(), Map.of("email", "a@example.com", "code", "ABC"));
        assertEquals("a@example.com", values.get("email"));
        assertEquals(10L, values.get("limit"));
        assertEquals("ABC", values.get("code"));
    }

    @Test
    void rejectsUnknownArgumentsInsteadOfIgnoringThem() {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () ->
                ArgumentValidator.validate(tool(), Map.of("email", "a@example.com", "sql", "DROP TABLE x")));
        assertEquals(List.of("unknown argument 'sql' (accepted: email, status, limit, code)"), e.problems());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("status", "deleted");
        args.put("limit", 1000);
        args.put("code", "abc");
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                () -> ArgumentValidator.validate(tool(), args));
        assertEquals(List.of("'email' is required", "'status' must be one of [paid, shipped]",
                "'limit' must be at most 100", "'code' must match the pattern [A-Z]{3}"), e.problems());
    }

    @Test
    void rejectsWrongTypesWithoutCoercion() {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () ->
                ArgumentValidator.validate(tool(), Map.of("email", "a@example.com", "limit", "5")));
        assertEquals(List.of("'limit' must be a whole number"), e.problems());
        e = assertThrows(InvalidArgumentsException.class, () ->
                ArgumentValidator.validate(tool(), Map.of("email", "not an email")));
        assertEquals(List.of("'email' must be an e-mail address"), e.problems());
    }

    @Test
    void patternMustMatchTheWholeValue() {
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class, () ->
                ArgumentValidator.validate(tool(), Map.of("email", "a@example.com", "code", "ABC' OR 1=1 --")));
        assertEquals(List.of("'code' must match the pattern [A-Z]{3}"), e.problems());
    }
}
