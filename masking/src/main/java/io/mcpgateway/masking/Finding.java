package io.mcpgateway.masking;

/**
 * A span of text recognised as one entity, before a strategy replaces it.
 *
 * @param start    first char, inclusive
 * @param end      last char, exclusive
 * @param entity   the entity type
 * @param priority higher wins when two findings overlap (exact secrets, then field rules, then detection)
 * @param field    the key or column that named the value, or null
 * @param strategy a strategy imposed by a field rule, or null to use the profile's
 */
record Finding(int start, int end, EntityType entity, int priority, String field, MaskingStrategy strategy) {
    /** Exact scrubbing of a server-held secret. */
    static final int EXACT = 3;
    /** A key, column or JSON path rule. */
    static final int FIELD = 2;
    /** A recognizer from the catalog. */
    static final int DETECTED = 1;

    int length() {
        return end - start;
    }
}
