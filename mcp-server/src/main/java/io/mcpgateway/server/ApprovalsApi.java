package io.mcpgateway.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.mcpgateway.approvals.ApprovalEvent;
import io.mcpgateway.approvals.ApprovalException;
import io.mcpgateway.approvals.ApprovalQuery;
import io.mcpgateway.approvals.ApprovalRequest;
import io.mcpgateway.approvals.ApprovalService;
import io.mcpgateway.approvals.ApprovalStatus;
import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.Identity;

/**
 * {@code /api/approvals}, the JSON API for automation:
 * <ul>
 *     <li>{@code GET /api/approvals?status=pending&tool=&requester=&limit=} — requests the caller
 *     may see, newest first;</li>
 *     <li>{@code GET /api/approvals/{id}} — one request with its history and the actions the
 *     caller may take;</li>
 *     <li>{@code POST /api/approvals/{id}/decision} with {@code {"decision":"approve"|"deny",
 *     "comment":"..."}};</li>
 *     <li>{@code POST /api/approvals/{id}/cancel} with {@code {"comment":"..."}}.</li>
 * </ul>
 * Callers authenticate with {@code Authorization: Bearer} (or the page's session cookie, then
 * with {@code X-CSRF-Token} on posts). The same rules as on the page apply: nobody decides their
 * own request, only the stage's reviewer groups decide it. Refusals answer with
 * {@code {"error": reasonCode, "message": ...}}.
 */
final class ApprovalsApi implements HttpService {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ApprovalService approvals;
    private final ReviewerAuth auth;
    private final JsonMapper json;
    private final Function<String, String> reviewUrl;

    /**
     * Creates the API.
     *
     * @param approvals approval service
     * @param auth      reviewer authentication
     * @param json      JSON mapper
     * @param reviewUrl review page URL of a request
     */
    ApprovalsApi(ApprovalService approvals, ReviewerAuth auth, JsonMapper json, Function<String, String> reviewUrl) {
        this.approvals = approvals;
        this.auth = auth;
        this.json = json;
        this.reviewUrl = reviewUrl;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .get("/{id}", this::get)
                .post("/{id}/decision", this::decide)
                .post("/{id}/cancel", this::cancel);
    }

    /**
     * The HTTP status of a refused approval action.
     *
     * @param e the refusal
     * @return status
     */
    static Status status(ApprovalException e) {
        return switch (e.reasonCode()) {
            case "not_found" -> Status.NOT_FOUND_404;
            case "already_decided" -> Status.CONFLICT_409;
            case "self_approval", "not_reviewer", "already_approved", "not_allowed" -> Status.FORBIDDEN_403;
            // the audit store failed: the decision was not made; nothing is wrong with the request
            case "not_recorded" -> Status.SERVICE_UNAVAILABLE_503;
            default -> Status.BAD_REQUEST_400;
        };
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<ReviewerAuth.Caller> caller = caller(req, res);
        if (caller.isEmpty()) {
            return;
        }
        ApprovalQuery query;
        try {
            String status = req.query().first("status").orElse("pending");
            query = new ApprovalQuery(status.equals("all") ? null : ApprovalStatus.parse(status),
                    req.query().first("tool").orElse(null), req.query().first("requester").orElse(null),
                    Integer.parseInt(req.query().first("limit").orElse("100")));
        } catch (IllegalArgumentException e) {
            send(res, Status.BAD_REQUEST_400, Map.of("error", "bad_query", "message", e.getMessage()));
            return;
        }
        Identity person = caller.get().person();
        List<Map<String, Object>> out = new ArrayList<>();
        for (ApprovalRequest r : approvals.list(query)) {
            if (approvals.rules().mayView(r, person)) {
                out.add(view(r, null, person));
            }
        }
        send(res, Status.OK_200, Map.of("approvals", out));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Optional<ReviewerAuth.Caller> caller = caller(req, res);
        if (caller.isEmpty()) {
            return;
        }
        String id = req.path().pathParameters().get("id");
        visible(id, caller.get().person()).ifPresentOrElse(
                r -> send(res, Status.OK_200, view(r, approvals.history(id), caller.get().person())),
                () -> notFound(res, id));
    }

    private void decide(ServerRequest req, ServerResponse res) {
        act(req, res, (id, person, body) -> switch (String.valueOf(body.get("decision"))) {
            case "approve" -> approvals.approve(id, person, text(body.get("comment")));
            case "deny" -> approvals.deny(id, person, text(body.get("comment")));
            default -> throw new ApprovalException("bad_decision", "\"decision\" must be \"approve\" or \"deny\".");
        });
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        act(req, res, (id, person, body) -> approvals.cancel(id, person, text(body.get("comment"))));
    }

