package io.mcpgateway.approvals;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.mcpgateway.approvals.ApprovalFixture.ALICE;
import static io.mcpgateway.approvals.ApprovalFixture.BOB;
import static io.mcpgateway.approvals.ApprovalFixture.CAROL;
import static io.mcpgateway.approvals.ApprovalFixture.ONE_DBA;
import static io.mcpgateway.approvals.ApprovalFixture.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The rendered HTML: escaping, the actions each person is offered, the facts reviewers see.
 */
class ReviewPageTest {

    private ApprovalService service;
    private ReviewDetailPage detail;
    private ReviewPage page;

    @BeforeEach
    void setUp() {
        service = ApprovalFixture.h2("page-" + UUID.randomUUID()).service().build();
        detail = new ReviewDetailPage(service.rules());
        page = new ReviewPage(service.rules());
    }

    private static List<String> all(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.groupCount() > 0 ? m.group(1) : m.group());
        }
        return out;
    }

    @Test
    void statementAndParametersAreEscaped() {
        var bound = call(ALICE, 42, "<script>alert('x')</script>");
        ApprovalRequest r = service.open(bound, ONE_DBA, ApprovalBinding.of(bound, "p1"), UnaryOperator.identity());
        String html = detail.render(new ReviewPage.Viewer(BOB, "tok"), r, service.history(r.id()), null);
        assertFalse(html.contains("<script>alert"), "no markup from arguments");
        assertEquals(List.of("/approvals/assets/approvals.js"), all(html, "<script src=\"([^\"]+)\""));
        assertEquals(List.of("&quot;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;"),
                all(html, "<td class=\"value\">([^<]*&lt;script[^<]*)</td>"));
    }

    @Test
    void reviewerOfTheStageGetsTheDecisionFormWithTheSessionsCsrfToken() {
        var bound = call(ALICE, 42, "shipped");
        ApprovalRequest r = service.open(bound, ONE_DBA, ApprovalBinding.of(bound, "p1"), UnaryOperator.identity());
        String html = detail.render(new ReviewPage.Viewer(BOB, "csrf-123"), r, service.history(r.id()), null);
        assertEquals(List.of("approve", "deny"), all(html, "name=\"decision\" value=\"(\\w+)\""));
        assertEquals(List.of("csrf-123", "csrf-123"), all(html, "name=\"csrf\" value=\"([^\"]+)\""),
                "decision form and sign-out form");
        assertEquals(List.of("UPDATE orders SET status = ? WHERE id = ?\n-- binds: [shipped, 42]"),
                all(html, "<pre class=\"statement\"><code>([^<]*)</code>"));
    }

    @Test
    void requesterSeesWhyTheyCannotDecideAndMayCancel() {
        var bound = call(ALICE, 42, "shipped");
        ApprovalRequest r = service.open(bound, ONE_DBA, ApprovalBinding.of(bound, "p1"), UnaryOperator.identity());
        String html = detail.render(new ReviewPage.Viewer(ALICE, "t"), r, service.history(r.id()), null);
        assertEquals(List.of(), all(html, "name=\"decision\" value=\"(\\w+)\""));
        assertEquals(List.of("You requested this call, so you cannot decide it: another member of dba must review it "
                + "(you may cancel it instead)."), all(html, "<p class=\"why-not\">([^<]*)</p>"));
        assertEquals(List.of("/approvals/" + r.id() + "/cancel"), all(html, "action=\"([^\"]*/cancel)\""));
    }

    @Test
    void reviewerWhoAlreadyApprovedMayStillDenyButNotApproveAgain() {
        var twoDbas = new io.mcpgateway.tools.Decision.RequireApproval("risk.admin", "destructive_needs_two", "Two.",
                List.of(new io.mcpgateway.tools.Decision.Stage("review", java.util.Set.of("dba"), 2)),
                java.time.Duration.ofHours(1));
        var bound = call(ALICE, 42, "cancelled");
        ApprovalRequest r = service.open(bound, twoDbas, ApprovalBinding.of(bound, "p1"), UnaryOperator.identity());
        r = service.approve(r.id(), BOB, "");
        String html = detail.render(new ReviewPage.Viewer(BOB, "t"), r, service.history(r.id()), null);
        assertEquals(List.of("deny"), all(html, "name=\"decision\" value=\"(\\w+)\""));
        String carol = detail.render(new ReviewPage.Viewer(CAROL, "t"), r, service.history(r.id()), null);
        assertEquals(List.of("approve", "deny"), all(carol, "name=\"decision\" value=\"(\\w+)\""));
    }

    @Test
    void listMarksRequestsAwaitingTheViewersReview() {
        var bound = call(ALICE, 42, "shipped");
        ApprovalRequest r = service.open(bound, ONE_DBA, ApprovalBinding.of(bound, "p1"), UnaryOperator.identity());
        String forBob = page.rows(new ReviewPage.Viewer(BOB, "t"), List.of(r));
        assertEquals(List.of("Your review"), all(forBob, "<span class=\"sub turn\">([^<]*)</span>"));
        assertEquals(List.of(), all(page.rows(new ReviewPage.Viewer(ALICE, "t"), List.of(r)), "sub turn"));
    }

    @Test
    void decidedRequestShowsItsOutcomeAndHistoryWithoutAForm() {
        var bound = call(ALICE, 42, "shipped");
        ApprovalRequest r = service.open(bound, ONE_DBA, ApprovalBinding.of(bound, "p1"), UnaryOperator.identity());
        r = service.deny(r.id(), BOB, "Order 42 is <already> delivered");
        String html = detail.render(new ReviewPage.Viewer(CAROL, "t"), r, service.history(r.id()), null);
        assertEquals(List.of(), all(html, "name=\"decision\" value=\"(\\w+)\""));
        assertEquals(List.of("alice@example.com asked to run the call", "bob@example.com denied (stage review)"),
                all(html, "<li class=\"\\w+\"><span class=\"when\"><time[^>]*>[^<]*</time></span>([^<]*)"));
        assertEquals(List.of("Order 42 is &lt;already&gt; delivered"), all(html, "<blockquote>([^<]*)</blockquote>"));
    }

    @Test
    void literalShowsValuesExactly() {
        assertEquals("\"a \\\"b\\\"\\n\"", ReviewDetailPage.literal("a \"b\"\n"));
        assertEquals("[1, \"x\", null]", ReviewDetailPage.literal(java.util.Arrays.asList(1, "x", null)));
        assertEquals("{\"k\": true}", ReviewDetailPage.literal(Map.of("k", true)));
    }

    @Test
    void assetsAreServedFromTheModuleAndNothingElse() {
        assertEquals("text/css; charset=utf-8", ReviewPage.asset("approvals.css").orElseThrow().contentType());
        assertEquals(true, ReviewPage.asset("../ReviewPage.class").isEmpty());
    }
}
