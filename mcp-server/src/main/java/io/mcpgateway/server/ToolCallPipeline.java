package io.mcpgateway.server;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.mcpgateway.approvals.ApprovalGate;
import io.mcpgateway.approvals.ApprovalOutcome;
import io.mcpgateway.audit.AuditException;
import io.mcpgateway.connectors.Connectors;
import io.mcpgateway.connectors.ExecutionContext;
import io.mcpgateway.guardrails.InjectionInspector;
import io.mcpgateway.guardrails.PolicyEngine;
import io.mcpgateway.guardrails.Quotas;
import io.mcpgateway.guardrails.SqlAnalysis;
import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.GatewayException;
import io.mcpgateway.tools.InvalidArgumentsException;
import io.mcpgateway.tools.Runbooks;
import io.mcpgateway.tools.ToolBinder;
import io.mcpgateway.tools.ToolCall;
import io.mcpgateway.tools.ToolDefinition;
import io.mcpgateway.tools.ToolResult;

/**
 * The whole life of a tool call, top to bottom (DESIGN.md, steps 2–10; step 1, authentication,
 * ran at the HTTP edge and its {@link io.mcpgateway.tools.Identity} arrives inside the call):
 * <ol>
 *     <li>resolve the tool the caller may see,</li>
 *     <li>validate and bind the arguments,</li>
 *     <li>evaluate policy, and write the decision to the audit trail before anything runs,</li>
 *     <li>check quotas and rate limits: a call over its budget neither runs nor waits for anyone,</li>
 *     <li>on allow: execute with server-held credentials, mask, inspect for prompt injection, label
 *     as untrusted, audit the outcome, respond; on deny: respond with the reason; on approval: hold
 *     the call while people review it ({@link ApprovalGate}), then execute it, refuse it with the
 *     reviewer's reason, or respond that it is pending with the request id and review URL.</li>
 * </ol>
 * It fails closed: if the audit trail cannot be written, nothing executes and no result leaves.
 */
public final class ToolCallPipeline {

    private static final System.Logger LOGGER = System.getLogger(ToolCallPipeline.class.getName());

    private final Supplier<Runbooks> runbooks;
    private final Connectors connectors;
    private final PolicyEngine policy;
    private final Quotas quotas;
    private final ResultMasker masker;
    private final InjectionInspector inspector;
    private final ResultRenderer renderer;
    private final ApprovalGate approvals;
    private final AuditTrail audit;
    private final Clock clock;

