package io.mcpgateway.approvals;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import io.helidon.config.Config;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.Decision;
import io.mcpgateway.tools.Identity;

/**
 * The approval state machine over the store:
 * <pre>
 * pending --(every stage approved)--> approved --(used once)--> approved + used
 *    |  \--(a reviewer denies, with a reason)--> denied          \--(not used in time)--> expired
 *    |--(nobody decides in time)--> expired
 *    \--(requester or administrator withdraws)--> cancelled
 * </pre>
 * Each stage needs its number of approvals from members of its reviewer groups, each from a
 * different person who is not the requester ({@link ReviewerRules}). Times come from the injected
 * {@link Clock}; expiry is applied whenever a request is read for a decision and by
 * {@link #expireDue()}, which the server runs periodically.
 */
public final class ApprovalService {

    private static final String ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
    private static final int MAX_COMMENT = 2000;

    private final ApprovalStore store;
    private final Clock clock;
    private final Duration requestTtl;
    private final ReviewerRules rules;
    private final ChangeFeed feed;
    private final ApprovalExpiry expiry;
    private final SecureRandom random = new SecureRandom();

    private ApprovalService(Builder b) {
        this.store = new ApprovalStore(b.dataSource);
        this.clock = b.clock;
        this.requestTtl = b.requestTtl;
        this.rules = new ReviewerRules(b.adminGroups);
        this.feed = new ChangeFeed(b.listeners, b.recorders);
        this.expiry = new ApprovalExpiry(store, clock, requestTtl, feed);
    }

    /**
     * A builder.
     *
     * @return builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a request for a call policy sent to review.
     *
     * @param bound    the bound call
     * @param decision the decision that asked for approval
     * @param binding  the call's binding
     * @param scrub    removes server-held credentials from text shown to reviewers
     * @return the pending request
     */
    public ApprovalRequest open(BoundCall bound, Decision.RequireApproval decision, ApprovalBinding binding,
                                UnaryOperator<String> scrub) {
        Instant now = clock.instant();
        String kind = switch (bound.request()) {
            case BoundRequest.Sql s -> "sql";
            case BoundRequest.Http h -> "http";
            case BoundRequest.Logs l -> "logs";
        };
        Map<String, Object> parameters = new LinkedHashMap<>();
        bound.values().forEach((k, v) -> parameters.put(k, v instanceof String s ? scrub.apply(s) : v));
        ApprovalRequest.Call call = new ApprovalRequest.Call(bound.tool().name(), bound.connection().name(),
                bound.connection().risk(), kind, scrub.apply(bound.request().render()), parameters);
        Identity requester = bound.call().identity();
        ApprovalRequest r = new ApprovalRequest(newId(), ApprovalStatus.PENDING, requester, call, decision.ruleId(),
                decision.reasonCode(), decision.message(), decision.stages(), 0, decision.ttl(), binding.hash(),
                binding.policyVersion(), bound.call().correlationId(), now, now.plus(requestTtl), null, null, null, "");
        ApprovalEvent requested = new ApprovalEvent(0, r.id(), now, ApprovalEvent.Kind.REQUESTED, 0,
                requester.subject(), requester.email(), "");
        // recorded first: an audit row for a request whose insert then fails says more than was
        // done, never less
        feed.record(r, List.of(requested));
        store.insert(r, requested);
        feed.publish(r, List.of(requested));
        return r;
    }

    /**
     * A request by id, with expiry applied.
     *
     * @param id request id
     * @return the request
     */
    public Optional<ApprovalRequest> find(String id) {
        return store.find(id).map(expiry::fresh);
    }

    /**
     * The newest request with a binding, with expiry applied.
     *
     * @param binding binding
     * @return the newest request, if any
     */
    public Optional<ApprovalRequest> latest(ApprovalBinding binding) {
        return store.latest(binding.hash()).map(expiry::fresh);
    }

    /**
     * Requests matching a query, newest first (expiry applied first).
     *
     * @param query filter
     * @return requests
     */
    public List<ApprovalRequest> list(ApprovalQuery query) {
        expireDue();
        return store.list(query);
    }

    /**
     * The history of a request, oldest first.
     *
     * @param id request id
     * @return history
     */
    public List<ApprovalEvent> history(String id) {
        return store.history(id);
    }

