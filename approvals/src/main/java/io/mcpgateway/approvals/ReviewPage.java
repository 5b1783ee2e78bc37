package io.mcpgateway.approvals;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.Identity;

/**
 * The review page's HTML, rendered on the server: the sign-in form, the list of requests with
 * its filters, and the shared layout (the detail view is {@link ReviewDetailPage}). Plain HTML
 * with one stylesheet and one small script, both served from this module's resources, so the
 * page needs no build step and works without JavaScript; the script adds live updates and
 * keyboard shortcuts. Every value is HTML-escaped; there is no inline script or style, so the
 * server can send a strict Content-Security-Policy.
 */
public final class ReviewPage {

    /** Stylesheet and script names under {@code /approvals/assets/}. */
    private static final Map<String, String> ASSETS = Map.of(
            "approvals.css", "text/css; charset=utf-8",
            "approvals.js", "text/javascript; charset=utf-8");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ReviewerRules rules;

    /**
     * Creates the page renderer.
     *
     * @param rules who may see and decide what
     */
    public ReviewPage(ReviewerRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * The sign-in page.
     *
     * @param error an error to show (e.g. the token was rejected), or empty
     * @param hint  how to get a token on this gateway (e.g. the demo's command), or empty
     * @param next  the page to show after sign-in (a path under {@code /approvals})
     * @return HTML
     */
    public String signIn(String error, String hint, String next) {
        StringBuilder main = new StringBuilder();
        main.append("<section class=\"panel signin\" aria-labelledby=\"signin-title\">")
                .append("<h1 id=\"signin-title\">Sign in to review approvals</h1>");
        if (!error.isEmpty()) {
            main.append("<p class=\"panel notice error\" role=\"alert\">").append(escape(error)).append("</p>");
        }
        main.append("<form method=\"post\" action=\"/approvals/sign-in\">")
                .append("<input type=\"hidden\" name=\"next\" value=\"").append(escape(next)).append("\">")
                .append("<label for=\"token\">Access token</label>")
                .append("<textarea id=\"token\" name=\"token\" class=\"token\" required autocomplete=\"off\" ")
                .append("spellcheck=\"false\" autofocus aria-describedby=\"token-hint\"></textarea>")
                .append("<p id=\"token-hint\" class=\"hint\">Paste a token from your identity provider. The gateway "
                        + "checks it once and keeps you signed in with a session cookie; the token is not stored.");
        if (!hint.isEmpty()) {
            main.append(' ').append(escape(hint));
        }
        main.append("</p><p><button type=\"submit\">Sign in</button></p></form></section>");
        return layout("Sign in · Approvals", "signin", "", null, main.toString());
    }

    /**
     * The list of requests.
     *
     * @param viewer   who looks
     * @param query    the filter in force
     * @param requests the requests the viewer may see, newest first
     * @return HTML
     */
    public String list(Viewer viewer, ApprovalQuery query, List<ApprovalRequest> requests) {
        StringBuilder main = new StringBuilder();
        main.append("<h1>Approval requests</h1>")
                .append("<form class=\"filters panel\" method=\"get\" action=\"/approvals\" role=\"search\" ")
                .append("aria-label=\"Filter requests\">")
                .append("<div><label for=\"status\">Status</label><select id=\"status\" name=\"status\">");
        option(main, "pending", "Pending", query.status() == ApprovalStatus.PENDING);
        option(main, "approved", "Approved", query.status() == ApprovalStatus.APPROVED);
        option(main, "denied", "Denied", query.status() == ApprovalStatus.DENIED);
        option(main, "expired", "Expired", query.status() == ApprovalStatus.EXPIRED);
        option(main, "cancelled", "Cancelled", query.status() == ApprovalStatus.CANCELLED);
        option(main, "all", "All", query.status() == null);
        main.append("</select></div>")
                .append("<div><label for=\"tool\">Tool</label><input type=\"search\" id=\"tool\" name=\"tool\" value=\"")
                .append(escape(Optional.ofNullable(query.tool()).orElse(""))).append("\"></div>")
                .append("<div><label for=\"requester\">Requester</label><input type=\"search\" id=\"requester\" ")
                .append("name=\"requester\" value=\"").append(escape(Optional.ofNullable(query.requester()).orElse("")))
                .append("\"></div><button type=\"submit\">Filter</button>")
                .append("<span id=\"live\" class=\"live\" role=\"status\">Not live</span></form>")
                .append("<div class=\"table-wrap\"><table><caption class=\"visually-hidden\">Approval requests, newest ")
                .append("first</caption><thead><tr><th scope=\"col\">Requested</th><th scope=\"col\">Request</th>")
                .append("<th scope=\"col\">Tool</th><th scope=\"col\">Requester</th><th scope=\"col\">Rule</th>")
                .append("<th scope=\"col\">Stage</th><th scope=\"col\">Status</th></tr></thead><tbody id=\"rows\">")
                .append(rows(viewer, requests))
                .append("</tbody></table><p id=\"empty\" class=\"empty\"").append(requests.isEmpty() ? "" : " hidden")
                .append(">No requests match. New requests appear here as soon as an agent makes one.</p></div>")
                .append("<p class=\"keys\">Keys: <kbd>/</kbd> filter · <kbd>j</kbd> / <kbd>k</kbd> next / previous ")
                .append("request · <kbd>Enter</kbd> open</p>");
        return layout("Approvals", "list", "", viewer, main.toString());
    }

    /**
     * The rows of the list (the live update replaces the table body with them).
     *
     * @param viewer   who looks
     * @param requests requests
     * @return HTML table rows
     */
    public String rows(Viewer viewer, List<ApprovalRequest> requests) {
        StringBuilder out = new StringBuilder();
        for (ApprovalRequest r : requests) {
            boolean yourTurn = r.status() == ApprovalStatus.PENDING
                    && rules.refusal(r, List.of(), viewer.person(), false).isEmpty();
            out.append("<tr data-id=\"").append(escape(r.id())).append("\" data-summary=\"")
                    .append(escape(r.call().tool() + " by " + r.requesterName())).append("\">")
                    .append("<td>").append(time(r.createdAt())).append("</td>")
                    .append("<td class=\"id\"><a href=\"/approvals/").append(escape(r.id())).append("\">")
                    .append(escape(r.id())).append("</a>");
            if (yourTurn) {
                out.append("<span class=\"sub turn\">Your review</span>");
            }
            out.append("</td><td>").append(escape(r.call().tool())).append("<span class=\"sub\">")
                    .append(escape(r.call().connection())).append(' ').append(risk(r)).append("</span></td>")
                    .append("<td>").append(escape(r.requesterName())).append("</td>")
                    .append("<td><code class=\"inline\">").append(escape(r.ruleId())).append("</code></td>")
                    .append("<td>").append(stageSummary(r)).append("</td>")
                    .append("<td>").append(status(r)).append("</td></tr>");
        }
        return out.toString();
    }

    /**
     * An error page (not found, forbidden, ...).
     *
     * @param viewer  who looks, or null when not signed in
     * @param title   heading
     * @param message explanation
     * @return HTML
     */
    public String error(Viewer viewer, String title, String message) {
        return layout(title + " · Approvals", "error", "", viewer, "<h1>" + escape(title) + "</h1><p class=\"panel "
                + "notice error\">" + escape(message) + "</p><p><a href=\"/approvals\">Back to the requests</a></p>");
    }

    /**
     * A static asset of the page.
     *
     * @param name file name, e.g. {@code approvals.css}
     * @return its content type and bytes, empty for unknown names
     */
    public static Optional<Asset> asset(String name) {
        String type = ASSETS.get(name);
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = ReviewPage.class.getResourceAsStream("web/" + name)) {
            return in == null ? Optional.empty() : Optional.of(new Asset(type, in.readAllBytes()));
        } catch (IOException e) {
            throw new IllegalStateException("Review page asset " + name + " cannot be read", e);
        }
    }

    /** The shared page frame. */
    static String layout(String title, String page, String id, Viewer viewer, String main) {
        StringBuilder out = new StringBuilder(main.length() + 1500);
        out.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(escape(title)).append("</title>")
                .append("<link rel=\"stylesheet\" href=\"/approvals/assets/approvals.css\"></head>")
                .append("<body data-page=\"").append(page).append("\" data-id=\"").append(escape(id)).append("\">")
                .append("<a class=\"skip\" href=\"#main\">Skip to content</a>")
                .append("<header class=\"top\"><a class=\"brand\" href=\"/approvals\">MCP Gateway<small>Approvals</small>")
                .append("</a>");
        if (viewer != null) {
            Identity p = viewer.person();
            out.append("<div class=\"who\"><span>Signed in as <strong>").append(escape(name(p))).append("</strong>")
                    .append(p.groups().isEmpty() ? "" : " (" + escape(String.join(", ", new TreeSet<>(p.groups()))) + ")")
                    .append("</span><form method=\"post\" action=\"/approvals/sign-out\">")
                    .append(csrfField(viewer)).append("<button type=\"submit\" class=\"quiet\">Sign out</button>")
                    .append("</form></div>");
        }
        out.append("</header><main id=\"main\">").append(main).append("</main>")
                .append("<div id=\"announce\" class=\"visually-hidden\" aria-live=\"polite\"></div>")
                .append("<script src=\"/approvals/assets/approvals.js\" defer></script></body></html>");
        return out.toString();
    }

    static String csrfField(Viewer viewer) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(viewer.csrfToken()) + "\">";
    }

