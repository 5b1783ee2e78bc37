package io.mcpgateway.tools;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Named string formats a parameter may declare, with their checks. The names follow JSON Schema
 * 2020-12 {@code format} values so the published schema and the server check agree.
 */
final class ParameterFormat {

    // deliberately simple and linear-time: local@domain.tld, no quoted local parts
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,24}");

    private static final List<String> NAMES = List.of("email", "date", "date-time");

    private ParameterFormat() {
    }

    static boolean isKnown(String format) {
        return NAMES.contains(format);
    }

    static List<String> names() {
        return NAMES;
    }

    /**
     * Checks a value against a format.
     *
     * @param format format name
     * @param value  value
     * @return null when valid, else a short description of what was expected
     */
    static String check(String format, String value) {
        return switch (format) {
            case "email" -> EMAIL.matcher(value).matches() ? null : "an e-mail address";
            case "date" -> parses(() -> LocalDate.parse(value)) ? null : "an ISO 8601 date (YYYY-MM-DD)";
            case "date-time" -> parses(() -> OffsetDateTime.parse(value)) ? null
                    : "an ISO 8601 timestamp with offset (2024-05-01T12:00:00Z)";
            default -> throw new IllegalStateException("unknown format " + format);
        };
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