    /**
     * Records an approval of the current stage; the last approval of the last stage approves the
     * request.
     *
     * @param id       request id
     * @param reviewer the reviewer
     * @param comment  optional comment
     * @return the request after the vote
     * @throws ApprovalException when the reviewer may not approve it ({@link ReviewerRules})
     */
    public ApprovalRequest approve(String id, Identity reviewer, String comment) {
        String text = comment(comment);
        expiry.expireIfDue(id);
        return change(id, tx -> {
            ApprovalRequest r = tx.request();
            List<ApprovalEvent> history = tx.history();
            rules.refusal(r, history, reviewer, true).ifPresent(e -> {
                throw e;
            });
            Instant now = clock.instant();
            int stage = r.stage();
            List<ApprovalEvent> events = new ArrayList<>();
            events.add(new ApprovalEvent(0, id, now, ApprovalEvent.Kind.APPROVED, stage, reviewer.subject(),
                    reviewer.email(), text));
            long votes = 1 + history.stream()
                    .filter(e -> e.kind() == ApprovalEvent.Kind.APPROVED && e.stage() == stage).count();
            Decision.Stage current = r.stages().get(stage);
            ApprovalRequest next = r;
            if (votes >= current.approvals()) {
                events.add(new ApprovalEvent(0, id, now, ApprovalEvent.Kind.STAGE_PASSED, stage,
                        ApprovalEvent.GATEWAY, "", votes + " of " + current.approvals() + " approvals"));
                boolean last = stage + 1 == r.stages().size();
                next = r.moved(last ? ApprovalStatus.APPROVED : ApprovalStatus.PENDING, stage + 1,
                        last ? now : null, last ? now.plus(r.approvalTtl()) : null, null, r.resolution());
            }
            return new ChangeFeed.Change(next, events);
        });
    }

    /**
     * Denies a request; the reason reaches the caller.
     *
     * @param id       request id
     * @param reviewer the reviewer
     * @param reason   why, required
     * @return the denied request
     * @throws ApprovalException when the reason is missing or the reviewer may not decide
     */
    public ApprovalRequest deny(String id, Identity reviewer, String reason) {
        String text = comment(reason);
        if (text.isEmpty()) {
            throw new ApprovalException("reason_required", "A denial needs a reason: the requester and the agent "
                    + "see it and need to know what to change.");
        }
        expiry.expireIfDue(id);
        return change(id, tx -> {
            ApprovalRequest r = tx.request();
            rules.refusal(r, tx.history(), reviewer, false).ifPresent(e -> {
                throw e;
            });
            Instant now = clock.instant();
            return new ChangeFeed.Change(r.moved(ApprovalStatus.DENIED, r.stage(), now, null, null, text),
                    List.of(new ApprovalEvent(0, id, now, ApprovalEvent.Kind.DENIED, r.stage(), reviewer.subject(),
                            reviewer.email(), text)));
        });
    }

    /**
     * Withdraws a pending request.
     *
     * @param id     request id
     * @param actor  the requester or an administrator
     * @param reason optional reason
     * @return the cancelled request
     * @throws ApprovalException when the actor may not withdraw it or it is no longer pending
     */
    public ApprovalRequest cancel(String id, Identity actor, String reason) {
        String text = comment(reason);
        expiry.expireIfDue(id);
        return change(id, tx -> {
            ApprovalRequest r = tx.request();
            if (r.status() != ApprovalStatus.PENDING) {
                throw new ApprovalException("already_decided", "Request " + id + " is already "
                        + r.status().label() + "; nothing is left to cancel.");
            }
            if (!rules.mayCancel(r, actor)) {
                throw new ApprovalException("not_allowed", "Only the requester or an approvals administrator may "
                        + "cancel request " + id + ".");
            }
            Instant now = clock.instant();
            return new ChangeFeed.Change(r.moved(ApprovalStatus.CANCELLED, r.stage(), now, null, null, text),
                    List.of(new ApprovalEvent(0, id, now, ApprovalEvent.Kind.CANCELLED, r.stage(), actor.subject(),
                            actor.email(), text)));
        });
    }

    /**
     * Uses an approval: succeeds once, for the call it is bound to, while it is valid.
     *
     * @param id      request id
     * @param binding the binding of the call about to run
     * @return the used request, or empty when the approval is not (or no longer) usable for it
     */
    public Optional<ApprovalRequest> consume(String id, ApprovalBinding binding) {
        expiry.expireIfDue(id);
        ChangeFeed.Change used = store.locked(id, tx -> {
            ApprovalRequest r = tx.request();
            Instant now = clock.instant();
            if (!r.usable(now) || !r.bindingHash().equals(binding.hash())) {
                return new ChangeFeed.Change(r, List.of());
            }
            ApprovalRequest next = r.moved(r.status(), r.stage(), r.decidedAt(), r.approvalExpiresAt(), now,
                    r.resolution());
            ApprovalEvent e = new ApprovalEvent(0, id, now, ApprovalEvent.Kind.USED, r.stage(),
                    ApprovalEvent.GATEWAY, "", "correlation id " + r.correlationId());
            tx.update(next);
            tx.append(e);
            feed.record(next, List.of(e));
            return new ChangeFeed.Change(next, List.of(e));
        });
        feed.publish(used.request(), used.events());
        return used.events().isEmpty() ? Optional.empty() : Optional.of(used.request());
    }

