package io.mcpgateway.tools;

import java.util.Locale;

/**
 * The value types a runbook parameter may declare.
 */
public enum ParameterType {
    /** Text; may carry pattern, length bounds, enum and format. */
    STRING("string", "string"),
    /** A whole number (JSON integer, bound as a 64-bit integer); may carry minimum and maximum. */
    INTEGER("integer", "integer"),
    /** A decimal number; may carry minimum and maximum. */
    NUMBER("number", "number"),
    /** {@code true} or {@code false}. */
    BOOLEAN("boolean", "boolean"),
    /** An ISO 8601 calendar date ({@code 2024-05-01}), bound as {@link java.time.LocalDate}. */
    DATE("date", "string"),
    /** An ISO 8601 timestamp with offset ({@code 2024-05-01T12:00:00Z}), bound as {@link java.time.OffsetDateTime}. */
    TIMESTAMP("timestamp", "string"),
    /** A bounded list of scalars of one item type; the item constraints apply to every element. */
    ARRAY("array", "array");

    private final String configName;
    private final String jsonType;

    ParameterType(String configName, String jsonType) {
        this.configName = configName;
        this.jsonType = jsonType;
    }

    /**
     * The JSON Schema type name.
     *
     * @return e.g. {@code string}
     */
    public String jsonType() {
        return jsonType;
    }

    /**
     * The name written in runbooks.
     *
     * @return e.g. {@code timestamp}
     */
    public String configName() {
        return configName;
    }

    /**
     * Whether a value of this type is a single value (every type but {@link #ARRAY}).
     *
     * @return true for scalars
     */
    public boolean isScalar() {
        return this != ARRAY;
    }

    /**
     * Parses a type name from a runbook.
     *
     * @param value type name
     * @return the type
     * @throws IllegalArgumentException naming the accepted types
     */
    public static ParameterType parse(String value) {
        for (ParameterType t : values()) {
            if (t.configName.equals(value.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown parameter type '" + value + "': use " + names());
    }

    /**
     * The accepted type names.
     *
     * @return e.g. {@code string, integer, ...}
     */
    public static String names() {
        StringBuilder b = new StringBuilder();
        for (ParameterType t : values()) {
            b.append(b.isEmpty() ? "" : ", ").append(t.configName);
        }
        return b.toString();
    }
}