    ToolCallPipeline(Supplier<Runbooks> runbooks, Connectors connectors, PolicyEngine policy, Quotas quotas,
                     ApprovalGate approvals, ResultMasker masker, InjectionInspector inspector, ResultRenderer renderer,
                     AuditTrail audit, Clock clock) {
        this.runbooks = runbooks;
        this.connectors = connectors;
        this.policy = policy;
        this.quotas = quotas;
        this.approvals = approvals;
        this.masker = masker;
        this.inspector = inspector;
        this.renderer = renderer;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Handles one call whose client takes no progress reports.
     *
     * @param call the call, with its authenticated identity
     * @return the outcome to send back
     */
    public CallOutcome handle(ToolCall call) {
        return handle(call, ProgressSink.NONE);
    }

    /**
     * Handles one call.
     *
     * @param call     the call, with its authenticated identity
     * @param progress where to report progress while the call is held for approval
     * @return the outcome to send back
     */
    CallOutcome handle(ToolCall call, ProgressSink progress) {
        String eventId = UUID.randomUUID().toString();
        long started = clock.millis();
        Set<String> secrets = connectors.secrets().liveSecrets();
        try {
            // 2. resolve the tool the caller may see; an invisible tool is an unknown tool
            Optional<ToolDefinition> found = runbooks.get().find(call.tool()).filter(t -> t.visibleTo(call.identity()));
            if (found.isEmpty()) {
                audit.rejected(eventId, call, "unknown_tool", "unknown_tool", "No such tool for this caller.", secrets);
                return new CallOutcome.UnknownTool(call.tool());
            }
            ToolDefinition tool = found.get();
            ConnectionDefinition connection = connectors.definition(tool.connection()).orElseThrow(() ->
                    new GatewayException("unknown_connection", "Tool '" + tool.name() + "' refers to a connection "
                            + "that is not configured."));

            // 3. validate and bind the parameters, with this session's masking tokens restored
            BoundCall bound;
            try {
                bound = ToolBinder.bind(withRestoredTokens(call), tool, connection);
            } catch (InvalidArgumentsException e) {
                audit.rejected(eventId, call, "invalid_arguments", e.reasonCode(), e.getMessage(), secrets);
                return new CallOutcome.Refused("invalid_arguments", e.reasonCode(), masker.maskText(e.getMessage(), secrets),
                        "", Map.of("problems", e.problems().stream().map(p -> masker.maskText(p, secrets)).toList()));
            }

            // 4. evaluate policy
            Optional<SqlAnalysis> analysis = policy.analyze(bound);
            String kind = analysis.flatMap(SqlAnalysis::kind).map(Enum::name).orElse(null);
            Decision decision = policy.evaluate(bound);
            // quotas and rate limits: a call over its budget neither runs nor waits for a reviewer
            Optional<Quotas.QuotaExceeded> limited = decision instanceof Decision.Deny
                    ? Optional.empty() : quotas.admit(bound, analysis);
            if (limited.isPresent()) {
                return overQuota(eventId, bound, kind, limited.get(), secrets);
            }
            return switch (decision) {
                case Decision.Allow allow -> {
                    audit.decided(eventId, bound, kind, allow, "allowed", secrets);
                    yield execute(eventId, bound, analysis, kind, allow, started, null);
                }
                case Decision.Deny deny -> {
                    audit.decided(eventId, bound, kind, deny, "denied", secrets);
                    yield new CallOutcome.Refused("denied", deny.reasonCode(), deny.explanation(), deny.ruleId(), Map.of());
                }
                case Decision.RequireApproval approval -> {
                    audit.decided(eventId, bound, kind, approval, "approval_required", secrets);
                    // 5. wait for human approval
                    ApprovalOutcome reviewed = approvals.await(bound, approval, (request, waited, limit, message) ->
                            progress.report(waited.toMillis() / 1000.0, limit.toSeconds(), message));
                    yield reviewed(eventId, bound, analysis, kind, approval, reviewed, started);
                }
            };
        } catch (AuditException e) {
            String correlation = call.correlationId();
            LOGGER.log(System.Logger.Level.ERROR, "Audit write failed; call refused [" + correlation + "]", e);
            return new CallOutcome.Failed("audit_unavailable",
                    "The audit trail cannot be written, so the gateway refuses to act.", correlation);
        } catch (GatewayException e) {
            LOGGER.log(System.Logger.Level.WARNING, "Call to " + call.tool() + " failed: " + e.reasonCode()
                    + " [" + call.correlationId() + "]");
            return new CallOutcome.Failed(e.reasonCode(), masker.maskText(e.getMessage(), secrets), call.correlationId());
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.ERROR, "Unexpected failure in call to " + call.tool()
                    + " [" + call.correlationId() + "]", e);
            return new CallOutcome.Failed("internal_error", "The gateway failed to handle this call.", call.correlationId());
        }
    }

    private CallOutcome overQuota(String eventId, BoundCall bound, String kind, Quotas.QuotaExceeded limited,
                                  Set<String> secrets) {
        Decision.Deny deny = limited.decision();
        audit.decided(eventId, bound, kind, deny, "denied", secrets);
        return new CallOutcome.Refused("denied", deny.reasonCode(), deny.explanation(), deny.ruleId(),
                Map.of("retryAfterSeconds", Math.max(1, limited.retryAfter().toSeconds())));
    }

