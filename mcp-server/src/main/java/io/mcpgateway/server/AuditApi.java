package io.mcpgateway.server;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

import io.mcpgateway.audit.AuditLog;
import io.mcpgateway.audit.AuditQuery;
import io.mcpgateway.audit.AuditRecord;
import io.mcpgateway.audit.ChainVerification;
import io.mcpgateway.tools.Identity;

/**
 * {@code /api/audit}: the audit trail for automation, readable by members of the configured
 * auditor groups only (bearer token, like {@code /mcp}).
 * <ul>
 *     <li>{@code GET /api/audit?user=&tool=&connection=&statementType=&outcome=&since=&until=&limit=}
 *     — events, newest first;</li>
 *     <li>{@code GET /api/audit/verify} — the result of recomputing every chain.</li>
 * </ul>
 */
final class AuditApi implements HttpService {

    private final AuditLog log;
    private final JwtAuthenticator authenticator;
    private final Set<String> readerGroups;
    private final JsonMapper json;

    AuditApi(AuditLog log, JwtAuthenticator authenticator, Set<String> readerGroups, JsonMapper json) {
        this.log = log;
        this.authenticator = authenticator;
        this.readerGroups = Set.copyOf(readerGroups);
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/verify", this::verify).get("/", this::search);
    }

    private void search(ServerRequest req, ServerResponse res) {
        if (authorized(req, res).isEmpty()) {
            return;
        }
        AuditQuery query;
        try {
            var q = req.query();
            query = new AuditQuery(q.first("user").orElse(null), q.first("tool").orElse(null),
                    q.first("connection").orElse(null),
                    q.first("statementType").map(s -> s.toUpperCase(Locale.ROOT)).orElse(null),
                    q.first("outcome").orElse(null), instant(q.first("since").asOptional()), instant(q.first("until").asOptional()),
                    Integer.parseInt(q.first("limit").orElse("100")));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            send(res, Status.BAD_REQUEST_400, Map.of("error", "invalid_query", "message",
                    "Use user, tool, connection, statementType, outcome, since/until (ISO instants) and limit "
                            + "(1..10000)."));
            return;
        }
        List<Map<String, Object>> events = new ArrayList<>();
        for (AuditRecord r : log.search(query)) {
            events.add(toMap(r, json));
        }
        send(res, Status.OK_200, Map.of("events", events));
    }

    /**
     * One audit record as JSON-ready values (also used by {@code gateway audit search --json}).
     *
     * @param r    record
     * @param json mapper for the payload
     * @return field map in a fixed order
     */
    static Map<String, Object> toMap(AuditRecord r, JsonMapper json) {
        var e = r.event();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chain", r.chainId());
        m.put("seq", r.seq());
        m.put("id", e.eventId());
        m.put("time", e.occurredAt().toString());
        m.put("type", e.type());
        m.put("user", e.actor());
        m.put("groups", e.actorGroups());
        m.put("tool", e.tool());
        m.put("connection", e.connection());
        m.put("statementType", e.statementKind());
        m.put("decision", e.decision());
        m.put("rule", e.ruleId());
        m.put("reasonCode", e.reasonCode());
        m.put("outcome", e.outcome());
        m.put("durationMs", e.durationMs());
        m.put("correlationId", e.correlationId());
        m.put("enforcement", e.enforcement());
        m.put("payload", json.readTree(e.payload()));
        m.put("hash", r.hash());
        return m;
    }

    private void verify(ServerRequest req, ServerResponse res) {
        if (authorized(req, res).isEmpty()) {
            return;
        }
        List<Map<String, Object>> chains = new ArrayList<>();
        for (ChainVerification v : log.verify()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("chain", v.chainId());
            m.put("records", v.records());
            m.put("intact", v.intact());
            v.brokenAtSeq().ifPresent(seq -> m.put("brokenAt", seq));
            if (!v.intact()) {
                m.put("problem", v.problem());
            }
            chains.add(m);
        }
        send(res, Status.OK_200, Map.of("chains", chains));
    }

    private Optional<Identity> authorized(ServerRequest req, ServerResponse res) {
        Identity id;
        try {
            id = authenticator.authenticate(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null));
        } catch (AuthenticationException e) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"mcp-gateway\"");
            send(res, Status.UNAUTHORIZED_401, Map.of("error", "unauthorized", "message", e.getMessage()));
            return Optional.empty();
        }
        if (!id.inAnyGroup(readerGroups)) {
            send(res, Status.FORBIDDEN_403, Map.of("error", "forbidden", "message",
                    "Reading the audit trail needs membership in one of " + new java.util.TreeSet<>(readerGroups) + "."));
            return Optional.empty();
        }
        return Optional.of(id);
    }

    private static Instant instant(Optional<String> value) {
        return value.map(Instant::parse).orElse(null);
    }

    private void send(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(json.writeValueAsString(body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
