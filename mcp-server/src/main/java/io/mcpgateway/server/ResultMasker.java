package io.mcpgateway.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import io.mcpgateway.masking.Masked;
import io.mcpgateway.masking.MaskingEngine;
import io.mcpgateway.masking.MaskingReport;
import io.mcpgateway.masking.MaskingRequest;
import io.mcpgateway.masking.SessionVault;
import io.mcpgateway.masking.Table;
import io.mcpgateway.tools.ToolResult;

/**
 * Pipeline step 7: masks a connector's result (and anything else about to leave the gateway:
 * error messages, audit payloads) with the masking engine, always including the exact
 * server-held credential values.
 *
 * <p>Each MCP session has its own {@link SessionVault}: PII masked as a reversible token
 * ({@code <EMAIL_3>}) in a result can be passed back as a tool argument in the same session, and
 * {@link #restore} puts the real value back before binding. A token means nothing in another
 * session. Text that is not a tool result (errors, audit) is masked without a vault, so it is
 * redacted rather than tokenized.
 */
public final class ResultMasker {

    /** Sessions whose vaults are kept; the least recently used one is dropped beyond this. */
    private static final int MAX_SESSIONS = 10_000;

    private final MaskingEngine engine;
    private final Map<String, SessionVault> vaults = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SessionVault> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    /**
     * Creates the step.
     *
     * @param engine masking engine
     */
    public ResultMasker(MaskingEngine engine) {
        this.engine = engine;
    }

    /**
     * The profiles the engine knows (runbooks may name only these).
     *
     * @return profile names
     */
    public List<String> profileNames() {
        return engine.profileNames();
    }

    /**
     * Masks a result.
     *
     * @param result    raw result
     * @param profile   masking profile of the tool
     * @param secrets   live credential values
     * @param sessionId MCP session (its vault holds the reversible tokens), or empty
     * @return masked result and its report
     */
    public MaskedResult mask(ToolResult result, String profile, Set<String> secrets, String sessionId) {
        MaskingRequest request = new MaskingRequest(profile, secrets, vault(sessionId));
        return switch (result) {
            case ToolResult.Table t -> table(t, request);
            case ToolResult.UpdateCount u -> new MaskedResult(u, MaskingReport.empty());
            case ToolResult.Json j -> {
                Masked<JsonNode> m = engine.maskJson(j.body(), request);
                yield new MaskedResult(new ToolResult.Json(j.status(), j.contentType(), m.value()), m.report());
            }
            case ToolResult.Text t -> {
                Masked<String> m = engine.maskText(t.text(), request);
                yield new MaskedResult(new ToolResult.Text(t.status(), t.contentType(), m.value(), t.truncated()),
                        m.report());
            }
            // PDF, Office, HTML: the text is extracted and masked, or the document withheld when it cannot be
            case ToolResult.Binary b -> {
                Masked<String> m = engine.maskBinary(b.content(), b.contentType(), request);
                yield new MaskedResult(new ToolResult.Text(b.status(), b.contentType(), m.value(), b.truncated()),
                        m.report());
            }
            case ToolResult.LogLines l -> logLines(l, request);
        };
    }

    private MaskedResult logLines(ToolResult.LogLines l, MaskingRequest request) {
        MaskingReport report = MaskingReport.empty();
        List<ToolResult.LogLine> lines = new ArrayList<>(l.lines().size());
        for (ToolResult.LogLine line : l.lines()) {
            Masked<String> m = engine.maskText(line.text(), request);
            report = report.merge(m.report());
            lines.add(new ToolResult.LogLine(line.file(), m.value()));
        }
        return new MaskedResult(new ToolResult.LogLines(lines, l.truncated(), l.note(), l.bytesScanned()), report);
    }

    private MaskedResult table(ToolResult.Table t, MaskingRequest request) {
        List<String> columns = t.columns().stream().map(ToolResult.Column::name).toList();
        List<List<String>> cells = new ArrayList<>(t.rows().size());
        for (List<Object> row : t.rows()) {
            List<String> out = new ArrayList<>(row.size());
            row.forEach(v -> out.add(v == null ? null : v.toString()));
            cells.add(out);
        }
        Masked<Table> masked = engine.maskTable(new Table(columns, cells), request);
        List<List<Object>> rows = new ArrayList<>(t.rows().size());
        for (int r = 0; r < t.rows().size(); r++) {
            List<Object> original = t.rows().get(r);
            List<String> maskedRow = masked.value().rows().get(r);
            List<Object> out = new ArrayList<>(original.size());
            for (int c = 0; c < original.size(); c++) {
                // keep the typed value (a number stays a number) unless masking changed it
                out.add(java.util.Objects.equals(cells.get(r).get(c), maskedRow.get(c)) ? original.get(c) : maskedRow.get(c));
            }
            rows.add(out);
        }
        return new MaskedResult(new ToolResult.Table(t.columns(), rows, t.truncated(), t.withheldRows()), masked.report());
    }

    /**
     * Masks one string that is not a tool result (an error, an audit field): default profile,
     * redaction, credential values scrubbed.
     *
     * @param text    text
     * @param secrets live credential values
     * @return masked text
     */
    public String maskText(String text, Set<String> secrets) {
        return engine.maskText(text, new MaskingRequest(MaskingRequest.DEFAULT_PROFILE, secrets, null)).value();
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
        values.forEach((k, v) -> out.put(k, switch (v) {
            case String s -> maskText(s, secrets);
            case List<?> list -> list.stream().map(i -> i instanceof String s ? maskText(s, secrets) : i).toList();
            case null, default -> v;
        }));
        return out;
    }

    /**
     * Puts real values back for the session tokens the model passes as arguments.
     *
     * @param arguments raw arguments
     * @param sessionId MCP session
     * @return arguments with this session's tokens restored (others untouched)
     */
    public Map<String, Object> restore(Map<String, Object> arguments, String sessionId) {
        SessionVault vault = existingVault(sessionId);
        if (vault == null) {
            return arguments;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        arguments.forEach((k, v) -> out.put(k, switch (v) {
            case String s -> vault.restore(s);
            case List<?> list -> list.stream().map(i -> i instanceof String s ? vault.restore(s) : i).toList();
            case null, default -> v;
        }));
        return out;
    }

    private SessionVault vault(String sessionId) {
        if (sessionId == null || sessionId.isEmpty()) {
            return null;
        }
        synchronized (vaults) {
            return vaults.computeIfAbsent(sessionId, id -> SessionVault.create());
        }
    }

    private SessionVault existingVault(String sessionId) {
        if (sessionId == null || sessionId.isEmpty()) {
            return null;
        }
        synchronized (vaults) {
            return vaults.get(sessionId);
        }
    }

    /**
     * A masked result with counts of what was masked, by entity type and field (never values).
     *
     * @param result masked result
     * @param report what masking changed
     */
    public record MaskedResult(ToolResult result, MaskingReport report) {
    }
}
