package io.mcpgateway.approvals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a {@link WebhookNotifier} says about an event, in its two formats. Messages name the tool,
 * connection, requester, rule and stage, never the arguments or the statement: they may hold
 * personal data, and chat channels are wide.
 */
final class WebhookMessages {

    private WebhookMessages() {
    }

    /** The notification an event causes, or null for events nobody needs to hear about. */
    static String eventName(ApprovalRequest r, ApprovalEvent e) {
        return switch (e.kind()) {
            case REQUESTED -> "approval.requested";
            case STAGE_PASSED -> r.status() == ApprovalStatus.APPROVED ? "approval.approved" : "approval.stage_passed";
            case DENIED -> "approval.denied";
            case EXPIRED -> "approval.expired";
            case CANCELLED -> "approval.cancelled";
            case APPROVED, USED -> null;
        };
    }

    /** The JSON object of the {@code webhook} format. */
    static Map<String, Object> payload(ApprovalRequest r, ApprovalEvent e, String name, String reviewUrl) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("event", name);
        p.put("id", r.id());
        p.put("status", r.status().label());
        p.put("tool", r.call().tool());
        p.put("connection", r.call().connection());
        p.put("risk", r.call().risk().configName());
        p.put("requester", r.requesterName());
        p.put("rule", r.ruleId());
        p.put("reason", r.reason());
        r.currentStage().ifPresent(s -> p.put("awaiting", Map.of("stage", r.stage() + 1, "of", r.stages().size(),
                "name", s.name(), "groups", new TreeSet<>(s.groups()), "approvals", s.approvals())));
        p.put("actor", e.actor());
        p.put("comment", e.comment());
        p.put("reviewUrl", reviewUrl);
        p.put("createdAt", r.createdAt().toString());
        p.put("expiresAt", r.expiresAt().toString());
        p.put("at", e.at().toString());
        return p;
    }

    /** The message of the {@code slack} format: text plus one mrkdwn section. */
    static Map<String, Object> slack(ApprovalRequest r, ApprovalEvent e, String name, String reviewUrl) {
        String head = switch (name) {
            case "approval.requested" -> ":hourglass_flowing_sand: *Approval needed*";
            case "approval.stage_passed" -> ":arrow_forward: *Next review stage*";
            case "approval.approved" -> ":white_check_mark: *Approved*";
            case "approval.denied" -> ":no_entry: *Denied* by " + escape(e.actor());
            case "approval.expired" -> ":alarm_clock: *Expired*";
            default -> ":heavy_multiplication_x: *Cancelled* by " + escape(e.actor());
        };
        StringBuilder text = new StringBuilder(head).append(": `").append(escape(r.call().tool())).append("` on `")
                .append(escape(r.call().connection())).append("` (risk ").append(r.call().risk().configName())
                .append("), requested by ").append(escape(r.requesterName()));
        r.currentStage().ifPresent(s -> text.append("\nAwaiting stage ").append(r.stage() + 1).append(" of ")
                .append(r.stages().size()).append(" (").append(escape(s.name())).append("): ").append(s.approvals())
                .append(" approval(s) from ").append(escape(String.join(", ", new TreeSet<>(s.groups())))));
        text.append("\nRule `").append(escape(r.ruleId())).append("`: ").append(escape(r.reason()));
        if (!e.comment().isEmpty() && e.kind() != ApprovalEvent.Kind.STAGE_PASSED) {
            text.append("\n> ").append(escape(e.comment()).replace("\n", "\n> "));
        }
        text.append("\n<").append(reviewUrl).append("|Review ").append(r.id()).append('>');
        return Map.of("text", text.toString(),
                "blocks", List.of(Map.of("type", "section",
                        "text", Map.of("type", "mrkdwn", "text", text.toString()))));
    }

    /** Slack's three control characters in message text. */
    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
