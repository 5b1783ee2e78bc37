package io.mcpgateway.masking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.helidon.config.Config;

/**
 * A named masking profile that tools and connections refer to: which entity types are detected,
 * which strategy replaces each, and which field rules (JSON key paths, column names) apply first.
 *
 * <pre>
 * name: support
 * strategy: token                # default strategy (redact when not set)
 * strategies:                    # per category or entity id; an entity id wins over its category
 *   secret: redact
 *   CREDIT_CARD: partial
 * include: [contact, phone]      # entity ids or categories; empty or absent means all
 * exclude: [IPV4_ADDRESS]
 * default-rules: true            # also apply the catalog's field rules after these (default true)
 * rules:
 *   - match: "*.token"
 *     entity: GENERIC_SECRET
 * </pre>
 */
public final class MaskingProfile {
    private final String name;
    private final MaskingStrategy strategy;
    private final Map<String, MaskingStrategy> entityStrategies;
    private final Map<EntityCategory, MaskingStrategy> categoryStrategies;
    private final Set<String> includes;
    private final Set<String> excludes;
    private final List<FieldRule> rules;
    private final boolean defaultRules;

    private MaskingProfile(Builder b) {
        this.name = b.name;
        this.strategy = b.strategy;
        this.entityStrategies = Map.copyOf(b.entityStrategies);
        this.categoryStrategies = Map.copyOf(b.categoryStrategies);
        this.includes = Set.copyOf(b.includes);
        this.excludes = Set.copyOf(b.excludes);
        this.rules = List.copyOf(b.rules);
        this.defaultRules = b.defaultRules;
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The profile used when nothing is configured: every entity type in the catalog, the catalog's
     * field rules, secrets redacted, everything else replaced by reversible session tokens (redacted
     * when the request has no vault, as on the command line).
     *
     * @return the default profile
     */
    public static MaskingProfile defaults() {
        return builder().name(MaskingRequest.DEFAULT_PROFILE)
                .strategy(MaskingStrategy.TOKEN)
                .strategy(EntityCategory.SECRET, MaskingStrategy.REDACT)
                .build();
    }

    /**
     * Reads a profile; the name comes from {@code name}, else from the node's key.
     *
     * @param config the profile node
     * @return the profile
     */
    public static MaskingProfile create(Config config) {
        return builder().config(config).build();
    }

    /**
     * The profile name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The field rules of this profile, without the catalog's defaults.
     *
     * @return the rules
     */
    public List<FieldRule> rules() {
        return rules;
    }

    /**
     * Whether the catalog's default field rules apply after this profile's own.
     *
     * @return true when they do
     */
    public boolean defaultRules() {
        return defaultRules;
    }

    /**
     * Whether this profile detects an entity type.
     *
     * @param type the type
     * @return true when included and not excluded
     */
    public boolean enabled(EntityType type) {
        if (matches(excludes, type)) {
            return false;
        }
        return includes.isEmpty() || matches(includes, type);
    }

    private static boolean matches(Set<String> set, EntityType type) {
        return set.contains(type.id()) || set.contains(type.category().name()) || set.contains(type.country());
    }

    /**
     * The strategy for an entity type: by id, else by category, else the profile's.
     *
     * @param type the type
     * @return the strategy
     */
    public MaskingStrategy strategy(EntityType type) {
        MaskingStrategy s = entityStrategies.get(type.id());
        if (s == null) {
            s = categoryStrategies.get(type.category());
        }
        return s == null ? strategy : s;
    }

    /** Builder of {@link MaskingProfile}. */
    public static final class Builder implements io.helidon.common.Builder<Builder, MaskingProfile> {
        private String name;
        private MaskingStrategy strategy = MaskingStrategy.REDACT;
        private final Map<String, MaskingStrategy> entityStrategies = new HashMap<>();
        private final Map<EntityCategory, MaskingStrategy> categoryStrategies = new HashMap<>();
        private final Set<String> includes = new HashSet<>();
        private final Set<String> excludes = new HashSet<>();
        private final List<FieldRule> rules = new ArrayList<>();
        private boolean defaultRules = true;

        private Builder() {
        }

        /**
         * Reads {@code name}, {@code strategy}, {@code strategies}, {@code include}, {@code exclude},
         * {@code default-rules} and {@code rules}.
         *
         * @param config the profile node
         * @return this builder
         */
        public Builder config(Config config) {
            name(config.get("name").asString().orElse(config.name()));
            config.get("strategy").asString().ifPresent(s -> strategy(MaskingStrategy.parse(s)));
            Config strategies = config.get("strategies");
            if (strategies.exists()) {
                for (Config c : strategies.asNodeList().orElse(List.of())) {
                    String key = c.name();
                    MaskingStrategy s = MaskingStrategy.parse(c.asString().orElseThrow(
                            () -> new IllegalArgumentException("strategies." + key + " needs a strategy name")));
                    if (isCategory(key)) {
                        strategy(EntityCategory.parse(key), s);
                    } else {
                        strategy(key, s);
                    }
                }
            }
            config.get("include").asList(String.class).ifPresent(l -> l.forEach(this::include));
            config.get("exclude").asList(String.class).ifPresent(l -> l.forEach(this::exclude));
            config.get("default-rules").asBoolean().ifPresent(this::defaultRules);
            config.get("rules").asNodeList().ifPresent(l -> l.forEach(c -> addRule(FieldRule.create(c))));
            return this;
        }

        private static boolean isCategory(String key) {
            try {
                EntityCategory.parse(key);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        /**
         * The profile name.
         *
         * @param name name, matching {@code [A-Za-z0-9_.-]+}
         * @return this builder
         */
        public Builder name(String name) {
            if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("masking profile name '" + name + "' must match [A-Za-z0-9_.-]+");
            }
            this.name = name;
            return this;
        }

        /**
         * The default strategy.
         *
         * @param strategy the strategy
         * @return this builder
         */
        public Builder strategy(MaskingStrategy strategy) {
            this.strategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /**
         * The strategy for one category.
         *
         * @param category the category
         * @param strategy the strategy
         * @return this builder
         */
        public Builder strategy(EntityCategory category, MaskingStrategy strategy) {
            categoryStrategies.put(category, Objects.requireNonNull(strategy, "strategy"));
            return this;
        }

        /**
         * The strategy for one entity type.
         *
         * @param entityId the entity id
         * @param strategy the strategy
         * @return this builder
         */
        public Builder strategy(String entityId, MaskingStrategy strategy) {
            entityStrategies.put(entityId, Objects.requireNonNull(strategy, "strategy"));
            return this;
        }

        /**
         * Restricts detection to these entity ids, categories or countries (may be called repeatedly).
         *
         * @param idOrCategory an entity id, a category name or a country code
         * @return this builder
         */
        public Builder include(String idOrCategory) {
            includes.add(canonical(idOrCategory));
            return this;
        }

        /**
         * Turns off detection of entity ids, categories or countries.
         *
         * @param idOrCategory an entity id, a category name or a country code
         * @return this builder
         */
        public Builder exclude(String idOrCategory) {
            excludes.add(canonical(idOrCategory));
            return this;
        }

        private static String canonical(String s) {
            String t = s.strip();
            return isCategory(t) ? EntityCategory.parse(t).name() : t.toUpperCase(Locale.ROOT);
        }

        /**
         * Adds a field rule (rules are tried in the order added).
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder addRule(FieldRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Whether the catalog's field rules apply after this profile's own.
         *
         * @param enabled true to keep them (the default)
         * @return this builder
         */
        public Builder defaultRules(boolean enabled) {
            this.defaultRules = enabled;
            return this;
        }

        @Override
        public MaskingProfile build() {
            if (name == null) {
                throw new IllegalStateException("a masking profile needs a name");
            }
            return new MaskingProfile(this);
        }
    }
}
