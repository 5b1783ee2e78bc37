package io.mcpgateway.guardrails;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.helidon.config.Config;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.ToolResult;

/**
 * Pipeline step 8: inspects a masked result for prompt-injection payloads hidden in the data
 * (see {@link InjectionScanner} for what is found) and, per policy, flags them, neutralizes them
 * or withholds the values that carry them. Every result stays labelled as untrusted data by the
 * renderer; this step adds what was found and where.
 *
 * <pre>
 * injection:
 *   action: neutralize          # flag | neutralize | withhold
 *   overrides:                  # first match wins
 *     - match: { tools: [read_app_settings] }
 *       action: withhold
 * </pre>
 *
 * <p>Every text of every result variant is inspected: a table's column names and string cells,
 * every string and property name of a JSON document, a text body, every log line. A new result
 * variant adds one case to {@link #inspect}.
 */
public final class InjectionInspector {

    /** What to do with a value that carries a payload. */
    public enum Action {
        /** Keep the value, report the finding. */
        FLAG,
        /** Strip hidden characters, defang links and tool-call markup, mark instructions as data. */
        NEUTRALIZE,
        /** Replace the value with a notice. */
        WITHHOLD;

        static Action parse(Config node) {
            String v = node.asString().orElse("neutralize");
            return switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "flag" -> FLAG;
                case "neutralize", "neutralise" -> NEUTRALIZE;
                case "withhold" -> WITHHOLD;
                default -> throw new IllegalArgumentException(PolicyConfig.path(node) + ": unknown action '" + v
                        + "'; use flag, neutralize or withhold");
            };
        }

        /**
         * The lower-case name.
         *
         * @return e.g. {@code neutralize}
         */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final int MAX_FINDINGS = 50;

    private final Action action;
    private final List<ActionOverride> overrides;

    private InjectionInspector(Action action, List<ActionOverride> overrides) {
        this.action = action;
        this.overrides = List.copyOf(overrides);
    }

    /**
     * An inspector with one action for every tool.
     *
     * @param action action
     * @return inspector
     */
    public static InjectionInspector create(Action action) {
        return new InjectionInspector(action, List.of());
    }

    /**
     * Reads the {@code policy.injection} section (default action: neutralize).
     *
     * @param node the {@code injection} node
     * @return inspector
     */
    public static InjectionInspector create(Config node) {
        if (node.exists()) {
            PolicyConfig.checkKeys(node, Set.of("action", "overrides"));
        }
        List<ActionOverride> overrides = new ArrayList<>();
        for (Config o : node.get("overrides").asNodeList().orElse(List.of())) {
            PolicyConfig.checkKeys(o, Set.of("match", "action"));
            if (!o.get("action").exists()) {
                throw new IllegalArgumentException(PolicyConfig.path(o) + ".action is required");
            }
            overrides.add(new ActionOverride(RuleMatch.create(o.get("match")), Action.parse(o.get("action"))));
        }
        return new InjectionInspector(Action.parse(node.get("action")), overrides);
    }

    /**
     * Inspects a result.
     *
     * @param call   the call it answers (for per-tool overrides)
     * @param result the masked result
     * @return the result as the action leaves it, with the findings
     */
    public Inspection inspect(BoundCall call, ToolResult result) {
        Action chosen = actionFor(call);
        Findings findings = new Findings(chosen);
        ToolResult out = switch (result) {
            case ToolResult.Table t -> {
                List<ToolResult.Column> columns = new ArrayList<>(t.columns().size());
                for (int c = 0; c < t.columns().size(); c++) {
                    ToolResult.Column col = t.columns().get(c);
                    columns.add(new ToolResult.Column(findings.text(col.name(), "name of column " + (c + 1)), col.type()));
                }
                List<List<Object>> rows = new ArrayList<>(t.rows().size());
                for (int r = 0; r < t.rows().size(); r++) {
                    List<Object> row = t.rows().get(r);
                    List<Object> copy = new ArrayList<>(row.size());
                    for (int c = 0; c < row.size(); c++) {
                        String column = c < t.columns().size() ? t.columns().get(c).name() : String.valueOf(c + 1);
                        Object v = row.get(c);
                        copy.add(v instanceof String text ? findings.text(text, "row " + (r + 1) + ", column " + column) : v);
                    }
                    rows.add(copy);
                }
                yield findings.isEmpty() ? t : new ToolResult.Table(columns, rows, t.truncated(), t.withheldRows());
            }
            case ToolResult.UpdateCount u -> u;
            case ToolResult.Json j -> {
                JsonNode body = inspectJson(j.body(), "body", findings);
                yield body == j.body() ? j : new ToolResult.Json(j.status(), j.contentType(), body);
            }
            case ToolResult.Text t -> {
                String text = findings.text(t.text(), "body");
                yield text.equals(t.text()) ? t : new ToolResult.Text(t.status(), t.contentType(), text, t.truncated());
            }
            // masking turns documents into text; raw bytes never reach the model, so there is nothing to read
            case ToolResult.Binary b -> b;
            case ToolResult.LogLines l -> {
                List<ToolResult.LogLine> lines = new ArrayList<>(l.lines().size());
                for (int i = 0; i < l.lines().size(); i++) {
                    ToolResult.LogLine line = l.lines().get(i);
                    lines.add(new ToolResult.LogLine(line.file(), findings.text(line.text(),
                            "line " + (i + 1) + " (" + line.file() + ")")));
                }
                yield findings.isEmpty() ? l : new ToolResult.LogLines(lines, l.truncated(), l.note(), l.bytesScanned());
            }
        };
        return new Inspection(out, chosen, findings.list(), findings.total());
    }