    /**
     * Expires every request whose time ran out.
     *
     * @return how many were expired
     */
    public int expireDue() {
        return expiry.expireDue();
    }

    /**
     * The last position of the change feed.
     *
     * @return sequence number, 0 when nothing happened yet
     */
    public long lastChange() {
        return store.lastSeq();
    }

    /**
     * Changes after a position of the change feed, oldest first.
     *
     * @param seq   position seen last
     * @param limit at most this many
     * @return changes
     */
    public List<ApprovalEvent> changesAfter(long seq, int limit) {
        return store.eventsAfter(seq, limit);
    }

    /**
     * Blocks until a change is made through this instance or the time passes, whichever is
     * first. Changes made by other instances are seen by reading the store again.
     *
     * @param max longest wait
     * @throws InterruptedException when interrupted
     */
    public void awaitLocalChange(Duration max) throws InterruptedException {
        feed.await(max);
    }

    /**
     * The rules deciding who may see and decide requests.
     *
     * @return rules
     */
    public ReviewerRules rules() {
        return rules;
    }

    /**
     * How long a pending request waits for a decision.
     *
     * @return request lifetime
     */
    public Duration requestTtl() {
        return requestTtl;
    }

    /**
     * The clock of this service.
     *
     * @return clock
     */
    public Clock clock() {
        return clock;
    }

    private ApprovalRequest change(String id, ApprovalStore.Work<ChangeFeed.Change> work) {
        ChangeFeed.Change change = store.locked(id, tx -> {
            ChangeFeed.Change c = work.run(tx);
            if (!c.events().isEmpty()) {
                tx.update(c.request());
                for (ApprovalEvent e : c.events()) {
                    tx.append(e);
                }
                feed.record(c.request(), c.events());
            }
            return c;
        });
        feed.publish(change.request(), change.events());
        return change.request();
    }

    private static String comment(String text) {
        String t = text == null ? "" : text.strip();
        if (t.length() > MAX_COMMENT) {
            throw new ApprovalException("comment_too_long", "A comment may have at most " + MAX_COMMENT
                    + " characters, this one has " + t.length() + ".");
        }
        return t;
    }

    private String newId() {
        StringBuilder id = new StringBuilder("apr_");
        for (int i = 0; i < 12; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /**
     * Builder of {@link ApprovalService}.
     */
    public static final class Builder {
        private DataSource dataSource;
        private Clock clock = Clock.systemUTC();
        private Duration requestTtl = Duration.ofHours(8);
        private Set<String> adminGroups = Set.of();
        private final List<ApprovalListener> listeners = new ArrayList<>();
        private final List<ApprovalListener> recorders = new ArrayList<>();

        private Builder() {
        }

        /**
         * Reads {@code request-ttl} and {@code admin-groups} from the {@code approvals} section.
         *
         * @param config the {@code approvals} config node
         * @return this builder
         */
        public Builder config(Config config) {
            config.get("request-ttl").asString().ifPresent(v -> requestTtl(Durations.parse(v, "approvals.request-ttl")));
            config.get("admin-groups").asList(String.class).ifPresent(g -> adminGroups(Set.copyOf(g)));
            return this;
        }

        /**
         * The store holding the approval tables.
         *
         * @param dataSource data source
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * The clock for creation, decision and expiry times.
         *
         * @param clock clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long a request stays pending before it expires ({@code approvals.request-ttl}, default 8h).
         *
         * @param ttl lifetime, positive
         * @return this builder
         */
        public Builder requestTtl(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("approvals.request-ttl must be positive, got " + ttl);
            }
            this.requestTtl = ttl;
            return this;
        }

        /**
         * Groups whose members see every request and may withdraw any pending one
         * ({@code approvals.admin-groups}, default none). They decide only stages whose reviewer
         * groups they are in, and never their own requests.
         *
         * @param groups admin groups
         * @return this builder
         */
        public Builder adminGroups(Set<String> groups) {
            this.adminGroups = Set.copyOf(groups);
            return this;
        }

        /**
         * Adds a recorder (the audit trail): told about every change inside its transaction,
         * before it commits, in order. When a recorder throws, the change is rolled back and the
         * caller gets an {@link ApprovalException} with reason {@code not_recorded}: no decision
         * takes effect that the trail does not hold.
         *
         * @param recorder recorder
         * @return this builder
         */
        public Builder addRecorder(ApprovalListener recorder) {
            recorders.add(Objects.requireNonNull(recorder, "recorder"));
            return this;
        }

        /**
         * Adds a listener told about every change.
         *
         * @param listener listener
         * @return this builder
         */
        public Builder addListener(ApprovalListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Builds the service.
         *
         * @return service
         */
        public ApprovalService build() {
            if (dataSource == null) {
                throw new IllegalStateException("ApprovalService needs a data source (the gateway store)");
            }
            return new ApprovalService(this);
        }
    }
}
