package io.mcpgateway.masking;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prints the catalog as the markdown table of the README: entity types by country, with category
 * and description.
 */
public final class CatalogTable {
    private CatalogTable() {
    }

    /**
     * Entry point.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        Catalog catalog = Catalog.load();
        Map<String, List<EntityType>> byCountry = new TreeMap<>(catalog.types().stream()
                .collect(Collectors.groupingBy(EntityType::country)));
        long countries = byCountry.keySet().stream().filter(c -> !c.equals("INTL")).count();
        long secrets = catalog.types().stream().filter(t -> t.category() == EntityCategory.SECRET).count();
        System.out.printf("%d entity types: %d PII types in %d countries plus international ones, and %d credential formats.%n%n",
                catalog.types().size(), catalog.types().size() - secrets, countries, secrets);
        System.out.println("| country | entity type | category | description |");
        System.out.println("| --- | --- | --- | --- |");
        for (var e : byCountry.entrySet()) {
            for (EntityType t : e.getValue()) {
                System.out.printf("| %s | `%s` | %s | %s%s |%n", e.getKey(), t.id(), t.category().name().toLowerCase(java.util.Locale.ROOT),
                        t.description(), t.contextRequired() ? " (needs a context word)" : "");
            }
        }
    }
}
