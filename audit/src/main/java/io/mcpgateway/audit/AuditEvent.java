package io.mcpgateway.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One action the gateway took, as it is written to the trail. Carries no credential and no
 * unmasked result: the payload is built from masked data and masking reports only.
 *
 * @param eventId       unique id (also written into the SQL attribution comment)
 * @param occurredAt    when it happened (stored with millisecond precision)
 * @param type          {@code tool_call}, {@code approval_decision}, ...
 * @param actor         the caller's subject
 * @param actorGroups   the caller's groups
 * @param tool          tool name, or null
 * @param connection    connection name, or null
 * @param statementKind SQL statement kind (READ, UPDATE, ...), or null
 * @param decision      allow | deny | approve, or null
 * @param ruleId        the deciding rule, or null
 * @param reasonCode    reason code of the decision or failure, or null
 * @param outcome       {@code executed}, {@code denied}, {@code invalid}, {@code pending_approval}, {@code failed}, ...
 * @param durationMs    time spent, or null
 * @param correlationId ties log, audit and response together
 * @param sessionId     MCP session id, or null
 * @param enforcement   {@code enforce} or {@code dry-run}
 * @param payload       JSON details (rendered statement, masked binds, masking report)
 */
public record AuditEvent(String eventId,
                         Instant occurredAt,
                         String type,
                         String actor,
                         Set<String> actorGroups,
                         String tool,
                         String connection,
                         String statementKind,
                         String decision,
                         String ruleId,
                         String reasonCode,
                         String outcome,
                         Long durationMs,
                         String correlationId,
                         String sessionId,
                         String enforcement,
                         String payload) {

    /**
     * Validates fields and truncates the time to milliseconds so that the stored value and the
     * hashed value agree on every database.
     *
     * @param eventId       id
     * @param occurredAt    time
     * @param type          type
     * @param actor         actor
     * @param actorGroups   groups
     * @param tool          tool
     * @param connection    connection
     * @param statementKind statement kind
     * @param decision      decision
     * @param ruleId        rule
     * @param reasonCode    reason
     * @param outcome       outcome
     * @param durationMs    duration
     * @param correlationId correlation id
     * @param sessionId     session id
     * @param enforcement   enforcement mode
     * @param payload       payload JSON
     */
    public AuditEvent {
        Objects.requireNonNull(eventId, "eventId");
        occurredAt = Objects.requireNonNull(occurredAt, "occurredAt").truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        actorGroups = Set.copyOf(actorGroups);
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(enforcement, "enforcement");
        payload = payload == null ? "{}" : payload;
    }
}
