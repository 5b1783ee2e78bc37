package io.mcpgateway.masking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The entity types the engine knows, read from {@code catalog.json} next to this class: for each
 * type its id, country, category, description, context words, examples, and how it is recognised
 * ({@code digits}, {@code token}, {@code secret}, {@code phone} or a {@code builtin} recognizer),
 * plus the default field rules ({@code field-rules}).
 */
public final class Catalog {
    private static final String RESOURCE = "catalog.json";

    private final Map<String, EntityType> types;
    private final List<DigitPattern> digitPatterns;
    private final List<TokenPattern> tokenPatterns;
    private final List<SecretPattern> secretPatterns;
    private final List<PhoneCountry> phoneCountries;
    private final Map<String, String> builtins;
    private final Map<String, List<String>> generators;
    private final List<FieldRule> defaultRules;

    private Catalog(JsonNode root) {
        Map<String, EntityType> t = new LinkedHashMap<>();
        List<DigitPattern> digits = new ArrayList<>();
        List<TokenPattern> tokens = new ArrayList<>();
        List<SecretPattern> secrets = new ArrayList<>();
        List<PhoneCountry> phones = new ArrayList<>();
        Map<String, String> b = new LinkedHashMap<>();
        Map<String, List<String>> gens = new LinkedHashMap<>();
        for (JsonNode n : root.get("types")) {
            EntityType type = entityType(n);
            if (t.put(type.id(), type) != null) {
                throw new IllegalStateException("duplicate entity id in catalog: " + type.id());
            }
            gens.put(type.id(), strings(n.get("gen")));
            if (n.has("digits")) {
                JsonNode d = n.get("digits");
                digits.add(new DigitPattern(type, strings(d.get("shapes")).stream().map(DigitPattern.Shape::parse).toList(),
                        check(d)));
            }
            if (n.has("token")) {
                tokens.add(tokenPattern(type, n.get("token")));
            }
            if (n.has("secret")) {
                JsonNode s = n.get("secret");
                secrets.add(new SecretPattern(type, strings(s.get("prefix")), Pattern.compile(s.get("regex").asString()),
                        s.has("entropy") ? s.get("entropy").asDouble() : 0));
            }
            if (n.has("phone")) {
                JsonNode p = n.get("phone");
                JsonNode nsn = p.get("nsn");
                phones.add(new PhoneCountry(type, p.get("cc").asString(), nsn.get(0).asInt(), nsn.get(nsn.size() - 1).asInt(),
                        strings(p.get("areas"))));
                if (p.has("national")) {
                    String lead = p.has("lead") ? p.get("lead").asString() : null;
                    digits.add(new DigitPattern(type, strings(p.get("national")).stream().map(DigitPattern.Shape::parse).toList(),
                            v -> lead == null || lead.indexOf(v.charAt(0)) >= 0));
                }
            }
            if (n.has("builtin")) {
                b.put(type.id(), n.get("builtin").asString());
            }
        }
        List<FieldRule> rules = new ArrayList<>();
        for (JsonNode r : root.get("field-rules")) {
            ValueCheck check = r.has("check")
                    ? ValueCheck.valueOf(r.get("check").asString().toUpperCase(Locale.ROOT).replace('-', '_'))
                    : ValueCheck.ANY;
            String entity = r.get("entity").asString();
            if (!t.containsKey(entity)) {
                throw new IllegalStateException("field rule " + r.get("match").asString() + " names unknown entity " + entity);
            }
            MaskingStrategy strategy = r.has("strategy") ? MaskingStrategy.parse(r.get("strategy").asString()) : null;
            for (String m : strings(r.get("match"))) {
                rules.add(new FieldRule(m, entity, strategy, check));
            }
        }
        this.types = Collections.unmodifiableMap(t);
        this.digitPatterns = List.copyOf(digits);
        this.tokenPatterns = List.copyOf(tokens);
        this.secretPatterns = List.copyOf(secrets);
        this.phoneCountries = List.copyOf(phones);
        this.builtins = Map.copyOf(b);
        this.generators = Map.copyOf(gens);
        this.defaultRules = List.copyOf(rules);
    }

