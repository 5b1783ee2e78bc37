package io.mcpgateway.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.mcpgateway.approvals.ApprovalException;
import io.mcpgateway.approvals.ApprovalQuery;
import io.mcpgateway.approvals.ApprovalRequest;
import io.mcpgateway.approvals.ApprovalService;
import io.mcpgateway.approvals.ApprovalStatus;
import io.mcpgateway.approvals.ReviewDetailPage;
import io.mcpgateway.approvals.ReviewPage;
import io.mcpgateway.approvals.ReviewerSessions;

/**
 * The review page at {@code /approvals}: sign-in, the list (with its live rows and event
 * stream), the detail view, and the approve / deny / cancel forms. Reading needs a session;
 * every form post needs the session's CSRF token. A request the person may not see answers
 * {@code 404}, exactly like one that does not exist.
 */
final class ApprovalsPage implements HttpService {

    private static final Pattern NEXT = Pattern.compile("/approvals(/apr_[a-z0-9]{1,32})?");
    private static final int MAX_FORM = 64 * 1024;
    private static final String HTML = "text/html; charset=utf-8";

    private final ApprovalService approvals;
    private final ReviewerAuth auth;
    private final ApprovalEventStream events;
    private final ReviewPage page;
    private final ReviewDetailPage detailPage;
    private final String signInHint;

    /**
     * Creates the page.
     *
     * @param approvals  approval service
     * @param auth       reviewer authentication
     * @param events     the live event stream
     * @param signInHint how to get a token on this gateway, for the sign-in form
     */
    ApprovalsPage(ApprovalService approvals, ReviewerAuth auth, ApprovalEventStream events, String signInHint) {
        this.approvals = approvals;
        this.auth = auth;
        this.events = events;
        this.page = new ReviewPage(approvals.rules());
        this.detailPage = new ReviewDetailPage(approvals.rules());
        this.signInHint = signInHint;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .get("/rows", this::rows)
                .get("/events", events::stream)
                .get("/assets/{name}", this::asset)
                .post("/sign-in", this::signIn)
                .post("/sign-out", this::signOut)
                .get("/{id}", this::detail)
                .post("/{id}/decision", this::decide)
                .post("/{id}/cancel", this::cancel);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<ReviewerSessions.Session> session = auth.session(req);
        if (session.isEmpty()) {
            html(res, Status.OK_200, page.signIn("", signInHint, "/approvals"));
            return;
        }
        ReviewPage.Viewer viewer = viewer(session.get());
        ApprovalQuery query = query(req);
        html(res, Status.OK_200, page.list(viewer, query, visible(viewer, query)));
    }

    private void rows(ServerRequest req, ServerResponse res) {
        Optional<ReviewerSessions.Session> session = auth.session(req);
        if (session.isEmpty()) {
            html(res, Status.UNAUTHORIZED_401, "");
            return;
        }
        ReviewPage.Viewer viewer = viewer(session.get());
        html(res, Status.OK_200, page.rows(viewer, visible(viewer, query(req))));
    }

    private void detail(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        Optional<ReviewerSessions.Session> session = auth.session(req);
        if (session.isEmpty()) {
            html(res, Status.OK_200, page.signIn("", signInHint, next(id)));
            return;
        }
        ReviewPage.Viewer viewer = viewer(session.get());
        Optional<ApprovalRequest> found = approvals.find(id).filter(r -> approvals.rules().mayView(r, viewer.person()));
        if (found.isEmpty()) {
            html(res, Status.NOT_FOUND_404, page.error(viewer, "Not found", "There is no approval request " + id
                    + " that you may see."));
            return;
        }
        ReviewDetailPage.Notice notice = req.query().first("done").asOptional().map(ApprovalsPage::doneNotice)
                .orElse(null);
        html(res, Status.OK_200, detailPage.render(viewer, found.get(), approvals.history(id), notice));
    }

    private void decide(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        act(req, res, id, (viewer, form) -> switch (form.getOrDefault("decision", "")) {
            case "approve" -> {
                approvals.approve(id, viewer.person(), form.get("comment"));
                yield "approved";
            }
            case "deny" -> {
                approvals.deny(id, viewer.person(), form.get("comment"));
                yield "denied";
            }
            default -> throw new ApprovalException("bad_decision", "Choose Approve or Deny.");
        });
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        act(req, res, id, (viewer, form) -> {
            approvals.cancel(id, viewer.person(), form.get("comment"));
            return "cancelled";
        });
    }