    /**
     * Inspects a JSON document: every string value and every property name.
     *
     * @param node     document
     * @param location where it is
     * @param findings collector
     * @return the same node when nothing changed, else a copy as the action leaves it
     */
    JsonNode inspectJson(JsonNode node, String location, Findings findings) {
        if (node.isString()) {
            String text = findings.text(node.stringValue(), location);
            return text.equals(node.stringValue()) ? node : JsonNodeFactory.instance.stringNode(text);
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            boolean changed = false;
            int i = 0;
            for (JsonNode item : node.values()) {
                JsonNode out = inspectJson(item, location + "[" + i++ + "]", findings);
                changed |= out != item;
                copy.add(out);
            }
            return changed ? copy : node;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            boolean changed = false;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = findings.text(e.getKey(), location + " key");
                JsonNode out = inspectJson(e.getValue(), location + "." + e.getKey(), findings);
                changed |= out != e.getValue() || !key.equals(e.getKey());
                copy.set(key, out);
            }
            return changed ? copy : node;
        }
        return node;
    }

    private Action actionFor(BoundCall call) {
        PolicyInput input = new PolicyInput(call, Optional.empty());
        for (ActionOverride o : overrides) {
            if (o.match().matches(input, false)) {
                return o.action();
            }
        }
        return action;
    }

    /**
     * A stable description, for audit and tests.
     *
     * @return text
     */
    String canonical() {
        return action + overrides.stream().map(o -> o.match().canonical() + "=" + o.action()).toList().toString();
    }

    /**
     * What inspection found.
     *
     * @param result   the result as the action leaves it
     * @param action   the action applied
     * @param findings findings, at most 50
     * @param total    number of findings in all
     */
    public record Inspection(ToolResult result, Action action, List<Finding> findings, int total) {
        /**
         * Copies the list.
         *
         * @param result   result
         * @param action   action
         * @param findings findings
         * @param total    total findings
         */
        public Inspection {
            findings = List.copyOf(findings);
        }

        /**
         * Whether nothing was found.
         *
         * @return true when clean
         */
        public boolean clean() {
            return total == 0;
        }

        /**
         * Counts of findings by kind (for the audit trail).
         *
         * @return kind → count
         */
        public Map<String, Integer> counts() {
            Map<String, Integer> m = new TreeMap<>();
            findings.forEach(f -> f.kinds().forEach(k -> m.merge(k, 1, Integer::sum)));
            return m;
        }
    }

    /**
     * One value that carries a payload.
     *
     * @param location where it is, e.g. {@code row 3, column note}
     * @param kinds    what was found ({@code instruction}, {@code hidden-unicode}, {@code exfiltration-link},
     *                 {@code tool-call-syntax})
     */
    public record Finding(String location, List<String> kinds) {
        /**
         * Copies the list.
         *
         * @param location location
         * @param kinds    kinds
         */
        public Finding {
            kinds = List.copyOf(kinds);
        }
    }

    private record ActionOverride(RuleMatch match, Action action) {
    }

    /** Collects findings while values are inspected. */
    static final class Findings {
        private final Action action;
        private final List<Finding> list = new ArrayList<>();
        private int total;

        Findings(Action action) {
            this.action = action;
        }

        String text(String text, String location) {
            InjectionScanner.Scan scan = InjectionScanner.scan(text);
            if (scan.clean()) {
                return text;
            }
            total++;
            if (list.size() < MAX_FINDINGS) {
                list.add(new Finding(location, scan.kinds().stream().sorted().map(InjectionScanner.Kind::code).toList()));
            }
            return scan.apply(action, text);
        }

        boolean isEmpty() {
            return total == 0;
        }

        List<Finding> list() {
            return list;
        }

        int total() {
            return total;
        }
    }
}
