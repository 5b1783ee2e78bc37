package io.mcpgateway.masking;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.helidon.config.Config;
import tools.jackson.databind.JsonNode;

/**
 * Masks tool results before they leave the gateway: plain text, tables, JSON trees and binary
 * content. Immutable and thread-safe; build it once from configuration and share it.
 *
 * <p>Per call, in this order: values the server holds as credentials are scrubbed exactly (in
 * every encoding, whatever the profile); field rules mask values by JSON key path, column name or
 * {@code key=value} key; the recognizers of the catalog detect the rest in text; each value found is
 * replaced by the profile's strategy for its type. The result carries a {@link MaskingReport} with
 * counts, never values.
 *
 * <pre>
 * masking:
 *   hash-key: ${MASKING_HASH_KEY}   # base64, at least 16 bytes; random per start when absent
 *   max-extracted-chars: 5000000
 *   profiles:
 *     default: { strategy: token, strategies: { secret: redact } }
 *     analytics: { strategy: hash }
 * </pre>
 */
public final class MaskingEngine {
    private static final System.Logger LOGGER = System.getLogger(MaskingEngine.class.getName());

    private final Catalog catalog;
    private final Map<String, ProfileMasker> profiles;
    private final TextExtractor extractor;

    private MaskingEngine(Builder b) {
        this.catalog = b.catalog;
        byte[] key = b.hashKey;
        if (key == null) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            LOGGER.log(System.Logger.Level.WARNING, "masking: no hash-key configured; keyed hashes and format-preserving "
                    + "replacements will change at every start");
        }
        Replacer replacer = new Replacer(key, catalog);
        Map<String, ProfileMasker> p = new LinkedHashMap<>();
        if (!b.profiles.containsKey(MaskingRequest.DEFAULT_PROFILE)) {
            p.put(MaskingRequest.DEFAULT_PROFILE, new ProfileMasker(MaskingProfile.defaults(), catalog, replacer));
        }
        for (MaskingProfile profile : b.profiles.values()) {
            p.put(profile.name(), new ProfileMasker(profile, catalog, replacer));
        }
        if (!p.containsKey("text")) {
            p.put("text", p.get(MaskingRequest.DEFAULT_PROFILE));
        }
        this.profiles = Map.copyOf(p);
        this.extractor = new TextExtractor(b.maxExtractedChars);
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
     * The engine with the default profile only.
     *
     * @return the engine
     */
    public static MaskingEngine create() {
        return builder().build();
    }

    /**
     * Reads the engine from its configuration node ({@code masking}).
     *
     * @param config the node
     * @return the engine
     */
    public static MaskingEngine create(Config config) {
        return builder().config(config).build();
    }

    /**
     * The catalog of entity types.
     *
     * @return the catalog
     */
    public Catalog catalog() {
        return catalog;
    }

    /**
     * Names of the configured profiles ({@code default} and {@code text} always exist).
     *
     * @return profile names
     */
    public List<String> profileNames() {
        return profiles.keySet().stream().sorted().toList();
    }

    /**
     * Masks plain text.
     *
     * @param text    the text
     * @param request profile, held secrets and vault
     * @return the masked text and its report
     */
    public Masked<String> maskText(String text, MaskingRequest request) {
        ProfileMasker m = profile(request);
        MaskingReport.Tally tally = new MaskingReport.Tally();
        String out = m.mask(text, null, scrubber(request), request.vault(), tally);
        return new Masked<>(out, tally.report());
    }

    /**
     * Masks plain text with a profile; the entry point of {@code gateway mask [--profile NAME]}.
     *
     * @param text    the text
     * @param profile the profile name
     * @return the masked text
     */
    public String maskText(String text, String profile) {
        return maskText(text, MaskingRequest.of(profile)).value();
    }

    /**
     * Masks a JSON tree: field rules by key path first, then detection in string leaves. The input
     * is not modified.
     *
     * @param json    the tree
     * @param request profile, held secrets and vault
     * @return a masked copy and its report
     */
    public Masked<JsonNode> maskJson(JsonNode json, MaskingRequest request) {
        MaskingReport.Tally tally = new MaskingReport.Tally();
        JsonNode out = new JsonMasker(profile(request), scrubber(request), request.vault(), tally).mask(json);
        return new Masked<>(out, tally.report());
    }

