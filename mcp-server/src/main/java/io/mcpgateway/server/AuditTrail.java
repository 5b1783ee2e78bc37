package io.mcpgateway.server;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

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