    /** After review: run the approved call once, or say why not, or that it is still pending. */
    private CallOutcome reviewed(String eventId, BoundCall bound, Optional<SqlAnalysis> analysis, String kind,
                                 Decision.RequireApproval decision, ApprovalOutcome reviewed, long started) {
        String id = reviewed.request().id();
        return switch (reviewed) {
            case ApprovalOutcome.Granted granted -> execute(eventId, bound, analysis, kind, decision, started, id);
            case ApprovalOutcome.Refused refused -> {
                audit.executed(eventId, bound, kind, decision, refused.outcome(), refused.reasonCode(),
                        clock.millis() - started, Map.of("approval", id));
                yield new CallOutcome.Refused(refused.outcome(), refused.reasonCode(), refused.message(),
                        decision.ruleId(), Map.of("approvalId", id, "status", refused.request().status().label()));
            }
            case ApprovalOutcome.Pending pending -> {
                audit.executed(eventId, bound, kind, decision, "approval_pending", decision.reasonCode(),
                        clock.millis() - started, Map.of("approval", id));
                yield new CallOutcome.Refused("approval_pending", decision.reasonCode(), pending.message(),
                        decision.ruleId(), Map.of("approvalId", id, "status", "pending",
                        "reviewUrl", pending.reviewUrl(), "expiresAt", pending.request().expiresAt().toString()));
            }
        };
    }

    /** Steps 6–10 for an allowed (or approved) call. */
    private CallOutcome execute(String eventId, BoundCall bound, Optional<SqlAnalysis> analysis, String kind,
                                Decision decision, long started, String approvalId) {
        ToolResult raw;
        try {
            raw = connectors.connector(bound.connection().name())
                    .execute(bound, new ExecutionContext(bound.call().identity().subject(), eventId));
        } catch (GatewayException e) {
            audit.executed(eventId, bound, kind, decision, "failed", e.reasonCode(), clock.millis() - started, Map.of());
            throw e;
        }
        // fetch the live set again: executing may have resolved a credential for the first time
        Set<String> secrets = connectors.secrets().liveSecrets();
        ResultMasker.MaskedResult masked = masker.mask(raw, bound.tool().maskingProfile(), secrets,
                bound.call().sessionId());
        // 8. inspect the masked data for prompt-injection payloads; the renderer labels it untrusted
        InjectionInspector.Inspection inspected = inspector.inspect(bound, masked.result());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("masking", masked.report().entities());
        details.put("maskedFields", masked.report().fields());
        if (approvalId != null) {
            details.put("approval", approvalId);
        }
        long rows = 0;
        switch (masked.result()) {
            case ToolResult.Table t -> {
                rows = t.rows().size();
                details.put("rows", t.rows().size());
                details.put("truncated", t.truncated());
            }
            case ToolResult.UpdateCount u -> {
                rows = u.affectedRows();
                details.put("affectedRows", u.affectedRows());
            }
            case ToolResult.Json j -> details.put("httpStatus", j.status());
            case ToolResult.Text t -> {
                details.put("httpStatus", t.status());
                details.put("truncated", t.truncated());
            }
            case ToolResult.Binary b -> details.put("httpStatus", b.status());
            case ToolResult.LogLines l -> {
                rows = l.lines().size();
                details.put("lines", l.lines().size());
                details.put("truncated", l.truncated());
                details.put("bytesScanned", l.bytesScanned());
            }
        }
        if (!inspected.clean()) {
            details.put("injection", inspected.counts());
        }
        audit.executed(eventId, bound, kind, decision, "executed", decision.reasonCode(), clock.millis() - started,
                details);
        CallOutcome.Success out = renderer.render(bound.tool(), inspected);
        quotas.record(bound, analysis, rows, out.text().getBytes(StandardCharsets.UTF_8).length);
        return out;
    }

    /** The call with reversible masking tokens of its session ({@code <EMAIL_3>}) replaced by their values. */
    private ToolCall withRestoredTokens(ToolCall call) {
        return new ToolCall(call.tool(), masker.restore(call.arguments(), call.sessionId()), call.identity(),
                call.sessionId(), call.correlationId());
    }
}
