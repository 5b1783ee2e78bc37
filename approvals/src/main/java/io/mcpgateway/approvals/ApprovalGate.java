package io.mcpgateway.approvals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.helidon.config.Config;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.Decision;

/**
 * The pipeline's approval step (DESIGN.md, "Tool calls that need approval"): finds or opens the
 * request a call is bound to and holds the call while reviewers decide.
 * <ol>
 *     <li>An unused, valid approval with the call's binding (same identity, tool, statement,
 *     arguments and policy version) is used, once, and the call runs.</li>
 *     <li>A pending request with the binding is joined, so repeating a call does not ask the
 *     reviewers twice; a denial stands for the request's lifetime, so repeating a denied call
 *     gets the same answer.</li>
 *     <li>Otherwise a new request is opened.</li>
 *     <li>The call is held up to {@code wait}, with a progress report every
 *     {@code progress-interval}; the store is read again every {@code poll-interval}, so a
 *     decision made on another gateway instance releases it too. Decided in time, the call runs
 *     or fails with the reviewer's reason; not decided, it returns {@link ApprovalOutcome.Pending}
 *     with the request id and review URL.</li>
 * </ol>
 * The caller has no way to approve anything here: approvals come only from reviewers through
 * {@link ApprovalService}.
 */
public final class ApprovalGate {

    private final ApprovalService service;
    private final Duration wait;
    private final Duration progressInterval;
    private final Duration pollInterval;
    private final Function<String, String> reviewUrl;
    private final Supplier<String> policyVersion;
    private final UnaryOperator<String> scrub;

