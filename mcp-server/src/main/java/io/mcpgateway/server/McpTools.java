package io.mcpgateway.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncListFilter;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.mcpgateway.guardrails.SqlAnalyzer;
import io.mcpgateway.guardrails.StatementKind;
import io.mcpgateway.tools.FreeSqlTemplate;
import io.mcpgateway.tools.HttpTemplate;
import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.InputSchema;
import io.mcpgateway.tools.LogsTemplate;
import io.mcpgateway.tools.Runbooks;
import io.mcpgateway.tools.SqlTemplate;
import io.mcpgateway.tools.ToolCall;
import io.mcpgateway.tools.ToolDefinition;
import io.mcpgateway.tools.ToolHints;

/**
 * Adapts runbook tools to the MCP SDK: one {@link SyncToolSpecification} per tool, whose handler
 * hands the call to the {@link ToolCallPipeline} and turns the {@link CallOutcome} into a
 * {@link McpSchema.CallToolResult}. This is the only place that knows both our types and the
 * SDK's.
 *
 * <p>Errors reach the client by category (STYLE.md §7): an unknown tool is protocol misuse
 * ({@link McpError}); governance outcomes are tool results with {@code isError: true} and
 * structured content; internal failures carry a generic message and a correlation id.
 */
final class McpTools {

    /** Key under which the HTTP edge stores the caller in the MCP transport context. */
    static final String IDENTITY_KEY = "mcp-gateway.identity";

    private static final System.Logger LOGGER = System.getLogger(McpTools.class.getName());
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ToolCallPipeline pipeline;
    private final Function<McpTransportContext, Optional<Identity>> identities;
    private final JsonMapper json;
    private final SqlAnalyzer analyzer = new SqlAnalyzer();

    McpTools(ToolCallPipeline pipeline, Function<McpTransportContext, Optional<Identity>> identities, JsonMapper json) {
        this.pipeline = pipeline;
        this.identities = identities;
        this.json = json;
    }

    /**
     * Reads the identity the HTTP edge put into the transport context.
     *
     * @param context transport context
     * @return identity, if authenticated
     */
    static Optional<Identity> fromContext(McpTransportContext context) {
        return context.get(IDENTITY_KEY) instanceof Identity id ? Optional.of(id) : Optional.empty();
    }

    /**
     * The tools/list filter: a caller sees only the tools of their groups.
     *
     * @param tools current tools by name
     * @return filter
     */
    McpSyncListFilter<McpSchema.Tool> visibility(Function<String, Optional<ToolDefinition>> tools) {
        return (context, tool) -> identities.apply(context)
                .flatMap(id -> tools.apply(tool.name()).filter(t -> t.visibleTo(id)))
                .isPresent();
    }

    /**
     * Builds the MCP specifications of a set of tools.
     *
     * @param tools runbook tools
     * @return specifications
     */
    List<SyncToolSpecification> specifications(Iterable<ToolDefinition> tools) {
        List<SyncToolSpecification> specs = new ArrayList<>();
        for (ToolDefinition tool : tools) {
            specs.add(specification(tool));
        }
        return specs;
    }

    private SyncToolSpecification specification(ToolDefinition tool) {
        return SyncToolSpecification.builder()
                .tool(describe(tool))
                .callHandler(this::call)
                .build();
    }

    /**
     * Brings a server's tool list from one runbook set to the next: tools that are gone are
     * removed, new or changed ones (as the client sees them) are added; each change announces
     * {@code notifications/tools/list_changed} to connected clients.
     *
     * @param server the MCP server
     * @param before the set it serves
     * @param after  the new set
     */
    void update(McpSyncServer server, Runbooks before, Runbooks after) {
        for (ToolDefinition old : before.all()) {
            if (after.find(old.name()).isEmpty()) {
                server.removeTool(old.name());
            }
        }
        for (ToolDefinition tool : after.all()) {
            Optional<ToolDefinition> old = before.find(tool.name());
            if (old.isEmpty() || !describe(old.get()).equals(describe(tool))) {
                server.addTool(specification(tool));
            }
        }
    }

    McpSchema.Tool describe(ToolDefinition tool) {
        Map<String, Object> schema = json.convertValue(InputSchema.of(tool), MAP);
        Optional<StatementKind> kind = statementKind(tool);
        McpSchema.Tool.Builder b = McpSchema.Tool.builder()
                .name(tool.name())
                .description(tool.description())
                .inputSchema(schema)
                .annotations(annotations(tool, kind));
        if (tool.template() instanceof SqlTemplate) {
            // a read renders as a table; anything else as an update count or, with RETURNING, rows
            b.outputSchema(kind.map(StatementKind::isRead).orElse(false) ? OutputSchema.table()
                    : OutputSchema.tableOrCount());
        }
        return b.build();
    }

