/**
 * Approvals: calls policy sent to human review.
 * <ul>
 *     <li>{@link io.mcpgateway.approvals.ApprovalService}: requests and their state machine in the
 *     shared JDBC store (stages, N of M, expiry, single use), with
 *     {@link io.mcpgateway.approvals.ReviewerRules} deciding who may see and decide what;</li>
 *     <li>{@link io.mcpgateway.approvals.ApprovalGate}: the pipeline step that holds a call while
 *     reviewers decide, and runs it once when the same call comes back approved;</li>
 *     <li>{@link io.mcpgateway.approvals.WebhookNotifier}: Slack-compatible and signed JSON
 *     notifications;</li>
 *     <li>{@link io.mcpgateway.approvals.ReviewPage} and
 *     {@link io.mcpgateway.approvals.ReviewDetailPage}: the review page's HTML, and
 *     {@link io.mcpgateway.approvals.ReviewerSessions} its sign-in sessions. The HTTP routes live
 *     in {@code mcp-server}, the only module that imports the web server.</li>
 * </ul>
 */
package io.mcpgateway.approvals;