    static String name(Identity p) {
        return p.email().isEmpty() ? p.subject() : p.email();
    }

    static String time(Instant t) {
        return t == null ? "—" : "<time datetime=\"" + t + "\">" + TIME.format(t) + "</time>";
    }

    static String status(ApprovalRequest r) {
        String badge = "<span class=\"badge " + r.status().label() + "\">" + r.status().label() + "</span>";
        return r.consumedAt() != null ? badge + " <span class=\"badge used\">used</span>" : badge;
    }

    static String risk(ApprovalRequest r) {
        String risk = r.call().risk().configName();
        return "<span class=\"badge risk-" + risk + "\">" + risk + "</span>";
    }

    static String stageSummary(ApprovalRequest r) {
        Decision.Stage s = r.stages().get(Math.min(r.stage(), r.stages().size() - 1));
        if (r.status() != ApprovalStatus.PENDING) {
            return r.stages().size() + " stage" + (r.stages().size() == 1 ? "" : "s");
        }
        return (r.stage() + 1) + " of " + r.stages().size() + " · " + escape(s.name()) + "<span class=\"sub\">"
                + s.approvals() + " approval" + (s.approvals() == 1 ? "" : "s") + " from "
                + escape(String.join(", ", new TreeSet<>(s.groups()))) + "</span>";
    }

    private static void option(StringBuilder out, String value, String label, boolean selected) {
        out.append("<option value=\"").append(value).append('"').append(selected ? " selected" : "").append('>')
                .append(label).append("</option>");
    }

    /**
     * Escapes text for HTML element content and quoted attribute values.
     *
     * @param text text, may be null
     * @return escaped text
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Who is looking at the page.
     *
     * @param person    the signed-in person
     * @param csrfToken their session's CSRF token (put into every form)
     */
    public record Viewer(Identity person, String csrfToken) {
        /**
         * Validates fields.
         *
         * @param person    person
         * @param csrfToken CSRF token
         */
        public Viewer {
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(csrfToken, "csrfToken");
        }
    }

    /**
     * A static file of the page.
     *
     * @param contentType its content type
     * @param bytes       its content
     */
    public record Asset(String contentType, byte[] bytes) {
    }
}
