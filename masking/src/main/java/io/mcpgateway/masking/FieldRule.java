package io.mcpgateway.masking;

import io.helidon.config.Config;

/**
 * A structured rule: values under a matching JSON key path or column name are masked as an entity,
 * before (and instead of) text detection.
 *
 * <pre>
 * - match: "*.token"          # key path or column pattern, see KeyPath
 *   entity: GENERIC_SECRET    # catalog id used for the label and the report
 *   strategy: redact          # optional, defaults to the profile's strategy for the entity
 *   check: secret-like        # optional: any | person-name | date | secret-like
 * </pre>
 *
 * @param match    the pattern
 * @param entity   the entity id the value is reported as
 * @param strategy the strategy, or null for the profile's choice
 * @param check    what the value must look like
 */
public record FieldRule(String match, String entity, MaskingStrategy strategy, ValueCheck check) {
    /**
     * Validates the rule.
     */
    public FieldRule {
        KeyPath.parse(match);
        if (entity == null || entity.isBlank()) {
            throw new IllegalArgumentException("field rule '" + match + "' needs an 'entity'");
        }
        if (check == null) {
            check = ValueCheck.ANY;
        }
    }

    /**
     * A rule masking any value under the pattern as the entity, with the profile's strategy.
     *
     * @param match  the key path or column pattern
     * @param entity the entity id
     * @return the rule
     */
    public static FieldRule of(String match, String entity) {
        return new FieldRule(match, entity, null, ValueCheck.ANY);
    }

    /**
     * Reads a rule from configuration ({@code match}, {@code entity}, {@code strategy}, {@code check}).
     *
     * @param config the rule node
     * @return the rule
     */
    public static FieldRule create(Config config) {
        String match = config.get("match").asString()
                .orElseThrow(() -> new IllegalArgumentException("field rule at " + config.key() + " needs 'match'"));
        String entity = config.get("entity").asString().orElse("GENERIC_SECRET");
        MaskingStrategy strategy = config.get("strategy").asString().map(MaskingStrategy::parse).orElse(null);
        ValueCheck check = config.get("check").asString()
                .map(s -> ValueCheck.valueOf(s.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_')))
                .orElse(ValueCheck.ANY);
        return new FieldRule(match, entity, strategy, check);
    }
}