    /** Runs a form action on a request: session, CSRF, visibility, then the action or its refusal. */
    private void act(ServerRequest req, ServerResponse res, String id, Action action) {
        Map<String, String> form = form(req);
        Optional<ReviewerSessions.Session> session = auth.session(req);
        if (session.isEmpty()) {
            html(res, Status.UNAUTHORIZED_401, page.signIn("Your session has ended; sign in again, then repeat "
                    + "your decision.", signInHint, next(id)));
            return;
        }
        ReviewPage.Viewer viewer = viewer(session.get());
        if (!auth.genuine(req, session.get(), form.get("csrf"))) {
            html(res, Status.FORBIDDEN_403, page.error(viewer, "Request refused", "This form was not sent from "
                    + "the review page of your session (the CSRF check failed), so nothing was changed. Open the "
                    + "request again and repeat your decision."));
            return;
        }
        Optional<ApprovalRequest> found = approvals.find(id).filter(r -> approvals.rules().mayView(r, viewer.person()));
        if (found.isEmpty()) {
            html(res, Status.NOT_FOUND_404, page.error(viewer, "Not found", "There is no approval request " + id
                    + " that you may see."));
            return;
        }
        try {
            String done = action.run(viewer, form);
            res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, "/approvals/" + id + "?done=" + done).send();
        } catch (ApprovalException e) {
            ApprovalRequest now = approvals.find(id).orElse(found.get());
            html(res, ApprovalsApi.status(e), detailPage.render(viewer, now, approvals.history(id),
                    new ReviewDetailPage.Notice(e.getMessage(), true)));
        }
    }

    private void signIn(ServerRequest req, ServerResponse res) {
        Map<String, String> form = form(req);
        String next = Optional.ofNullable(form.get("next")).filter(n -> NEXT.matcher(n).matches()).orElse("/approvals");
        if (!auth.sameOrigin(req)) {
            html(res, Status.FORBIDDEN_403, page.signIn("Sign in from this gateway's own page.", signInHint, next));
            return;
        }
        String token = form.getOrDefault("token", "").strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        try {
            auth.signIn(auth.verify(token), req, res);
            res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, next).send();
        } catch (AuthenticationException e) {
            html(res, Status.UNAUTHORIZED_401, page.signIn("That token was not accepted: " + e.getMessage(),
                    signInHint, next));
        }
    }

    private void signOut(ServerRequest req, ServerResponse res) {
        Map<String, String> form = form(req);
        Optional<ReviewerSessions.Session> session = auth.session(req);
        if (session.isPresent() && !auth.genuine(req, session.get(), form.get("csrf"))) {
            html(res, Status.FORBIDDEN_403, page.error(viewer(session.get()), "Request refused",
                    "The sign-out was not sent from your review page (the CSRF check failed)."));
            return;
        }
        auth.signOut(req, res);
        res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, "/approvals").send();
    }

    private void asset(ServerRequest req, ServerResponse res) {
        Optional<ReviewPage.Asset> asset = ReviewPage.asset(req.path().pathParameters().get("name"));
        if (asset.isEmpty()) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        ReviewerAuth.protect(res);
        res.header(HeaderNames.CONTENT_TYPE, asset.get().contentType())
                .header(HeaderNames.CACHE_CONTROL, "no-cache")
                .send(asset.get().bytes());
    }

    private List<ApprovalRequest> visible(ReviewPage.Viewer viewer, ApprovalQuery query) {
        return approvals.list(query).stream().filter(r -> approvals.rules().mayView(r, viewer.person())).toList();
    }

    private static ApprovalQuery query(ServerRequest req) {
        String status = req.query().first("status").orElse("pending");
        ApprovalStatus s;
        try {
            s = status.equals("all") ? null : ApprovalStatus.parse(status);
        } catch (IllegalArgumentException e) {
            s = ApprovalStatus.PENDING;
        }
        return new ApprovalQuery(s, req.query().first("tool").orElse(null), req.query().first("requester").orElse(null),
                200);
    }

    /** Where to return after sign-in: the request's page when the id looks like one. */
    private static String next(String id) {
        return NEXT.matcher("/approvals/" + id).matches() ? "/approvals/" + id : "/approvals";
    }

    private static ReviewPage.Viewer viewer(ReviewerSessions.Session session) {
        return new ReviewPage.Viewer(session.person(), session.csrfToken());
    }

    private static ReviewDetailPage.Notice doneNotice(String done) {
        return switch (done) {
            case "approved" -> new ReviewDetailPage.Notice("You approved this request.", false);
            case "denied" -> new ReviewDetailPage.Notice("You denied this request; the requester sees your reason.",
                    false);
            case "cancelled" -> new ReviewDetailPage.Notice("The request was cancelled.", false);
            default -> null;
        };
    }

    private static void html(ServerResponse res, Status status, String body) {
        ReviewerAuth.protect(res);
        res.status(status).header(HeaderNames.CONTENT_TYPE, HTML).send(body);
    }

    /** Reads an {@code application/x-www-form-urlencoded} body (at most 64 KiB). */
    private static Map<String, String> form(ServerRequest req) {
        Map<String, String> out = new HashMap<>();
        if (!req.content().hasEntity()) {
            return out;
        }
        byte[] body = req.content().as(byte[].class);
        if (body.length > MAX_FORM) {
            return out;
        }
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a malformed escape: leave the field out, the action then refuses
                }
            }
        }
        return out;
    }

    /** A form action on one request; returns what was done, for the confirmation. */
    @FunctionalInterface
    private interface Action {
        String run(ReviewPage.Viewer viewer, Map<String, String> form);
    }
}
