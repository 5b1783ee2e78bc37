package io.mcpgateway.approvals;

import java.util.Locale;

/**
 * Where an approval request is in its life: {@code pending} until it is decided, then exactly
 * one of the final states. An approved request additionally records when its single use
 * happened (see {@link ApprovalRequest#consumedAt()}); an approval nobody used within its
 * lifetime becomes {@code expired}.
 */
public enum ApprovalStatus {
    /** Waiting for reviewers. */
    PENDING,
    /** Every stage approved; usable once until its approval lifetime ends. */
    APPROVED,
    /** A reviewer denied it, with a reason. */
    DENIED,
    /** Nobody decided in time, or the approval was not used in time. */
    EXPIRED,
    /** The requester (or an administrator) withdrew it. */
    CANCELLED;

    /**
     * The lower-case name used in the store, the API and the page.
     *
     * @return e.g. {@code pending}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a label.
     *
     * @param label e.g. {@code approved}
     * @return the status
     * @throws IllegalArgumentException naming the accepted labels
     */
    public static ApprovalStatus parse(String label) {
        for (ApprovalStatus s : values()) {
            if (s.label().equalsIgnoreCase(label.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown approval status '" + label
                + "': use pending, approved, denied, expired or cancelled");
    }
}
