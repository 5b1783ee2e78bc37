package io.mcpgateway.approvals;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

import io.mcpgateway.tools.Decision;

import static io.mcpgateway.approvals.ReviewPage.escape;
import static io.mcpgateway.approvals.ReviewPage.time;

/**
 * The detail view of one request: the exact statement and its parameters, who asked and which
 * rule asked for review, the stages and their votes, the history, and the decision form when
 * the viewer may decide (otherwise the reason they may not).
 */
public final class ReviewDetailPage {

    private final ReviewerRules rules;

    /**
     * Creates the renderer.
     *
     * @param rules who may decide and withdraw
     */
    public ReviewDetailPage(ReviewerRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * Renders the view.
     *
     * @param viewer  who looks
     * @param r       the request
     * @param history its history, oldest first
     * @param notice  a message after an action ({@code success} or {@code error}), or null
     * @return HTML
     */
    public String render(ReviewPage.Viewer viewer, ApprovalRequest r, List<ApprovalEvent> history, Notice notice) {
        StringBuilder main = new StringBuilder();
        main.append("<p><a href=\"/approvals\">&larr; All requests</a></p>")
                .append("<h1><code>").append(escape(r.call().tool())).append("</code> ")
                .append(ReviewPage.status(r)).append(" <small class=\"hint\">").append(escape(r.id()))
                .append("</small></h1>");
        if (notice != null) {
            main.append("<p class=\"panel notice ").append(notice.error() ? "error" : "success").append("\" role=\"")
                    .append(notice.error() ? "alert" : "status").append("\">").append(escape(notice.text()))
                    .append("</p>");
        }
        main.append("<p id=\"changed\" class=\"panel notice\" role=\"status\" hidden>This request changed since the ")
                .append("page loaded. <a href=\"/approvals/").append(escape(r.id())).append("\">Reload</a></p>")
                .append("<div class=\"grid\"><div>");
        statement(main, r);
        parameters(main, r);
        history(main, r, history);
        main.append("</div><div>");
        decision(main, viewer, r, history);
        facts(main, r);
        stages(main, r, history);
        main.append("</div></div><p class=\"keys\">Keys: <kbd>c</kbd> comment · <kbd>Tab</kbd> to the buttons · ")
                .append("<kbd>g</kbd> back to the list</p>");
        return ReviewPage.layout(r.call().tool() + " " + r.id() + " · Approvals", "detail", r.id(), viewer,
                main.toString());
    }

    private static void statement(StringBuilder out, ApprovalRequest r) {
        String what = switch (r.call().kind()) {
            case "http" -> "HTTP request";
            case "logs" -> "Log read";
            default -> "SQL statement";
        };
        out.append("<section class=\"panel\" aria-labelledby=\"statement-title\"><h2 id=\"statement-title\">Exact ")
                .append(what).append("</h2><pre class=\"statement\"><code>").append(escape(r.call().statement()))
                .append("</code></pre><p class=\"hint\">This is what runs on connection <strong>")
                .append(escape(r.call().connection())).append("</strong> with the gateway's credentials. Parameter ")
                .append("values are bound separately, never spliced into the statement.</p></section>");
    }

    private static void parameters(StringBuilder out, ApprovalRequest r) {
        out.append("<section class=\"panel\" aria-labelledby=\"params-title\"><h2 id=\"params-title\">Parameters</h2>");
        if (r.call().parameters().isEmpty()) {
            out.append("<p class=\"hint\">This tool takes no parameters.</p></section>");
            return;
        }
        out.append("<table class=\"params\"><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Value</th>")
                .append("<th scope=\"col\">Type</th></tr></thead><tbody>");
        r.call().parameters().forEach((name, value) -> out.append("<tr><td>").append(escape(name))
                .append("</td><td class=\"value\">").append(escape(literal(value))).append("</td><td class=\"type\">")
                .append(type(value)).append("</td></tr>"));
        out.append("</tbody></table></section>");
    }

    private void decision(StringBuilder out, ReviewPage.Viewer viewer, ApprovalRequest r, List<ApprovalEvent> history) {
        out.append("<section class=\"panel decide\" aria-labelledby=\"decide-title\">");
        if (r.status() != ApprovalStatus.PENDING) {
            out.append("<h2 id=\"decide-title\">Outcome</h2><p>").append(outcome(r, history)).append("</p></section>");
            return;
        }
        Decision.Stage stage = r.currentStage().orElseThrow();
        out.append("<h2 id=\"decide-title\">Your decision</h2><p>Stage ").append(r.stage() + 1).append(" of ")
                .append(r.stages().size()).append(", <strong>").append(escape(stage.name())).append("</strong>: needs ")
                .append(stage.approvals()).append(" approval").append(stage.approvals() == 1 ? "" : "s")
                .append(" from ").append(escape(String.join(", ", new TreeSet<>(stage.groups())))).append(".</p>");
        Optional<ApprovalException> approveRefusal = rules.refusal(r, history, viewer.person(), true);
        Optional<ApprovalException> denyRefusal = rules.refusal(r, history, viewer.person(), false);
        if (denyRefusal.isPresent()) {
            out.append("<p class=\"why-not\">").append(escape(denyRefusal.get().getMessage())).append("</p>");
        } else {
            out.append("<form id=\"decide\" method=\"post\" action=\"/approvals/").append(escape(r.id()))
                    .append("/decision\">").append(ReviewPage.csrfField(viewer))
                    .append("<label for=\"comment\">Comment <span class=\"hint\">(required to deny)</span></label>")
                    .append("<textarea id=\"comment\" name=\"comment\" maxlength=\"2000\" ")
                    .append("aria-describedby=\"comment-hint\"></textarea>")
                    .append("<p id=\"comment-hint\" class=\"hint\" aria-live=\"polite\">The requester, the agent and ")
                    .append("the audit trail see your comment.</p><div class=\"actions\">");
            if (approveRefusal.isEmpty()) {
                out.append("<button type=\"submit\" name=\"decision\" value=\"approve\" class=\"approve\">Approve")
                        .append("</button>");
            }
            out.append("<button type=\"submit\" name=\"decision\" value=\"deny\" class=\"deny\">Deny</button></div>")
                    .append("</form>");
            approveRefusal.ifPresent(e -> out.append("<p class=\"why-not\">").append(escape(e.getMessage()))
                    .append("</p>"));
        }
        if (rules.mayCancel(r, viewer.person())) {
            out.append("<form method=\"post\" action=\"/approvals/").append(escape(r.id())).append("/cancel\">")
                    .append(ReviewPage.csrfField(viewer))
                    .append("<p><button type=\"submit\" class=\"quiet\">Cancel this request</button></p></form>");
        }
        out.append("</section>");
    }

    private static String outcome(ApprovalRequest r, List<ApprovalEvent> history) {
        return switch (r.status()) {
            case APPROVED -> "Approved " + time(r.decidedAt()) + (r.consumedAt() != null
                    ? "; the call ran " + time(r.consumedAt()) + " (an approval runs one call only)."
                    : "; usable once until " + time(r.approvalExpiresAt()) + " by the same call.");
            case DENIED -> "Denied by " + escape(last(history, ApprovalEvent.Kind.DENIED).map(ApprovalEvent::actor)
                    .orElse("a reviewer")) + " " + time(r.decidedAt()) + ": " + escape(r.resolution());
            case EXPIRED -> "Expired " + time(r.decidedAt()) + ". " + escape(r.resolution());
            case CANCELLED -> "Cancelled by " + escape(last(history, ApprovalEvent.Kind.CANCELLED)
                    .map(ApprovalEvent::actor).orElse("the requester")) + " " + time(r.decidedAt())
                    + (r.resolution().isEmpty() ? "." : ": " + escape(r.resolution()));
            case PENDING -> "Pending.";
        };
    }

    private static void facts(StringBuilder out, ApprovalRequest r) {
        out.append("<section class=\"panel\" aria-labelledby=\"facts-title\"><h2 id=\"facts-title\">Request</h2>")
                .append("<dl class=\"facts\">");
        fact(out, "Requester", escape(r.requesterName()));
        fact(out, "Their groups", escape(String.join(", ", new TreeSet<>(r.requester().groups()))));
        fact(out, "Requested", time(r.createdAt()));
        if (r.status() == ApprovalStatus.PENDING) {
            fact(out, "Expires", time(r.expiresAt()));
        }
        fact(out, "Tool", "<code class=\"inline\">" + escape(r.call().tool()) + "</code>");
        fact(out, "Connection", escape(r.call().connection()) + " " + ReviewPage.risk(r));
        fact(out, "Rule", "<code class=\"inline\">" + escape(r.ruleId()) + "</code> (" + escape(r.reasonCode()) + ")");
        fact(out, "Why review", escape(r.reason()));
        fact(out, "Approval valid for", escape(Durations.human(r.approvalTtl())) + " after the last approval");
        fact(out, "Policy version", "<code class=\"inline\">" + escape(abbreviate(r.policyVersion())) + "</code>");
        fact(out, "Correlation id", "<code class=\"inline\">" + escape(r.correlationId()) + "</code>");
        out.append("</dl></section>");
    }

    private static void stages(StringBuilder out, ApprovalRequest r, List<ApprovalEvent> history) {
        out.append("<section class=\"panel\" aria-labelledby=\"stages-title\"><h2 id=\"stages-title\">Review stages")
                .append("</h2><ol class=\"stages\">");
        for (int i = 0; i < r.stages().size(); i++) {
            Decision.Stage s = r.stages().get(i);
            int index = i;
            List<String> approvers = history.stream()
                    .filter(e -> e.kind() == ApprovalEvent.Kind.APPROVED && e.stage() == index)
                    .map(ApprovalEvent::actor).toList();
            String state = i < r.stage() ? "<span class=\"badge approved\">passed</span>"
                    : i == r.stage() && r.status() == ApprovalStatus.PENDING
                    ? "<span class=\"badge pending\">in review</span>"
                    : "<span class=\"badge expired\">" + (r.status() == ApprovalStatus.PENDING ? "waiting" : "not reached")
                    + "</span>";
            out.append("<li><span class=\"state\">").append(state).append("</span><strong>").append(i + 1).append(". ")
                    .append(escape(s.name())).append("</strong><span class=\"hint\"> — ").append(approvers.size())
                    .append(" of ").append(s.approvals()).append(" from ")
                    .append(escape(String.join(", ", new TreeSet<>(s.groups())))).append("</span>");
            if (!approvers.isEmpty()) {
                out.append("<br><span class=\"hint\">Approved by ").append(escape(String.join(", ", approvers)))
                        .append("</span>");
            }
            out.append("</li>");
        }
        out.append("</ol></section>");
    }

    private static void history(StringBuilder out, ApprovalRequest r, List<ApprovalEvent> history) {
        out.append("<section class=\"panel\" aria-labelledby=\"history-title\"><h2 id=\"history-title\">History</h2>")
                .append("<ol class=\"history\">");
        for (ApprovalEvent e : history) {
            String stage = r.stages().get(Math.min(e.stage(), r.stages().size() - 1)).name();
            String what = switch (e.kind()) {
                case REQUESTED -> escape(e.actor()) + " asked to run the call";
                case APPROVED -> escape(e.actor()) + " approved (stage " + escape(stage) + ")";
                case STAGE_PASSED -> "Stage " + escape(stage) + " passed";
                case DENIED -> escape(e.actor()) + " denied (stage " + escape(stage) + ")";
                case EXPIRED -> "Expired";
                case CANCELLED -> escape(e.actor()) + " cancelled the request";
                case USED -> "The approved call ran";
            };
            out.append("<li class=\"").append(e.kind().label()).append("\"><span class=\"when\">").append(time(e.at()))
                    .append("</span>").append(what);
            if (!e.comment().isEmpty()) {
                out.append(e.kind() == ApprovalEvent.Kind.APPROVED || e.kind() == ApprovalEvent.Kind.DENIED
                        || e.kind() == ApprovalEvent.Kind.CANCELLED
                        ? "<blockquote>" + escape(e.comment()) + "</blockquote>"
                        : " <span class=\"hint\">(" + escape(e.comment()) + ")</span>");
            }
            out.append("</li>");
        }
        out.append("</ol></section>");
    }

    private static void fact(StringBuilder out, String name, String html) {
        out.append("<dt>").append(name).append("</dt><dd>").append(html).append("</dd>");
    }

    /** A value as written in JSON, so reviewers see quotes, spaces and escapes exactly. */
    static String literal(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                    .replace("\r", "\\r").replace("\t", "\\t") + '"';
            case List<?> list -> "[" + String.join(", ", list.stream().map(ReviewDetailPage::literal).toList()) + "]";
            case Map<?, ?> map -> "{" + String.join(", ", map.entrySet().stream()
                    .map(e -> literal(String.valueOf(e.getKey())) + ": " + literal(e.getValue())).toList()) + "}";
            default -> String.valueOf(value);
        };
    }

    private static String type(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "string";
            case Number n -> "number";
            case Boolean b -> "boolean";
            case List<?> l -> "list";
            case Map<?, ?> m -> "object";
            default -> value.getClass().getSimpleName();
        };
    }

    private static String abbreviate(String version) {
        return version.length() > 12 ? version.substring(0, 12) : version;
    }

    private static Optional<ApprovalEvent> last(List<ApprovalEvent> history, ApprovalEvent.Kind kind) {
        return history.stream().filter(e -> e.kind() == kind).reduce((a, b) -> b);
    }

    /**
     * A message shown above the request after an action.
     *
     * @param text  the message
     * @param error whether it reports a refusal
     */
    public record Notice(String text, boolean error) {
    }
}
