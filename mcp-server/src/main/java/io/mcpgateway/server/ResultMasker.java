package io.mcpgateway.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
