package io.mcpgateway.tools;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One declared parameter of a runbook tool. The agent can only fill in parameters; this record
 * says which values it may use.
 *
 * @param name         parameter name, {@code [a-z][a-z0-9_]*}
 * @param type         value type
 * @param required     whether the caller must supply it (false when a default exists)
 * @param defaultValue value used when absent, or {@code null}
 * @param description  text shown to the model in the input schema
 * @param pattern      regular expression the whole string must match, or {@code null}
 * @param minLength    minimum string length, or {@code null}
 * @param maxLength    maximum string length, or {@code null}
 * @param allowed      the only accepted string values, or empty
 * @param format       a named string format ({@code email}, {@code date}), or {@code null}
 * @param minimum      smallest accepted number, or {@code null}
 * @param maximum      largest accepted number, or {@code null}
 */
public record Parameter(String name,
                        ParameterType type,
                        boolean required,
                        Object defaultValue,
                        String description,
                        Pattern pattern,
                        Integer minLength,
                        Integer maxLength,
                        List<String> allowed,
                        String format,
                        BigDecimal minimum,
                        BigDecimal maximum) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /**
     * Validates the declaration itself.
     *
     * @param name         name
     * @param type         type
     * @param required     required flag
     * @param defaultValue default or null
     * @param description  description
     * @param pattern      pattern or null
     * @param minLength    min length or null
     * @param maxLength    max length or null
     * @param allowed      enum values
     * @param format       format or null
     * @param minimum      minimum or null
     * @param maximum      maximum or null
     */
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Parameter name '" + name
                    + "' must match [a-z][a-z0-9_]* (at most 64 characters)");
        }
        description = description == null ? "" : description;
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
            throw new IllegalArgumentException("Parameter '" + name + "': minimum " + minimum
                    + " is greater than maximum " + maximum);
        }
        if (minLength != null && maxLength != null && minLength > maxLength) {
            throw new IllegalArgumentException("Parameter '" + name + "': min-length " + minLength
                    + " is greater than max-length " + maxLength);
        }
        if (type != ParameterType.STRING && (pattern != null || minLength != null || maxLength != null
                || !allowed.isEmpty() || format != null)) {
            throw new IllegalArgumentException("Parameter '" + name + "': pattern, min-length, max-length, "
                    + "enum and format apply to strings only, not to " + type.jsonType());
        }
        if ((type != ParameterType.INTEGER && type != ParameterType.NUMBER) && (minimum != null || maximum != null)) {
            throw new IllegalArgumentException("Parameter '" + name + "': minimum and maximum apply to "
                    + "numbers only, not to " + type.jsonType());
        }
        if (format != null && !ParameterFormat.isKnown(format)) {
            throw new IllegalArgumentException("Parameter '" + name + "': unknown format '" + format
                    + "', use one of " + ParameterFormat.names());
        }
    }

    /**
     * The default value, if one is declared.
     *
     * @return default
     */
    public Optional<Object> defaultIfAbsent() {
        return Optional.ofNullable(defaultValue);
    }
}
