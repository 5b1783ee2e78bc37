package io.mcpgateway.tools;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks raw call arguments against a tool's declared parameters and converts them to typed
 * values. Unknown arguments are rejected, never ignored; every problem is reported at once.
 * Identity-bound parameters are filled from the caller's verified token, and an argument that
 * tries to supply one is refused.
 *
 * <p>The checks mirror the published input schema (see {@link InputSchema}): a value the schema
 * rejects is rejected here too. The server is stricter in two places only: calendar dates must
 * exist (the schema checks their shape), and a pattern match that takes too long is refused.
 */
public final class ArgumentValidator {

    /** Smallest integer a parameter accepts when the runbook sets no minimum (a 64-bit bind). */
    public static final BigDecimal INTEGER_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    /** Largest integer a parameter accepts when the runbook sets no maximum. */
    public static final BigDecimal INTEGER_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    // characters a pattern match may inspect before the value is refused: bounds the cost of a
    // pattern that backtracks badly even when the lint missed it
    private static final long MATCH_BUDGET = 1_000_000;

    private ArgumentValidator() {
    }

    /**
     * Validates and converts arguments, filling identity-bound parameters from the caller.
     *
     * @param tool      the tool
     * @param arguments raw arguments from the client
     * @param identity  the verified caller
     * @return typed values by parameter name, in declaration order, defaults applied; absent
     *         optional parameters map to {@code null}
     * @throws InvalidArgumentsException listing every problem
     */
    public static Map<String, Object> validate(ToolDefinition tool, Map<String, Object> arguments, Identity identity) {
        List<String> problems = new ArrayList<>();
        for (String name : arguments.keySet()) {
            Parameter p = tool.parameters().get(name);
            if (p == null) {
                problems.add("unknown argument '" + name + "'" + expected(tool));
            } else if (!p.fromModel()) {
                problems.add("'" + name + "' is taken from your identity (" + p.identity().configName()
                        + ") and cannot be given as an argument");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : tool.parameters().values()) {
            if (!p.fromModel()) {
                values.put(p.name(), p.identity().valueOf(identity));
                continue;
            }
            if (!arguments.containsKey(p.name())) {
                if (p.defaultValue() != null) {
                    values.put(p.name(), convert(p, p.defaultValue()));
                } else if (p.required()) {
                    problems.add("'" + p.name() + "' is required");
                } else {
                    values.put(p.name(), null);
                }
                continue;
            }
            Object raw = arguments.get(p.name());
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
        List<String> accepted = tool.parameters().values().stream().filter(Parameter::fromModel)
                .map(Parameter::name).toList();
        if (accepted.isEmpty()) {
            return " (this tool takes no arguments)";
        }
        return " (accepted: " + String.join(", ", accepted) + ")";
    }

    /**
     * Checks one raw value against a parameter.
     *
     * @param p   parameter
     * @param raw JSON value (string, number, boolean, list, or null)
     * @return null when valid, else what is wrong, starting with a verb ("must be ...")
     */
    static String check(Parameter p, Object raw) {
        if (raw == null) {
            return "must not be null (leave it out instead)";
        }
        if (p.type() != ParameterType.ARRAY) {
            return checkScalar(p, p.type(), raw);
        }
        if (!(raw instanceof List<?> list)) {
            return "must be a list of " + p.itemType().configName() + " values";
        }
        if (p.minItems() != null && list.size() < p.minItems()) {
            return "must have at least " + p.minItems() + " item(s)";
        }
        if (list.size() > p.maxItems()) {
            return "must have at most " + p.maxItems() + " item(s)";
        }
        for (int i = 0; i < list.size(); i++) {
            String problem = list.get(i) == null ? "must not be null" : checkScalar(p, p.itemType(), list.get(i));
            if (problem != null) {
                return "item " + i + " " + problem;
            }
        }
        return null;
    }

    private static String checkScalar(Parameter p, ParameterType type, Object raw) {
        return switch (type) {
            case STRING -> raw instanceof String s ? checkString(p, s) : "must be a string";
            case BOOLEAN -> raw instanceof Boolean ? null : "must be true or false";
            case INTEGER -> {
                BigDecimal n = number(raw);
                if (n == null || n.stripTrailingZeros().scale() > 0) {
                    yield "must be a whole number";
                }
                yield checkRange(bound(p.minimum(), INTEGER_MIN), bound(p.maximum(), INTEGER_MAX), n);
            }
            case NUMBER -> {
                BigDecimal n = number(raw);
                yield n == null ? "must be a number" : checkRange(p.minimum(), p.maximum(), n);
            }
            case DATE -> raw instanceof String s ? ParameterFormat.check("date", s) == null ? null
                    : "must be " + ParameterFormat.check("date", s) : "must be a date string (YYYY-MM-DD)";
            case TIMESTAMP -> raw instanceof String s ? ParameterFormat.check("date-time", s) == null ? null
                    : "must be " + ParameterFormat.check("date-time", s)
                    : "must be a timestamp string (2024-05-01T12:00:00Z)";
            case ARRAY -> throw new IllegalStateException("arrays hold scalars only");
        };
    }

    private static BigDecimal bound(BigDecimal declared, BigDecimal fallback) {
        return declared != null ? declared : fallback;
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
        if (p.excluded().contains(s)) {
            return "must not be " + p.excluded();
        }
        if (p.pattern() != null) {
            try {
                if (!p.pattern().matcher(new BudgetedText(s, MATCH_BUDGET)).matches()) {
                    return "must match the pattern " + p.pattern().pattern();
                }
            } catch (BudgetedText.Exhausted e) {
                return "could not be checked against the pattern " + p.pattern().pattern() + " in time";
            }
        }
        if (p.format() != null) {
            String expected = ParameterFormat.check(p.format(), s);
            if (expected != null) {
                return "must be " + expected;
            }
        }
        return null;
    }

    private static String checkRange(BigDecimal min, BigDecimal max, BigDecimal n) {
        if (min != null && n.compareTo(min) < 0) {
            return "must be at least " + min.toPlainString();
        }
        if (max != null && n.compareTo(max) > 0) {
            return "must be at most " + max.toPlainString();
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

    /**
     * Converts a value that passed {@link #check} (or a default written in the runbook).
     *
     * @param p   parameter
     * @param raw raw value
     * @return the typed value
     */
    static Object convert(Parameter p, Object raw) {
        if (p.type() == ParameterType.ARRAY) {
            List<Object> items = new ArrayList<>();
            for (Object item : (List<?>) raw) {
                items.add(convertScalar(p.itemType(), item));
            }
            return List.copyOf(items);
        }
        return convertScalar(p.type(), raw);
    }

    private static Object convertScalar(ParameterType type, Object raw) {
        return switch (type) {
            case STRING, BOOLEAN -> raw;
            case INTEGER -> number(raw).longValueExact();
            case NUMBER -> number(raw);
            case DATE -> LocalDate.parse((String) raw);
            // one instant, one representation: binds and audit rows compare equal whatever offset was sent
            case TIMESTAMP -> OffsetDateTime.parse((String) raw).withOffsetSameInstant(ZoneOffset.UTC);
            case ARRAY -> throw new IllegalStateException("arrays hold scalars only");
        };
    }

    /** A string view that stops a regular-expression match after a fixed number of reads. */
    private record BudgetedText(String text, long[] left) implements CharSequence {

        BudgetedText(String text, long budget) {
            this(text, new long[] {budget});
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedText(text.substring(start, end), left);
        }

        @Override
        public String toString() {
            return text;
        }

        /** The budget ran out. */
        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super(null, null, false, false);
            }
        }
    }
}
