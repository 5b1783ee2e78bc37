package io.mcpgateway.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.mcpgateway.masking.MaskingEngine;
import io.mcpgateway.tools.ToolResult;

/**
 * Pipeline step 7: masks a connector's result (and anything else about to leave the gateway)
 * with the masking engine, including the exact server-held credential values.
 */
public final class ResultMasker {

    private final MaskingEngine engine;

    /**
     * Creates the step.
     *
     * @param engine masking engine
     */
    public ResultMasker(MaskingEngine engine) {
        this.engine = engine;
    }

    /**
     * Masks a result.
     *
     * @param result  raw result
     * @param profile masking profile of the tool
     * @param secrets live credential values
     * @return masked result and its report
     */
    public Masked mask(ToolResult result, String profile, Set<String> secrets) {
        Map<String, Integer> report = new TreeMap<>();
        ToolResult masked = switch (result) {
            case ToolResult.Table t -> {
                List<List<Object>> rows = new ArrayList<>(t.rows().size());
                for (List<Object> row : t.rows()) {
                    List<Object> out = new ArrayList<>(row.size());
                    for (Object v : row) {
                        out.add(v instanceof String s ? text(s, secrets, report) : v);
                    }
                    rows.add(out);
                }
                yield new ToolResult.Table(t.columns(), rows, t.truncated(), t.withheldRows());
            }
            case ToolResult.UpdateCount u -> u;
            case ToolResult.Json j -> new ToolResult.Json(j.status(), j.contentType(), json(j.body(), secrets, report));
            case ToolResult.Text t -> new ToolResult.Text(t.status(), t.contentType(), text(t.text(), secrets, report),
                    t.truncated());
            case ToolResult.Binary b -> binary(b, secrets, report);
            case ToolResult.LogLines l -> new ToolResult.LogLines(l.lines().stream()
                    .map(line -> new ToolResult.LogLine(line.file(), text(line.text(), secrets, report))).toList(),
                    l.truncated(), l.note(), l.bytesScanned());
        };
        return new Masked(masked, report);
    }

    /**
     * Masks one string.
     *
     * @param text    text
     * @param secrets live credential values
     * @return masked text
     */
    public String maskText(String text, Set<String> secrets) {
        return engine.maskText(text, secrets).text();
    }

    /**
     * Masks every string value of a map (for audit payloads of arguments).
     *
     * @param values  values by name
     * @param secrets live credential values
     * @return masked copy
     */
    public Map<String, Object> maskValues(Map<String, Object> values, Set<String> secrets) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v instanceof String s ? maskText(s, secrets) : v));
        return out;
    }

    /** Masks every string leaf (and field name) of a JSON tree into a new tree. */
    private JsonNode json(JsonNode node, Set<String> secrets, Map<String, Integer> report) {
        if (node.isString()) {
            return JsonNodeFactory.instance.stringNode(text(node.asString(), secrets, report));
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.values().forEach(v -> out.add(json(v, secrets, report)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> out.set(text(e.getKey(), secrets, report), json(e.getValue(), secrets, report)));
            return out;
        }
        return node;
    }

    /**
     * A binary document leaves only as masked text. Textual documents (HTML, XML) are decoded and
     * masked here; anything else is withheld with a notice until text extraction is available.
     */
    private ToolResult binary(ToolResult.Binary b, Set<String> secrets, Map<String, Integer> report) {
        String type = b.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("text/") || type.contains("xml") || type.contains("html")) {
            String decoded = new String(b.content(), StandardCharsets.UTF_8);
            return new ToolResult.Text(b.status(), b.contentType(), text(decoded, secrets, report), b.truncated());
        }
        report.merge("withheld_document", 1, Integer::sum);
        return new ToolResult.Text(b.status(), b.contentType(), "[" + b.contentType() + " document of "
                + b.content().length + " bytes withheld: its content could not be inspected for sensitive data]",
                b.truncated());
    }

    private String text(String s, Set<String> secrets, Map<String, Integer> report) {
        MaskingEngine.MaskedText m = engine.maskText(s, secrets);
        m.counts().forEach((type, n) -> report.merge(type, n, Integer::sum));
        return m.text();
    }

    /**
     * A masked result with counts of what was masked, by entity type (never values).
     *
     * @param result masked result
     * @param report findings by type
     */
    public record Masked(ToolResult result, Map<String, Integer> report) {
    }
}
