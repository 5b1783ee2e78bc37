package io.mcpgateway.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Masks a JSON tree: a field rule matching the key path masks the whole value (every leaf under
 * it when it is an object or array); other string leaves, large numbers and the keys themselves go
 * through text detection with their key as context. The input tree is not modified.
 */
final class JsonMasker {
    private final ProfileMasker masker;
    private final SecretScrubber scrubber;
    private final SessionVault vault;
    private final MaskingReport.Tally tally;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    JsonMasker(ProfileMasker masker, SecretScrubber scrubber, SessionVault vault, MaskingReport.Tally tally) {
        this.masker = masker;
        this.scrubber = scrubber;
        this.vault = vault;
        this.tally = tally;
    }

    JsonNode mask(JsonNode root) {
        return walk(root, new ArrayList<>(), new ArrayList<>());
    }

    private JsonNode walk(JsonNode node, List<String> path, List<String> raw) {
        if (node.isObject()) {
            ObjectNode out = nodes.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = e.getKey();
                path.add(KeyPath.normalise(key));
                raw.add(key);
                FieldRules.Compiled rule = masker.rules().match(path);
                // a rule with a value check ("name" must look like a person) names leaves only:
                // "customer": {...} is a container, not a customer name
                if (rule != null && e.getValue().isContainer() && rule.rule().check() != ValueCheck.ANY) {
                    rule = null;
                }
                JsonNode value = rule != null ? ruled(e.getValue(), rule, String.join(".", raw)) : null;
                if (value == null) {
                    value = walk(e.getValue(), path, raw);
                }
                String maskedKey = masker.mask(key, null, scrubber, vault, tally);
                out.set(maskedKey, value);
                path.remove(path.size() - 1);
                raw.remove(raw.size() - 1);
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = nodes.arrayNode(node.size());
            for (JsonNode e : node) {
                out.add(walk(e, path, raw));
            }
            return out;
        }
        String field = raw.isEmpty() ? null : String.join(".", raw);
        if (node.isString()) {
            String v = node.stringValue();
            String m = masker.mask(v, field, scrubber, vault, tally);
            return m == v ? node : nodes.stringNode(m);
        }
        if (node.isIntegralNumber() || node.isNumber()) {
            String v = node.asString();
            if (v.length() >= 6) {
                String m = masker.mask(v, field, scrubber, vault, tally);
                return m == v ? node : nodes.stringNode(m);
            }
        }
        return node;
    }

    /** Applies a field rule to a value; null when the value does not pass the rule's check. */
    private JsonNode ruled(JsonNode value, FieldRules.Compiled rule, String field) {
        if (value.isNull() || value.isMissingNode()) {
            return value;
        }
        if (value.isContainer()) {
            if (value.isObject()) {
                ObjectNode out = nodes.objectNode();
                for (Map.Entry<String, JsonNode> e : value.properties()) {
                    JsonNode m = ruled(e.getValue(), rule, field + "." + e.getKey());
                    out.set(e.getKey(), m == null ? e.getValue() : m);
                }
                return out;
            }
            ArrayNode out = nodes.arrayNode(value.size());
            for (JsonNode e : value) {
                JsonNode m = ruled(e, rule, field);
                out.add(m == null ? e : m);
            }
            return out;
        }
        String text = value.asString();
        if (!rule.rule().check().accepts(text)) {
            return null;
        }
        String replaced = masker.replace(text, rule.entity(), masker.strategy(rule), vault);
        if (!replaced.equals(text)) {
            tally.count(rule.entity(), field);
        }
        return nodes.stringNode(replaced);
    }
}
