package io.mcpgateway.masking;

import java.util.List;

/**
 * One kind of sensitive value the engine recognises, as listed in the catalog.
 *
 * @param id          stable identifier used in profiles and reports, e.g. {@code US_SSN}
 * @param label       the word shown in masks, e.g. {@code SSN} in {@code [SSN]} and {@code <SSN_2>}
 * @param country     ISO 3166 alpha-2 country, or {@code INTL} when not national
 * @param category    the family the type belongs to
 * @param description one line for people
 * @param context     words that, near a candidate, confirm it (required when {@code contextRequired})
 * @param contextRequired whether a match without a context word (or a field naming it) is ignored
 * @param positives   example values that must be masked as this type
 * @param negatives   look-alike values that must be left alone
 */
public record EntityType(String id,
                         String label,
                         String country,
                         EntityCategory category,
                         String description,
                         List<String> context,
                         boolean contextRequired,
                         List<String> positives,
                         List<String> negatives) {
    /**
     * Copies the lists so the record stays immutable.
     */
    public EntityType {
        context = List.copyOf(context);
        positives = List.copyOf(positives);
        negatives = List.copyOf(negatives);
    }
}
