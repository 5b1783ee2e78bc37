package io.mcpgateway.tools;

import java.util.Locale;

/**
 * The value types a runbook parameter may declare.
 */
public enum ParameterType {
    /** Text; may carry pattern, length bounds, enum and format. */
    STRING("string"),
    /** A whole number (JSON integer); may carry minimum and maximum. */
    INTEGER("integer"),
    /** A decimal number; may carry minimum and maximum. */
    NUMBER("number"),
    /** {@code true} or {@code false}. */
    BOOLEAN("boolean");

    private final String jsonType;

    ParameterType(String jsonType) {
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
     * Parses a type name from a runbook.
     *
     * @param value type name
     * @return the type
     * @throws IllegalArgumentException naming the accepted types
     */
    public static ParameterType parse(String value) {
        for (ParameterType t : values()) {
            if (t.jsonType.equals(value.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown parameter type '" + value
                + "': use string, integer, number or boolean");
    }
}