    private Optional<StatementKind> statementKind(ToolDefinition tool) {
        return tool.template() instanceof SqlTemplate sql ? analyzer.analyze(sql.jdbcSql()).kind() : Optional.empty();
    }

    /**
     * MCP annotations: as written in the runbook, else derived from what the template does.
     */
    private static McpSchema.ToolAnnotations annotations(ToolDefinition tool, Optional<StatementKind> kind) {
        ToolHints written = tool.hints();
        ToolHints derived = switch (tool.template()) {
            case SqlTemplate sql -> {
                boolean read = kind.map(StatementKind::isRead).orElse(false);
                boolean destructive = kind.map(k -> k == StatementKind.DELETE || k == StatementKind.TRUNCATE
                        || k == StatementKind.DDL || k == StatementKind.UPDATE || k == StatementKind.MERGE).orElse(true);
                yield new ToolHints(read, !read && destructive, read, false);
            }
            // the statement is the caller's: nothing can be promised about it
            case FreeSqlTemplate free -> new ToolHints(false, true, false, false);
            case HttpTemplate http -> switch (http.method()) {
                case "GET", "HEAD" -> new ToolHints(true, false, true, false);
                case "PUT", "DELETE" -> new ToolHints(false, true, true, false);
                case "PATCH" -> new ToolHints(false, true, false, false);
                default -> new ToolHints(false, false, false, false);
            };
            case LogsTemplate logs -> new ToolHints(true, false, true, false);
        };
        return new McpSchema.ToolAnnotations(null,
                written.readOnly() != null ? written.readOnly() : derived.readOnly(),
                written.destructive() != null ? written.destructive() : derived.destructive(),
                written.idempotent() != null ? written.idempotent() : derived.idempotent(),
                written.openWorld() != null ? written.openWorld() : derived.openWorld(),
                null);
    }

    /**
     * Progress reports for a call, sent as {@code notifications/progress} on the call's own
     * stream when the client asked for them (MCP: only with a {@code progressToken} in the
     * request's {@code _meta}).
     */
    private static ProgressSink progress(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Object token = request.progressToken();
        if (token == null) {
            return ProgressSink.NONE;
        }
        return (progress, total, message) -> {
            try {
                exchange.progressNotification(new McpSchema.ProgressNotification(token, progress, total, message));
            } catch (RuntimeException e) {
                // the client may have gone; the call goes on and its outcome is still audited
                LOGGER.log(System.Logger.Level.DEBUG, "Progress notification not delivered: " + e.getMessage());
            }
        };
    }

    private McpSchema.CallToolResult call(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Identity identity = identities.apply(exchange.transportContext()).orElseThrow(() ->
                McpError.builder(McpSchema.ErrorCodes.INVALID_REQUEST).message("Not authenticated").build());
        ToolCall call = new ToolCall(request.name(), request.arguments(), identity,
                exchange.sessionId(), UUID.randomUUID().toString().substring(0, 13));
        return switch (pipeline.handle(call, progress(exchange, request))) {
            case CallOutcome.Success s -> McpSchema.CallToolResult.builder()
                    .addTextContent(s.text())
                    .structuredContent(s.structured())
                    // an API that answered with an error status ran but failed: clients show it as a
                    // failed call, and the API's (masked) answer stays in the content
                    .isError(s.structured().get("status") instanceof Integer status && status >= 400)
                    .build();
            case CallOutcome.Refused r -> {
                Map<String, Object> structured = new LinkedHashMap<>();
                structured.put("outcome", r.outcome());
                structured.put("reasonCode", r.reasonCode());
                structured.put("message", r.message());
                if (!r.ruleId().isEmpty()) {
                    structured.put("rule", r.ruleId());
                }
                structured.putAll(r.details());
                yield McpSchema.CallToolResult.builder()
                        .addTextContent(r.message() + (r.ruleId().isEmpty() ? "" : " [rule " + r.ruleId() + "]"))
                        .structuredContent(structured)
                        .isError(true)
                        .build();
            }
            case CallOutcome.UnknownTool u -> throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("Unknown tool: " + u.name())
                    .build();
            case CallOutcome.Failed f -> McpSchema.CallToolResult.builder()
                    .addTextContent(f.message() + " (correlation id " + f.correlationId() + ")")
                    .structuredContent(Map.of("outcome", "failed", "reasonCode", f.reasonCode(),
                            "message", f.message(), "correlationId", f.correlationId()))
                    .isError(true)
                    .build();
        };
    }
}
