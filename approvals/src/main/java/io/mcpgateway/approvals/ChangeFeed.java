package io.mcpgateway.approvals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells the listeners about committed changes, in order, and wakes the calls and event streams
 * of this instance that wait for one. (Other instances see the change when they next read the
 * store.)
 */
final class ChangeFeed {

    private static final System.Logger LOGGER = System.getLogger(ChangeFeed.class.getName());

    private final List<ApprovalListener> listeners;
    private final List<ApprovalListener> recorders;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    ChangeFeed(List<ApprovalListener> listeners, List<ApprovalListener> recorders) {
        this.listeners = List.copyOf(listeners);
        this.recorders = List.copyOf(recorders);
    }

    /**
     * Hands a change to the recorders (the audit trail) before it commits. A change they cannot
     * record is not made: the caller rolls back on the exception this throws.
     *
     * @throws ApprovalException {@code not_recorded} when a recorder fails
     */
    void record(ApprovalRequest r, List<ApprovalEvent> events) {
        for (ApprovalEvent e : events) {
            for (ApprovalListener recorder : recorders) {
                try {
                    recorder.changed(r, e);
                } catch (RuntimeException ex) {
                    LOGGER.log(System.Logger.Level.ERROR, "Approval change not recorded, so not made: " + r.id()
                            + " (" + e.kind().label() + ")", ex);
                    throw new ApprovalException("not_recorded", "The audit trail could not record this change to "
                            + r.id() + ", so it was not made. Try again; if it keeps failing, the audit store needs "
                            + "attention.");
                }
            }
        }
    }

    /** Publishes a committed change; a listener that fails is logged and does not stop the others. */
    void publish(ApprovalRequest r, List<ApprovalEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (ApprovalEvent e : events) {
            for (ApprovalListener l : listeners) {
                try {
                    l.changed(r, e);
                } catch (RuntimeException ex) {
                    LOGGER.log(System.Logger.Level.ERROR, "Approval listener failed for " + r.id() + " ("
                            + e.kind().label() + ")", ex);
                }
            }
        }
    }

    /** Blocks until a change is published here or the time passes. */
    void await(Duration max) throws InterruptedException {
        lock.lock();
        try {
            changed.await(max.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
    }

    /** A committed change: the request after it and what happened. */
    record Change(ApprovalRequest request, List<ApprovalEvent> events) {
    }
}
