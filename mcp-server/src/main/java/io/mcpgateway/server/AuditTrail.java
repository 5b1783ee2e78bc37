package io.mcpgateway.server;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import io.mcpgateway.approvals.ApprovalEvent;
import io.mcpgateway.approvals.ApprovalRequest;
import io.mcpgateway.audit.AuditEvent;
import io.mcpgateway.audit.AuditLog;
import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.ToolCall;

/**
 * Pipeline step 9: turns what happened to a call into audit events and appends them. Payloads
 * hold the rendered statement and masked values only, never raw arguments or results.
 */
final class AuditTrail {

    private final AuditLog log;
    private final ResultMasker masker;
    private final JsonMapper json;
    private final Clock clock;
    private final String enforcement;

    AuditTrail(AuditLog log, ResultMasker masker, JsonMapper json, Clock clock, String enforcement) {
        this.log = log;
        this.masker = masker;
        this.json = json;
        this.clock = clock;
        this.enforcement = enforcement;
    }

    /** A call that never reached policy (unknown tool, invalid arguments). */
    void rejected(String eventId, ToolCall call, String outcome, String reasonCode, String message,
                  Set<String> secrets) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("arguments", masker.maskValues(call.arguments(), secrets));
        payload.put("message", masker.maskText(message, secrets));
        append(eventId, "tool_call", call, null, null, null, outcome, reasonCode, null, payload);
    }

    /** The policy decision for a bound call, written before anything executes. */
    void decided(String eventId, BoundCall bound, String statementKind, Decision decision, String outcome,
                 Set<String> secrets) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("statement", masker.maskText(bound.request().render(), secrets));
        payload.put("arguments", masker.maskValues(bound.values(), secrets));
        payload.put("message", decision.message());
        append(eventId, "tool_call", bound.call(), bound, statementKind, decision, outcome, decision.reasonCode(),
                null, payload);
    }

    /** The outcome of an execution, with counts of what masking removed. */
    void executed(String eventId, BoundCall bound, String statementKind, Decision decision, String outcome,
                  String reasonCode, long durationMs, Map<String, Object> details) {
        // its own id, derived from the decision's so the two rows of one call are found together
        append(eventId + ".result", "tool_result", bound.call(), bound, statementKind, decision, outcome, reasonCode, durationMs,
                details);
    }

    /**
     * A change of an approval request: reviewers' votes and denials, withdrawals, expiry. The
     * actor is the reviewer (or the gateway); the comment is masked like any other text.
     */
    void reviewed(ApprovalRequest request, ApprovalEvent event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("approval", request.id());
        payload.put("stage", event.stage() + 1);
        payload.put("status", request.status().label());
        payload.put("comment", masker.maskText(event.comment(), Set.of()));
        log.append(new AuditEvent(UUID.randomUUID().toString(),
                event.at(), "approval", event.actorSubject(), Set.of(), request.call().tool(),
                request.call().connection(), null, "approve", request.ruleId(), request.reasonCode(),
                event.kind().label(), null, request.correlationId(), null, enforcement,
                json.writeValueAsString(payload)));
    }

    private void append(String eventId, String type, ToolCall call, BoundCall bound, String statementKind,
                        Decision decision, String outcome, String reasonCode, Long durationMs,
                        Map<String, Object> payload) {
        log.append(new AuditEvent(eventId, clock.instant(), type, call.identity().subject(),
                call.identity().groups(), call.tool(), bound == null ? null : bound.connection().name(),
                statementKind, decision == null ? null : decision.action(), decision == null ? null : decision.ruleId(),
                reasonCode, outcome, durationMs, call.correlationId(), call.sessionId().isEmpty() ? null : call.sessionId(),
                enforcement, json.writeValueAsString(payload)));
    }
}
