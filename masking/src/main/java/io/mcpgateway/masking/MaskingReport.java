package io.mcpgateway.masking;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one masking call did, for the audit trail: how many values of each entity type and under
 * each field (JSON path, column or key) were masked. It never contains the values.
 *
 * @param entities count by entity id
 * @param fields   count by field; values found in free text are not attributed to a field
 * @param total    number of values masked
 * @param withheld a notice when content could not be inspected and was withheld, else null
 */
public record MaskingReport(Map<String, Integer> entities, Map<String, Integer> fields, int total, String withheld) {
    /**
     * Copies the maps (sorted, immutable).
     */
    public MaskingReport {
        entities = java.util.Collections.unmodifiableMap(new TreeMap<>(entities));
        fields = java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    /**
     * A report of a call that masked nothing.
     *
     * @return an empty report
     */
    public static MaskingReport empty() {
        return new MaskingReport(Map.of(), Map.of(), 0, null);
    }

    /**
     * Combines two reports, e.g. for the text and the structured content of one tool result.
     *
     * @param other the other report
     * @return the sum
     */
    public MaskingReport merge(MaskingReport other) {
        Map<String, Integer> e = new TreeMap<>(entities);
        other.entities.forEach((k, v) -> e.merge(k, v, Integer::sum));
        Map<String, Integer> f = new TreeMap<>(fields);
        other.fields.forEach((k, v) -> f.merge(k, v, Integer::sum));
        String w = withheld == null ? other.withheld : other.withheld == null ? withheld : withheld + "; " + other.withheld;
        return new MaskingReport(e, f, total + other.total, w);
    }

    /** Mutable counts while one call runs. */
    static final class Tally {
        private final Map<String, Integer> entities = new TreeMap<>();
        private final Map<String, Integer> fields = new TreeMap<>();
        private int total;
        private String withheld;

        void count(EntityType type, String field) {
            entities.merge(type.id(), 1, Integer::sum);
            if (field != null) {
                fields.merge(field, 1, Integer::sum);
            }
            total++;
        }

        void withheld(String notice) {
            this.withheld = notice;
        }

        MaskingReport report() {
            return new MaskingReport(entities, fields, total, withheld);
        }
    }
}
