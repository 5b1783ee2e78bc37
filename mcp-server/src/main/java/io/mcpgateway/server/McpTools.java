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
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.mcpgateway.guardrails.SqlAnalysis;
import io.mcpgateway.guardrails.SqlAnalyzer;
import io.mcpgateway.guardrails.StatementKind;
import io.mcpgateway.tools.FreeSqlTemplate;
import io.mcpgateway.tools.Identity;
import io.mcpgateway.tools.InputSchema;
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
            specs.add(SyncToolSpecification.builder()
                    .tool(describe(tool))
                    .callHandler((exchange, request) -> call(exchange, request))
                    .build());
        }
        return specs;
    }

    McpSchema.Tool describe(ToolDefinition tool) {
        Map<String, Object> schema = json.convertValue(InputSchema.of(tool), MAP);
        return McpSchema.Tool.builder()
                .name(tool.name())
                .description(tool.description())
                .inputSchema(schema)
                .annotations(annotations(tool))
                .build();
    }

    private McpSchema.ToolAnnotations annotations(ToolDefinition tool) {
        ToolHints written = tool.hints();
        Optional<StatementKind> kind = switch (tool.template()) {
            case SqlTemplate sql -> analyzer.analyze(sql.jdbcSql()).kind();
            // the statement is the caller's: nothing can be promised about it
            case FreeSqlTemplate free -> Optional.<StatementKind>empty();
        };
        boolean read = kind.map(StatementKind::isRead).orElse(false);
        boolean destructive = kind.map(k -> k == StatementKind.DELETE || k == StatementKind.TRUNCATE
                || k == StatementKind.DDL || k == StatementKind.UPDATE || k == StatementKind.MERGE).orElse(true);
        return new McpSchema.ToolAnnotations(null,
                written.readOnly() != null ? written.readOnly() : read,
                written.destructive() != null ? written.destructive() : !read && destructive,
                written.idempotent() != null ? written.idempotent() : read,
                written.openWorld() != null ? written.openWorld() : false,
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
                    .isError(false)
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
