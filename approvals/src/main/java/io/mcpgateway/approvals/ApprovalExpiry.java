package io.mcpgateway.approvals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Expires what ran out of time: a pending request nobody decided within the request lifetime,
 * and an approval nobody used within its own lifetime. Applied whenever a request is read for a
 * decision or a held call, and by the periodic sweep.
 */
final class ApprovalExpiry {

    private final ApprovalStore store;
    private final Clock clock;
    private final Duration requestTtl;
    private final ChangeFeed feed;

    ApprovalExpiry(ApprovalStore store, Clock clock, Duration requestTtl, ChangeFeed feed) {
        this.store = store;
        this.clock = clock;
        this.requestTtl = requestTtl;
        this.feed = feed;
    }

    /** Expires every request whose time ran out; returns how many. */
    int expireDue() {
        int n = 0;
        for (String id : store.due(clock.instant())) {
            if (expireIfDue(id)) {
                n++;
            }
        }
        return n;
    }

    /** The request as it stands now: re-read after expiring it when its time ran out. */
    ApprovalRequest fresh(ApprovalRequest r) {
        return due(r, clock.instant()) && expireIfDue(r.id()) ? store.find(r.id()).orElse(r) : r;
    }

    /** Expires one request if its time ran out (checked again under the row lock). */
    boolean expireIfDue(String id) {
        ChangeFeed.Change done;
        try {
            done = store.locked(id, tx -> {
                ApprovalRequest r = tx.request();
                Instant now = clock.instant();
                if (!due(r, now)) {
                    return null;
                }
                boolean pending = r.status() == ApprovalStatus.PENDING;
                String why = pending ? "Nobody decided within " + Durations.human(requestTtl) + "."
                        : "The approval was not used within " + Durations.human(r.approvalTtl()) + ".";
                ApprovalEvent e = new ApprovalEvent(0, id, now, ApprovalEvent.Kind.EXPIRED, r.stage(),
                        ApprovalEvent.GATEWAY, "", why);
                ApprovalRequest next = r.moved(ApprovalStatus.EXPIRED, r.stage(), pending ? now : r.decidedAt(),
                        r.approvalExpiresAt(), null, why);
                tx.update(next);
                tx.append(e);
                feed.record(next, List.of(e));
                return new ChangeFeed.Change(next, List.of(e));
            });
        } catch (ApprovalException e) {
            if (e.notFound()) {
                return false;
            }
            throw e;
        }
        if (done == null) {
            return false;
        }
        feed.publish(done.request(), done.events());
        return true;
    }

    private static boolean due(ApprovalRequest r, Instant now) {
        return (r.status() == ApprovalStatus.PENDING && !now.isBefore(r.expiresAt()))
                || (r.status() == ApprovalStatus.APPROVED && r.consumedAt() == null && r.approvalExpiresAt() != null
                && !now.isBefore(r.approvalExpiresAt()));
    }
}
