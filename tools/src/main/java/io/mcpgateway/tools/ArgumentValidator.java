package io.mcpgateway.tools;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks raw call arguments against a tool's declared parameters and converts them to typed
 * values. Unknown arguments are rejected, never ignored; every problem is reported at once.
 *
 * <p>The checks mirror the published input schema (see {@link InputSchema}): a value the schema
 * rejects is rejected here too.
 */
public final class ArgumentValidator {

    private ArgumentValidator() {
    }

    /**
     * Validates and converts arguments.
     *
     * @param tool      the tool
     * @param arguments raw arguments from the client
     * @return typed values by parameter name, in declaration order, defaults applied
     * @throws InvalidArgumentsException listing every problem
     */
    public static Map<String, Object> validate(ToolDefinition tool, Map<String, Object> arguments) {
        List<String> problems = new ArrayList<>();
        for (String name : arguments.keySet()) {
            if (!tool.parameters().containsKey(name)) {
                problems.add("unknown argument '" + name + "'" + expected(tool));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : tool.parameters().values()) {
            Object raw = arguments.get(p.name());
            if (raw == null) {
                if (p.defaultValue() != null) {
                    values.put(p.name(), p.defaultValue());
                } else if (p.required()) {
                    problems.add("'" + p.name() + "' is required");
                } else {
                    values.put(p.name(), null);
                }
                continue;
            }
            String problem = check(p, raw);
            if (problem != null) {
                problems.add("'" + p.name() + "' " + problem);
            } else {
                values.put(p.name(), convert(p, raw));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidArgumentsException(problems);
        }
        return values;
    }

    private static String expected(ToolDefinition tool) {
        if (tool.parameters().isEmpty()) {
            return " (this tool takes no arguments)";
        }
        return " (accepted: " + String.join(", ", tool.parameters().keySet()) + ")";
    }

    private static String check(Parameter p, Object raw) {
        return switch (p.type()) {
            case STRING -> raw instanceof String s ? checkString(p, s) : "must be a string";
            case BOOLEAN -> raw instanceof Boolean ? null : "must be true or false";
            case INTEGER -> {
                BigDecimal n = number(raw);
                if (n == null || n.stripTrailingZeros().scale() > 0) {
                    yield "must be a whole number";
                }
                yield checkRange(p, n);
            }
            case NUMBER -> {
                BigDecimal n = number(raw);
                yield n == null ? "must be a number" : checkRange(p, n);
            }
        };
    }

    private static String checkString(Parameter p, String s) {
        int length = s.codePointCount(0, s.length());
        if (p.minLength() != null && length < p.minLength()) {
            return "must be at least " + p.minLength() + " characters long";
        }
        if (p.maxLength() != null && length > p.maxLength()) {
            return "must be at most " + p.maxLength() + " characters long";
        }
        if (!p.allowed().isEmpty() && !p.allowed().contains(s)) {
            return "must be one of " + p.allowed();
        }
        if (p.pattern() != null && !p.pattern().matcher(s).matches()) {
            return "must match the pattern " + p.pattern().pattern();
        }
        if (p.format() != null) {
            String expected = ParameterFormat.check(p.format(), s);
            if (expected != null) {
                return "must be " + expected;
            }
        }
        return null;
    }

    private static String checkRange(Parameter p, BigDecimal n) {
        if (p.minimum() != null && n.compareTo(p.minimum()) < 0) {
            return "must be at least " + p.minimum().toPlainString();
        }
        if (p.maximum() != null && n.compareTo(p.maximum()) > 0) {
            return "must be at most " + p.maximum().toPlainString();
        }
        return null;
    }

    private static BigDecimal number(Object raw) {
        return switch (raw) {
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case Short s -> BigDecimal.valueOf(s);
            case BigInteger b -> new BigDecimal(b);
            case BigDecimal d -> d;
            case Double d when Double.isFinite(d) -> BigDecimal.valueOf(d);
            case Float f when Float.isFinite(f) -> BigDecimal.valueOf(f);
            default -> null;
        };
    }

    private static Object convert(Parameter p, Object raw) {
        return switch (p.type()) {
            case STRING, BOOLEAN -> raw;
            case INTEGER -> number(raw).longValueExact();
            case NUMBER -> number(raw);
        };
    }
}