    private void act(ServerRequest req, ServerResponse res, Action action) {
        Optional<ReviewerAuth.Caller> caller = caller(req, res);
        if (caller.isEmpty()) {
            return;
        }
        if (caller.get().session().isPresent() && !auth.genuine(req, caller.get().session().get(), null)) {
            send(res, Status.FORBIDDEN_403, Map.of("error", "csrf", "message", "Requests made with the review "
                    + "page's session cookie need its X-CSRF-Token header; nothing was changed."));
            return;
        }
        String id = req.path().pathParameters().get("id");
        Identity person = caller.get().person();
        if (visible(id, person).isEmpty()) {
            notFound(res, id);
            return;
        }
        Map<String, Object> body;
        try {
            body = req.content().hasEntity() ? json.readValue(req.content().as(String.class), MAP) : Map.of();
        } catch (JacksonException e) {
            send(res, Status.BAD_REQUEST_400, Map.of("error", "bad_json", "message", "The body must be a JSON object."));
            return;
        }
        try {
            ApprovalRequest r = action.run(id, person, body == null ? Map.of() : body);
            send(res, Status.OK_200, view(r, approvals.history(id), person));
        } catch (ApprovalException e) {
            send(res, status(e), Map.of("error", e.reasonCode(), "message", e.getMessage()));
        }
    }

    private Optional<ApprovalRequest> visible(String id, Identity person) {
        return approvals.find(id).filter(r -> approvals.rules().mayView(r, person));
    }

    private Optional<ReviewerAuth.Caller> caller(ServerRequest req, ServerResponse res) {
        try {
            Optional<ReviewerAuth.Caller> caller = auth.apiCaller(req);
            if (caller.isEmpty()) {
                unauthorized(res, "A bearer token (or a review page session) is required.");
            }
            return caller;
        } catch (AuthenticationException e) {
            unauthorized(res, e.getMessage());
            return Optional.empty();
        }
    }

    private void unauthorized(ServerResponse res, String message) {
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"mcp-gateway\"");
        send(res, Status.UNAUTHORIZED_401, Map.of("error", "unauthorized", "message", message));
    }

    private void notFound(ServerResponse res, String id) {
        send(res, Status.NOT_FOUND_404, Map.of("error", "not_found", "message", "There is no approval request "
                + id + " that you may see."));
    }

    private void send(ServerResponse res, Status status, Object body) {
        ReviewerAuth.protect(res);
        res.status(status).header(HeaderNames.CONTENT_TYPE, "application/json").send(json.writeValueAsString(body));
    }

    /** A request as the API shows it; {@code history} null in lists. */
    private Map<String, Object> view(ApprovalRequest r, List<ApprovalEvent> history, Identity person) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", r.id());
        v.put("status", r.status().label());
        v.put("tool", r.call().tool());
        v.put("connection", r.call().connection());
        v.put("risk", r.call().risk().configName());
        v.put("kind", r.call().kind());
        v.put("statement", r.call().statement());
        v.put("parameters", r.call().parameters());
        v.put("requester", Map.of("subject", r.requester().subject(), "email", r.requester().email(),
                "groups", new TreeSet<>(r.requester().groups())));
        v.put("rule", Map.of("id", r.ruleId(), "reasonCode", r.reasonCode(), "message", r.reason()));
        List<Map<String, Object>> stages = new ArrayList<>();
        for (int i = 0; i < r.stages().size(); i++) {
            Decision.Stage s = r.stages().get(i);
            stages.add(Map.of("name", s.name(), "groups", new TreeSet<>(s.groups()), "approvals", s.approvals()));
        }
        v.put("stages", stages);
        v.put("currentStage", r.currentStage().isPresent() ? r.stage() + 1 : null);
        v.put("createdAt", time(r.createdAt()));
        v.put("expiresAt", time(r.expiresAt()));
        v.put("decidedAt", time(r.decidedAt()));
        v.put("approvalExpiresAt", time(r.approvalExpiresAt()));
        v.put("usedAt", time(r.consumedAt()));
        v.put("resolution", r.resolution());
        v.put("policyVersion", r.policyVersion());
        v.put("correlationId", r.correlationId());
        v.put("reviewUrl", reviewUrl.apply(r.id()));
        if (history != null) {
            List<Map<String, Object>> h = new ArrayList<>();
            for (ApprovalEvent e : history) {
                h.add(Map.of("at", time(e.at()), "kind", e.kind().label(), "stage", e.stage() + 1,
                        "actor", e.actor(), "comment", e.comment()));
            }
            v.put("history", h);
            v.put("actions", Map.of(
                    "approve", approvals.rules().refusal(r, history, person, true).isEmpty(),
                    "deny", approvals.rules().refusal(r, history, person, false).isEmpty(),
                    "cancel", approvals.rules().mayCancel(r, person)));
        }
        return v;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** A state change on one request by an authenticated caller. */
    @FunctionalInterface
    private interface Action {
        ApprovalRequest run(String id, Identity person, Map<String, Object> body);
    }
}