    /**
     * Masks a table: field rules by column name first, then detection in each cell with the column
     * name as context.
     *
     * @param table   the table
     * @param request profile, held secrets and vault
     * @return the masked table and its report
     */
    public Masked<Table> maskTable(Table table, MaskingRequest request) {
        ProfileMasker m = profile(request);
        SecretScrubber scrubber = scrubber(request);
        MaskingReport.Tally tally = new MaskingReport.Tally();
        List<FieldRules.Compiled> rules = new ArrayList<>();
        for (String column : table.columns()) {
            rules.add(m.rules().matchTextKey(column));
        }
        List<List<String>> rows = new ArrayList<>(table.rows().size());
        for (List<String> row : table.rows()) {
            List<String> out = new ArrayList<>(row.size());
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                String column = table.columns().get(c);
                FieldRules.Compiled rule = rules.get(c);
                if (cell == null) {
                    out.add(null);
                } else if (rule != null && rule.rule().check().accepts(cell)) {
                    String r = m.replace(cell, rule.entity(), m.strategy(rule), request.vault());
                    if (!r.equals(cell)) {
                        tally.count(rule.entity(), column);
                    }
                    out.add(r);
                } else {
                    out.add(m.mask(cell, column, scrubber, request.vault(), tally));
                }
            }
            rows.add(out);
        }
        return new Masked<>(new Table(table.columns(), rows), tally.report());
    }

    /**
     * Masks binary content: its text is extracted with Apache Tika and masked; content that cannot
     * be inspected is withheld and replaced by a notice (also given in the report).
     *
     * @param content     the bytes
     * @param contentType the MIME type, e.g. {@code application/pdf}
     * @param request     profile, held secrets and vault
     * @return the masked text (or the notice) and the report
     */
    public Masked<String> maskBinary(byte[] content, String contentType, MaskingRequest request) {
        Objects.requireNonNull(content, "content");
        TextExtractor.Extraction e = extractor.extract(content, contentType);
        if (e.text() == null) {
            MaskingReport.Tally tally = new MaskingReport.Tally();
            tally.withheld(e.notice());
            return new Masked<>(e.notice(), tally.report());
        }
        return maskText(e.text(), request);
    }

    private ProfileMasker profile(MaskingRequest request) {
        ProfileMasker m = profiles.get(request.profile());
        if (m == null) {
            throw new IllegalArgumentException("unknown masking profile '" + request.profile() + "' (known: "
                    + String.join(", ", profileNames()) + ")");
        }
        return m;
    }

    private static SecretScrubber scrubber(MaskingRequest request) {
        return new SecretScrubber(request.secrets());
    }

    /** Builder of {@link MaskingEngine}. */
    public static final class Builder implements io.helidon.common.Builder<Builder, MaskingEngine> {
        private Catalog catalog;
        private byte[] hashKey;
        private int maxExtractedChars = 5_000_000;
        private final Map<String, MaskingProfile> profiles = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Reads {@code hash-key} (base64), {@code max-extracted-chars} and {@code profiles}, a map of
         * profiles by name or a list of profiles with {@code name}.
         *
         * @param config the {@code masking} node
         * @return this builder
         */
        public Builder config(Config config) {
            config.get("hash-key").asString().ifPresent(k -> hashKey(Base64.getDecoder().decode(k.strip())));
            config.get("max-extracted-chars").asInt().ifPresent(this::maxExtractedChars);
            config.get("profiles").asNodeList().ifPresent(list -> list.forEach(c -> addProfile(MaskingProfile.create(c))));
            return this;
        }

        /**
         * The deployment key for keyed hashes and format-preserving replacements.
         *
         * @param key at least 16 bytes
         * @return this builder
         */
        public Builder hashKey(byte[] key) {
            if (key == null || key.length < 16) {
                throw new IllegalArgumentException("masking hash-key must be at least 16 bytes, got "
                        + (key == null ? 0 : key.length));
            }
            this.hashKey = key.clone();
            return this;
        }

        /**
         * The deployment key given as text (its UTF-8 bytes).
         *
         * @param key at least 16 characters
         * @return this builder
         */
        public Builder hashKey(String key) {
            return hashKey(key.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Largest text extracted from binary content; larger content is withheld.
         *
         * @param chars the limit
         * @return this builder
         */
        public Builder maxExtractedChars(int chars) {
            if (chars < 1) {
                throw new IllegalArgumentException("max-extracted-chars must be positive, got " + chars);
            }
            this.maxExtractedChars = chars;
            return this;
        }

        /**
         * Adds a profile; one named {@code default} replaces the built-in default.
         *
         * @param profile the profile
         * @return this builder
         */
        public Builder addProfile(MaskingProfile profile) {
            if (profiles.putIfAbsent(profile.name(), profile) != null) {
                throw new IllegalArgumentException("masking profile '" + profile.name() + "' is defined twice");
            }
            return this;
        }

        /**
         * Uses another catalog (tests and benchmarks); the shipped one by default.
         *
         * @param catalog the catalog
         * @return this builder
         */
        public Builder catalog(Catalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        @Override
        public MaskingEngine build() {
            if (catalog == null) {
                catalog = Catalog.load();
            }
            return new MaskingEngine(this);
        }
    }
}
