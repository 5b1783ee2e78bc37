package io.mcpgateway.tools;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One declared parameter of a runbook tool. The agent can only fill in parameters; this record
 * says which values it may use. For an {@link ParameterType#ARRAY array}, the string and number
 * constraints apply to each item and {@code itemType} names the item type.
 *
 * @param name         parameter name, {@code [a-z][a-z0-9_]*}
 * @param type         value type
 * @param itemType     item type of an array, else {@code null}
 * @param required     whether the caller must supply it (false when a default exists)
 * @param defaultValue value used when absent (as written: string, number, boolean or list), or {@code null}
 * @param description  text shown to the model in the input schema
 * @param pattern      regular expression the whole string must match, or {@code null}
 * @param minLength    minimum string length in characters, or {@code null}
 * @param maxLength    maximum string length in characters, or {@code null}
 * @param allowed      the only accepted string values, or empty
 * @param format       a named string format ({@code email}, {@code date}, ...), or {@code null}
 * @param minimum      smallest accepted number, or {@code null}
 * @param maximum      largest accepted number, or {@code null}
 * @param minItems     fewest array items, or {@code null}
 * @param maxItems     most array items (always set for arrays)
 * @param identity     where an identity-bound parameter takes its value, or {@code null} when the model fills it
 * @param identifiers  for an identifier parameter: accepted value to the SQL identifier it selects, else empty
 * @param excluded     string values refused although they match everything else (e.g. {@code ..} in a URL path)
 */
public record Parameter(String name,
                        ParameterType type,
                        ParameterType itemType,
                        boolean required,
                        Object defaultValue,
                        String description,
                        Pattern pattern,
                        Integer minLength,
                        Integer maxLength,
                        List<String> allowed,
                        String format,
                        BigDecimal minimum,
                        BigDecimal maximum,
                        Integer minItems,
                        Integer maxItems,
                        IdentitySource identity,
                        Map<String, String> identifiers,
                        List<String> excluded) {

    /** Array length cap when a runbook sets none. */
    public static final int DEFAULT_MAX_ITEMS = 100;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    // a bare or dotted SQL identifier: the only text other than the template that can reach a statement
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62}){0,2}");

    /**
     * Validates the declaration itself.
     *
     * @param name         name
     * @param type         type
     * @param itemType     item type or null
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
     * @param minItems     min items or null
     * @param maxItems     max items or null
     * @param identity     identity source or null
     * @param identifiers  identifier map
     * @param excluded     refused values
     */
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("parameter name '" + name
                    + "' must match [a-z][a-z0-9_]* (at most 64 characters)");
        }
        description = description == null ? "" : description;
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        identifiers = identifiers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(identifiers));
        excluded = excluded == null ? List.of() : List.copyOf(excluded);
        if (type == ParameterType.ARRAY) {
            if (itemType == null || !itemType.isScalar()) {
                throw new IllegalArgumentException("'items' must name the item type of an array (string, integer, "
                        + "number, boolean, date or timestamp)");
            }
            maxItems = maxItems == null ? DEFAULT_MAX_ITEMS : maxItems;
        } else if (itemType != null || minItems != null || maxItems != null) {
            throw new IllegalArgumentException("'items', 'min-items' and 'max-items' apply to arrays only, not to "
                    + type.configName());
        }
        ParameterType scalar = type == ParameterType.ARRAY ? itemType : type;
        if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
            throw new IllegalArgumentException("minimum " + minimum.toPlainString() + " is greater than maximum "
                    + maximum.toPlainString());
        }
        if (minLength != null && (minLength < 0 || maxLength != null && minLength > maxLength)) {
            throw new IllegalArgumentException("min-length " + minLength + " must be between 0 and max-length");
        }
        if (maxLength != null && maxLength < 0) {
            throw new IllegalArgumentException("max-length must not be negative, got " + maxLength);
        }
        if (minItems != null && (minItems < 0 || minItems > maxItems)) {
            throw new IllegalArgumentException("min-items " + minItems + " must be between 0 and max-items " + maxItems);
        }
        if (maxItems != null && (maxItems < 1 || maxItems > 1000)) {
            throw new IllegalArgumentException("max-items must be between 1 and 1000, got " + maxItems);
        }
        if (scalar != ParameterType.STRING && (pattern != null || minLength != null || maxLength != null
                || !allowed.isEmpty() || format != null)) {
            throw new IllegalArgumentException("pattern, min-length, max-length, enum and format apply to strings "
                    + "only, not to " + scalar.configName());
        }
        if (scalar != ParameterType.INTEGER && scalar != ParameterType.NUMBER && (minimum != null || maximum != null)) {
            throw new IllegalArgumentException("minimum and maximum apply to numbers only, not to "
                    + scalar.configName());
        }
        if (format != null && !ParameterFormat.isKnown(format)) {
            throw new IllegalArgumentException("unknown format '" + format + "'");
        }
        if (!identifiers.isEmpty()) {
            if (type != ParameterType.STRING) {
                throw new IllegalArgumentException("'identifiers' needs a string parameter, not " + type.configName());
            }
            for (Map.Entry<String, String> e : identifiers.entrySet()) {
                if (!IDENTIFIER.matcher(e.getValue()).matches()) {
                    throw new IllegalArgumentException("identifier '" + e.getValue() + "' (for '" + e.getKey()
                            + "') must be a plain SQL name such as created_at or o.created_at");
                }
            }
            if (!allowed.isEmpty() && !allowed.equals(List.copyOf(identifiers.keySet()))) {
                throw new IllegalArgumentException("the accepted values of an identifier parameter are the keys of "
                        + "'identifiers'; leave 'enum' out");
            }
            allowed = List.copyOf(identifiers.keySet());
        }
        if (identity != null) {
            ParameterType expected = identity == IdentitySource.GROUPS ? ParameterType.ARRAY : ParameterType.STRING;
            if (type != expected || defaultValue != null) {
                throw new IllegalArgumentException("an identity-bound parameter (identity: " + identity.configName()
                        + ") is " + (expected == ParameterType.ARRAY ? "an array of strings" : "a string")
                        + " without a default");
            }
            required = true;
        }
    }

    /**
     * Whether the model supplies this parameter (it is in the input schema).
     *
     * @return false for identity-bound parameters
     */
    public boolean fromModel() {
        return identity == null;
    }

    /**
     * The type of each value: the item type for arrays, else the type.
     *
     * @return scalar type
     */
    public ParameterType scalarType() {
        return type == ParameterType.ARRAY ? itemType : type;
    }

    /**
     * A builder.
     *
     * @param name parameter name
     * @param type type
     * @return builder
     */
    public static Builder builder(String name, ParameterType type) {
        return new Builder(name, type);
    }

    /**
     * Builds a {@link Parameter}; unset constraints stay absent.
     */
    public static final class Builder {
        private final String name;
        private final ParameterType type;
        private ParameterType itemType;
        private Boolean required;
        private Object defaultValue;
        private String description;
        private Pattern pattern;
        private Integer minLength;
        private Integer maxLength;
        private final List<String> allowed = new ArrayList<>();
        private String format;
        private BigDecimal minimum;
        private BigDecimal maximum;
        private Integer minItems;
        private Integer maxItems;
        private IdentitySource identity;
        private final Map<String, String> identifiers = new LinkedHashMap<>();
        private final List<String> excluded = new ArrayList<>();

        private Builder(String name, ParameterType type) {
            this.name = name;
            this.type = type;
        }

        /** @param v item type @return this */
        public Builder itemType(ParameterType v) {
            itemType = v;
            return this;
        }

        /** @param v required flag (default: true unless a default is set) @return this */
        public Builder required(boolean v) {
            required = v;
            return this;
        }

        /** @param v default value @return this */
        public Builder defaultValue(Object v) {
            defaultValue = v;
            return this;
        }

        /** @param v description @return this */
        public Builder description(String v) {
            description = v;
            return this;
        }

        /** @param v regular expression (whole value) @return this */
        public Builder pattern(String v) {
            pattern = Pattern.compile(v);
            return this;
        }

        /** @param v minimum length @return this */
        public Builder minLength(int v) {
            minLength = v;
            return this;
        }

        /** @param v maximum length @return this */
        public Builder maxLength(int v) {
            maxLength = v;
            return this;
        }

        /** @param v accepted values @return this */
        public Builder allowed(List<String> v) {
            allowed.addAll(v);
            return this;
        }

        /** @param v format name @return this */
        public Builder format(String v) {
            format = v;
            return this;
        }

        /** @param v minimum @return this */
        public Builder minimum(BigDecimal v) {
            minimum = v;
            return this;
        }

        /** @param v maximum @return this */
        public Builder maximum(BigDecimal v) {
            maximum = v;
            return this;
        }

        /** @param v fewest items @return this */
        public Builder minItems(int v) {
            minItems = v;
            return this;
        }

        /** @param v most items @return this */
        public Builder maxItems(int v) {
            maxItems = v;
            return this;
        }

        /** @param v identity source @return this */
        public Builder identity(IdentitySource v) {
            identity = v;
            return this;
        }

        /** @param v accepted value to SQL identifier @return this */
        public Builder identifiers(Map<String, String> v) {
            identifiers.putAll(v);
            return this;
        }

        /** @param v refused values @return this */
        public Builder excluded(List<String> v) {
            excluded.addAll(v);
            return this;
        }

        /**
         * Builds the parameter.
         *
         * @return parameter
         * @throws IllegalArgumentException when the constraints contradict each other
         */
        public Parameter build() {
            boolean req = required != null ? required : defaultValue == null;
            return new Parameter(name, type, itemType, req, defaultValue, description, pattern, minLength, maxLength,
                    allowed, format, minimum, maximum, minItems, maxItems, identity, identifiers, excluded);
        }
    }
}