    /**
     * Loads the catalog shipped with this module.
     *
     * @return the catalog
     */
    public static Catalog load() {
        try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("masking catalog resource " + RESOURCE + " is missing");
            }
            return new Catalog(JsonMapper.builder().build().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the masking catalog", e);
        }
    }

    /**
     * All entity types, in catalog order.
     *
     * @return the types
     */
    public List<EntityType> types() {
        return List.copyOf(types.values());
    }

    /**
     * One entity type.
     *
     * @param id the id
     * @return the type, if the catalog has it
     */
    public Optional<EntityType> type(String id) {
        return Optional.ofNullable(types.get(id));
    }

    /**
     * The field rules every profile starts from unless it replaces them.
     *
     * @return the default rules, in order (the first matching rule wins)
     */
    public List<FieldRule> defaultRules() {
        return defaultRules;
    }

    EntityType require(String id) {
        EntityType t = types.get(id);
        if (t == null) {
            throw new IllegalArgumentException("unknown entity type '" + id + "'");
        }
        return t;
    }

    List<DigitPattern> digitPatterns() {
        return digitPatterns;
    }

    List<TokenPattern> tokenPatterns() {
        return tokenPatterns;
    }

    List<SecretPattern> secretPatterns() {
        return secretPatterns;
    }

    List<PhoneCountry> phoneCountries() {
        return phoneCountries;
    }

    /** Builtin recognizer name by entity id (email, ipv4, ipv6, mac, geo, url-credentials, street-address). */
    Map<String, String> builtins() {
        return builtins;
    }

    /** Value templates used by the evaluation corpus generator. */
    List<String> generators(String id) {
        return generators.getOrDefault(id, List.of());
    }

    /** The validator applied to a value of this type, or accept-all when it has none. */
    Predicate<String> validator(String id) {
        EntityType type = types.get(id);
        if (type != null && type.category() == EntityCategory.PHONE) {
            return v -> true;
        }
        for (DigitPattern d : digitPatterns) {
            if (d.entity().id().equals(id)) {
                return v -> d.check().test(compact(v, false));
            }
        }
        for (TokenPattern t : tokenPatterns) {
            if (t.entity().id().equals(id)) {
                return t::valid;
            }
        }
        return v -> true;
    }

    /** Removes separators (space, dash, dot, slash, parentheses) and upper-cases unless keepCase. */
    static String compact(CharSequence v, boolean keepCase) {
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')' || c == '\u00a0') {
                continue;
            }
            sb.append(keepCase ? c : Character.toUpperCase(c));
        }
        return sb.toString();
    }

    private static EntityType entityType(JsonNode n) {
        String id = n.get("id").asString();
        return new EntityType(id,
                n.has("label") ? n.get("label").asString() : id,
                n.get("country").asString(),
                EntityCategory.parse(n.get("category").asString()),
                n.get("description").asString(),
                strings(n.get("context")).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList(),
                n.has("context-required") && n.get("context-required").asBoolean(),
                strings(n.get("positive")),
                strings(n.get("negative")));
    }

    private static Predicate<String> check(JsonNode spec) {
        return spec.has("check") ? Checksum.named(spec.get("check").asString()) : v -> true;
    }

    private static TokenPattern tokenPattern(EntityType type, JsonNode spec) {
        boolean[] starts = new boolean[128];
        String set = spec.get("starts").asString();
        for (int i = 0; i < set.length(); i++) {
            if (i + 2 < set.length() && set.charAt(i + 1) == '-') {
                for (char c = set.charAt(i); c <= set.charAt(i + 2); c++) {
                    starts[c] = true;
                }
                i += 2;
            } else {
                starts[set.charAt(i)] = true;
            }
        }
        // "word": [min, max] is a range of first-word lengths, "words": [a, b, ...] a set
        long words = 0;
        if (spec.has("words")) {
            for (JsonNode w : spec.get("words")) {
                words |= 1L << Math.min(w.asInt(), 63);
            }
        } else {
            JsonNode word = spec.get("word");
            int max = word.get(word.size() - 1).asInt();
            for (int len = Math.min(63, word.get(0).asInt()); len <= Math.min(63, max); len++) {
                words |= 1L << len;
            }
        }
        return new TokenPattern(type, Pattern.compile(spec.get("regex").asString()), starts, words, check(spec),
                spec.has("keep-case") && spec.get("keep-case").asBoolean(), spec.has("next") ? spec.get("next").asString() : null,
                spec.has("mixed") && spec.get("mixed").asBoolean(), needsDigit(type),
                spec.has("letter") && spec.get("letter").asBoolean());
    }

    /**
     * Whether the scanner may skip this pattern at words without a digit in or right after them:
     * identifiers other than wallet addresses and credentials whose examples all have one.
     */
    private static boolean needsDigit(EntityType type) {
        if (type.category() == EntityCategory.CRYPTO || type.category() == EntityCategory.SECRET) {
            return false;
        }
        return type.positives().stream().allMatch(p -> p.chars().limit(12).anyMatch(Character::isDigit));
    }

    private static List<String> strings(JsonNode n) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (n.isString()) {
            return List.of(n.asString());
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            out.add(e.asString());
        }
        return out;
    }
}