    private ApprovalGate(Builder b) {
        this.service = b.service;
        this.wait = b.wait;
        this.progressInterval = b.progressInterval;
        this.pollInterval = b.pollInterval;
        this.reviewUrl = b.reviewUrl;
        this.policyVersion = b.policyVersion;
        this.scrub = b.scrub;
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
     * Decides whether a call that needs approval may run, holding it while reviewers decide.
     *
     * @param bound    the bound call
     * @param decision the policy decision that asked for approval
     * @param progress told every {@code progress-interval} while the call is held
     * @return the outcome
     */
    public ApprovalOutcome await(BoundCall bound, Decision.RequireApproval decision, WaitProgress progress) {
        ApprovalBinding binding = ApprovalBinding.of(bound, policyVersion.get());
        Optional<ApprovalRequest> latest = service.latest(binding);
        Instant now = service.clock().instant();
        if (latest.isPresent()) {
            ApprovalRequest r = latest.get();
            if (r.usable(now)) {
                return use(r, binding);
            }
            if (r.status() == ApprovalStatus.PENDING) {
                return hold(r, binding, progress);
            }
            if (r.status() == ApprovalStatus.DENIED && now.isBefore(r.expiresAt())) {
                return settled(r, binding);
            }
        }
        return hold(service.open(bound, decision, binding, scrub), binding, progress);
    }

    /**
     * The review page URL of a request.
     *
     * @param id request id
     * @return URL
     */
    public String reviewUrl(String id) {
        return reviewUrl.apply(id);
    }

    private ApprovalOutcome hold(ApprovalRequest request, ApprovalBinding binding, WaitProgress progress) {
        long start = System.nanoTime();
        long deadline = start + wait.toNanos();
        long nextReport = start;
        ApprovalRequest r = request;
        try {
            while (true) {
                r = service.find(r.id()).orElse(r);
                if (r.status() != ApprovalStatus.PENDING) {
                    return settled(r, binding);
                }
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    return pending(r);
                }
                if (now - nextReport >= 0) {
                    progress.waiting(r, Duration.ofNanos(now - start), wait, waitingMessage(r));
                    nextReport = now + progressInterval.toNanos();
                }
                long sleep = Math.min(pollInterval.toNanos(), Math.min(deadline - now, nextReport - now));
                service.awaitLocalChange(Duration.ofNanos(Math.max(1, sleep)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return pending(r);
        }
    }

    /** The answer for a request that is no longer pending. */
    private ApprovalOutcome settled(ApprovalRequest r, ApprovalBinding binding) {
        return switch (r.status()) {
            case APPROVED -> use(r, binding);
            case DENIED -> {
                String reviewer = last(service.history(r.id()), ApprovalEvent.Kind.DENIED)
                        .map(ApprovalEvent::actor).orElse("A reviewer");
                yield new ApprovalOutcome.Refused(r, "denied_by_reviewer", "approval_denied", reviewer
                        + " denied this call (approval request " + r.id() + "): " + r.resolution()
                        + " Nothing ran; do not retry the same call, change what the reviewer objected to.");
            }
            case EXPIRED -> new ApprovalOutcome.Refused(r, "approval_expired", "approval_expired",
                    "Approval request " + r.id() + " expired before it was used: " + r.resolution()
                            + " Nothing ran; calling the tool again opens a new request.");
            case CANCELLED -> {
                String actor = last(service.history(r.id()), ApprovalEvent.Kind.CANCELLED)
                        .map(ApprovalEvent::actor).orElse("its requester");
                yield new ApprovalOutcome.Refused(r, "approval_cancelled", "approval_cancelled",
                        "Approval request " + r.id() + " was cancelled by " + actor
                                + (r.resolution().isEmpty() ? "" : ": " + r.resolution()) + ". Nothing ran.");
            }
            case PENDING -> pending(r);
        };
    }

    private ApprovalOutcome use(ApprovalRequest r, ApprovalBinding binding) {
        return service.consume(r.id(), binding).<ApprovalOutcome>map(ApprovalOutcome.Granted::new)
                .orElseGet(() -> new ApprovalOutcome.Refused(r, "approval_used", "approval_used",
                        "The approval of request " + r.id() + " was already used by another call (an approval "
                                + "runs one call only). Nothing ran; calling the tool again opens a new request."));
    }

    private ApprovalOutcome pending(ApprovalRequest r) {
        String url = reviewUrl.apply(r.id());
        return new ApprovalOutcome.Pending(r, url, "This call needs approval (" + r.reason() + ") and is waiting "
                + "for review as request " + r.id() + " at " + url + ". Nothing ran yet. It is not an error in "
                + "the call: once a reviewer approves, call " + r.call().tool() + " again with exactly the same "
                + "arguments and it runs once. The request expires at " + r.expiresAt() + ".");
    }

    private String waitingMessage(ApprovalRequest r) {
        Decision.Stage stage = r.currentStage().orElse(r.stages().get(r.stages().size() - 1));
        return "Waiting for approval of request " + r.id() + " (stage " + (r.stage() + 1) + " of "
                + r.stages().size() + ", '" + stage.name() + "': " + stage.approvals() + " approval(s) from "
                + String.join(", ", new java.util.TreeSet<>(stage.groups())) + ") at " + reviewUrl.apply(r.id());
    }

    private static Optional<ApprovalEvent> last(List<ApprovalEvent> history, ApprovalEvent.Kind kind) {
        return history.stream().filter(e -> e.kind() == kind).reduce((a, b) -> b);
    }

    /**
     * Told while a call is held for approval.
     */
    @FunctionalInterface
    public interface WaitProgress {
        /** Reports nothing. */
        WaitProgress NONE = (request, waited, limit, message) -> {
        };

        /**
         * The call is still waiting.
         *
         * @param request the pending request
         * @param waited  how long it has waited
         * @param limit   how long it will wait at most
         * @param message a sentence saying what it waits for
         */
        void waiting(ApprovalRequest request, Duration waited, Duration limit, String message);
    }

    /**
     * Builder of {@link ApprovalGate}.
     */
    public static final class Builder {
        private ApprovalService service;
        private Duration wait = Duration.ofSeconds(60);
        private Duration progressInterval = Duration.ofSeconds(5);
        private Duration pollInterval = Duration.ofSeconds(1);
        private Function<String, String> reviewUrl;
        private Supplier<String> policyVersion;
        private UnaryOperator<String> scrub = UnaryOperator.identity();

        private Builder() {
        }

        /**
         * Reads {@code wait}, {@code progress-interval} and {@code poll-interval} from the
         * {@code approvals} section.
         *
         * @param config the {@code approvals} config node
         * @return this builder
         */
        public Builder config(Config config) {
            config.get("wait").asString().ifPresent(v -> wait(Durations.parse(v, "approvals.wait")));
            config.get("progress-interval").asString()
                    .ifPresent(v -> progressInterval(Durations.parse(v, "approvals.progress-interval")));
            config.get("poll-interval").asString()
                    .ifPresent(v -> pollInterval(Durations.parse(v, "approvals.poll-interval")));
            return this;
        }

        /**
         * The approval service.
         *
         * @param service service
         * @return this builder
         */
        public Builder service(ApprovalService service) {
            this.service = Objects.requireNonNull(service, "service");
            return this;
        }

        /**
         * How long a call is held for a decision ({@code approvals.wait}, default 60s; 0 returns
         * the pending result at once).
         *
         * @param wait hold time, 0..15m
         * @return this builder
         */
        public Builder wait(Duration wait) {
            if (wait.isNegative() || wait.compareTo(Duration.ofMinutes(15)) > 0) {
                throw new IllegalArgumentException("approvals.wait must be between 0s and 15m, got " + wait);
            }
            this.wait = wait;
            return this;
        }

        /**
         * How often a held call reports progress ({@code approvals.progress-interval}, default 5s).
         *
         * @param interval interval, at least 100ms
         * @return this builder
         */
        public Builder progressInterval(Duration interval) {
            if (interval.compareTo(Duration.ofMillis(100)) < 0) {
                throw new IllegalArgumentException("approvals.progress-interval must be at least 100ms, got "
                        + interval);
            }
            this.progressInterval = interval;
            return this;
        }

        /**
         * How often a held call reads the store for decisions made elsewhere
         * ({@code approvals.poll-interval}, default 1s).
         *
         * @param interval interval, 50ms..1m
         * @return this builder
         */
        public Builder pollInterval(Duration interval) {
            if (interval.compareTo(Duration.ofMillis(50)) < 0 || interval.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("approvals.poll-interval must be between 50ms and 1m, got "
                        + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /**
         * How to build a request's review URL from its id.
         *
         * @param reviewUrl id to URL
         * @return this builder
         */
        public Builder reviewUrl(Function<String, String> reviewUrl) {
            this.reviewUrl = Objects.requireNonNull(reviewUrl, "reviewUrl");
            return this;
        }

        /**
         * The current policy version; approvals given under another version do not apply.
         *
         * @param policyVersion version supplier
         * @return this builder
         */
        public Builder policyVersion(Supplier<String> policyVersion) {
            this.policyVersion = Objects.requireNonNull(policyVersion, "policyVersion");
            return this;
        }

        /**
         * Removes server-held credentials from what reviewers see (statement, arguments).
         *
         * @param scrub scrubber
         * @return this builder
         */
        public Builder scrub(UnaryOperator<String> scrub) {
            this.scrub = Objects.requireNonNull(scrub, "scrub");
            return this;
        }

        /**
         * Builds the gate.
         *
         * @return gate
         */
        public ApprovalGate build() {
            if (service == null || reviewUrl == null || policyVersion == null) {
                throw new IllegalStateException("ApprovalGate needs a service, a review URL and a policy version");
            }
            return new ApprovalGate(this);
        }
    }
}
