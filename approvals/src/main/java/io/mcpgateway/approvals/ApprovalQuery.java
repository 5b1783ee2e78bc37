package io.mcpgateway.approvals;

/**
 * A filter for the list of requests, newest first.
 *
 * @param status    only this status, or null for all
 * @param tool      only this tool, or null
 * @param requester only requests by this subject or e-mail, or null
 * @param limit     at most this many (1..500)
 */
public record ApprovalQuery(ApprovalStatus status, String tool, String requester, int limit) {

    /** Pending requests, newest first, as the review page opens. */
    public static final ApprovalQuery PENDING = new ApprovalQuery(ApprovalStatus.PENDING, null, null, 100);

    /**
     * Validates fields.
     *
     * @param status    status or null
     * @param tool      tool or null
     * @param requester requester or null
     * @param limit     limit
     */
    public ApprovalQuery {
        tool = tool == null || tool.isBlank() ? null : tool.strip();
        requester = requester == null || requester.isBlank() ? null : requester.strip();
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be 1..500, got " + limit);
        }
    }
}
