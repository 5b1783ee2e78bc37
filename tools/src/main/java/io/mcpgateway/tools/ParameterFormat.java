package io.mcpgateway.tools;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Named string formats a parameter may declare, with their checks. The names follow JSON Schema
 * 2020-12 {@code format} values. Because {@code format} is only an annotation for most schema
 * validators, each format also has a regular expression published as a {@code pattern}: a value
 * the published schema rejects is always rejected here too.
 */
final class ParameterFormat {

    // dot-atom local part and host names, a strict subset of RFC 5321 addresses; linear-time
    private static final String EMAIL = "[A-Za-z0-9_%+-]+(?:\\.[A-Za-z0-9_%+-]+)*"
            + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}";
    // shapes as tight as a pattern can be; only days a month lacks (02-30) are left to the calendar check
    private static final String DATE = "[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])";
    private static final String DATE_TIME = DATE + "T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,9})?"
            + "(?:Z|[+-](?:0[0-9]|1[0-7]):[0-5][0-9]|[+-]18:00)";
    private static final String UUID_TEXT = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private static final List<String> NAMES = List.of("email", "date", "date-time", "uuid");

    private ParameterFormat() {
    }

    static boolean isKnown(String format) {
        return NAMES.contains(format);
    }

    static List<String> names() {
        return NAMES;
    }

    /**
     * The regular expression every value of a format matches (whole value).
     *
     * @param format format name
     * @return regular expression
     */
    static String regex(String format) {
        return switch (format) {
            case "email" -> EMAIL;
            case "date" -> DATE;
            case "date-time" -> DATE_TIME;
            case "uuid" -> UUID_TEXT;
            default -> throw new IllegalStateException("unknown format " + format);
        };
    }

    private static final java.util.Map<String, Pattern> COMPILED = java.util.Map.of(
            "email", Pattern.compile(EMAIL), "date", Pattern.compile(DATE),
            "date-time", Pattern.compile(DATE_TIME), "uuid", Pattern.compile(UUID_TEXT));

    /**
     * Checks a value against a format: its pattern, then (dates) the calendar.
     *
     * @param format format name
     * @param value  value
     * @return null when valid, else a short description of what was expected
     */
    static String check(String format, String value) {
        boolean shaped = COMPILED.get(format).matcher(value).matches();
        return switch (format) {
            case "email" -> shaped ? null : "an e-mail address";
            case "date" -> shaped && parses(() -> LocalDate.parse(value)) ? null : "an ISO 8601 date (YYYY-MM-DD)";
            case "date-time" -> shaped && parses(() -> OffsetDateTime.parse(value)) ? null
                    : "an ISO 8601 timestamp with offset (2024-05-01T12:00:00Z)";
            case "uuid" -> shaped && parses(() -> UUID.fromString(value)) ? null : "a UUID";
            default -> throw new IllegalStateException("unknown format " + format);
        };
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return false;
        }
    }
}
