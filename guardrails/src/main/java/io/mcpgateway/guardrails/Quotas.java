package io.mcpgateway.guardrails;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.config.Config;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.Decision;

/**
 * Quotas and rate limits per identity and tool: calls per minute, rows and bytes per hour, in
 * sliding windows. A call over a limit is denied with the time it may be retried; it is not
 * counted. Rows and bytes are known only after a call ran, so a call is admitted while the hour's
 * usage is under the limit and its result is counted when it returns.
 *
 * <pre>
 * quotas:
 *   - id: per-user-tool
 *     match: { connections: [demo-*] }   # optional, as for rules
 *     per: tool                          # tool (each identity and tool) or identity (across tools)
 *     calls-per-minute: 60
 *     rows-per-hour: 20000
 *     bytes-per-hour: 20MB
 * </pre>
 * Every quota that matches a call applies. Counters live in this gateway instance's memory; with
 * several instances each enforces its own share.
 */
public final class Quotas {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KIB|MB|MIB|GB|GIB)?", Pattern.CASE_INSENSITIVE);
    private static final Set<String> KEYS = Set.of("id", "match", "per", "calls-per-minute", "rows-per-hour", "bytes-per-hour");
    private static final int MAX_KEYS = 100_000;

    private final List<Quota> quotas;
    private final Clock clock;
    private final Map<String, Usage> usage = new ConcurrentHashMap<>();
    private volatile long lastPurge;

    private Quotas(List<Quota> quotas, Clock clock) {
        this.quotas = List.copyOf(quotas);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * No quotas: every call is admitted.
     *
     * @param clock clock
     * @return quotas
     */
    public static Quotas none(Clock clock) {
        return new Quotas(List.of(), clock);
    }

    /**
     * Reads the {@code policy.quotas} list.
     *
     * @param node  the {@code quotas} node
     * @param clock clock for the windows
     * @return quotas
     * @throws IllegalArgumentException naming the key and value of any problem
     */
    public static Quotas create(Config node, Clock clock) {
        List<Quota> list = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Config q : node.asNodeList().orElse(List.of())) {
            String at = PolicyConfig.path(q);
            PolicyConfig.checkKeys(q, KEYS);
            String id = q.get("id").asString().orElseThrow(() -> new IllegalArgumentException(at + ".id is required"));
            if (!ids.add(id)) {
                throw new IllegalArgumentException(at + ".id: quota id '" + id + "' is used twice");
            }
            String per = q.get("per").asString().orElse("tool");
            if (!per.equals("tool") && !per.equals("identity")) {
                throw new IllegalArgumentException(at + ".per: use tool or identity, got '" + per + "'");
            }
            int calls = q.get("calls-per-minute").asInt().orElse(0);
            long rows = q.get("rows-per-hour").asLong().orElse(0L);
            long bytes = q.get("bytes-per-hour").exists() ? size(q.get("bytes-per-hour")) : 0;
            if (calls < 0 || rows < 0 || bytes < 0 || calls + rows + bytes == 0) {
                throw new IllegalArgumentException(at + ": set at least one of calls-per-minute, rows-per-hour, "
                        + "bytes-per-hour to a positive number");
            }
            list.add(new Quota(id, RuleMatch.create(q.get("match")), per.equals("identity"), calls, rows, bytes));
        }
        return new Quotas(list, clock);
    }

    /**
     * Admits a call or says why and until when it may not run. An admitted call is counted
     * against every calls-per-minute limit that applies.
     *
     * @param call the bound call
     * @param sql  its SQL analysis, if any (for quotas that match on statements or tables)
     * @return the refusal, when a limit is reached
     */
    public Optional<QuotaExceeded> admit(BoundCall call, Optional<SqlAnalysis> sql) {
        long now = clock.millis();
        purge(now);
        PolicyInput input = new PolicyInput(call, sql);
        List<Usage> counted = new ArrayList<>();
        for (Quota q : quotas) {
            if (!q.match().matches(input, false)) {
                continue;
            }
            Usage u = usage.computeIfAbsent(key(q, call), k -> new Usage());
            Optional<QuotaExceeded> exceeded = u.check(q, call, now);
            if (exceeded.isPresent()) {
                return exceeded;
            }
            counted.add(u);
        }
        counted.forEach(u -> u.countCall(now));
        return Optional.empty();
    }

    /**
     * Counts what a call returned.
     *
     * @param call  the call
     * @param sql   its SQL analysis, if any
     * @param rows  rows returned or changed
     * @param bytes bytes of result text
     */
    public void record(BoundCall call, Optional<SqlAnalysis> sql, long rows, long bytes) {
        long now = clock.millis();
        PolicyInput input = new PolicyInput(call, sql);
        for (Quota q : quotas) {
            if (q.match().matches(input, false)) {
                usage.computeIfAbsent(key(q, call), k -> new Usage()).countResult(now, rows, bytes);
            }
        }
    }

    private static String key(Quota q, BoundCall call) {
        return q.id() + '\u0000' + call.call().identity().subject() + (q.perIdentity() ? "" : '\u0000' + call.tool().name());
    }

    /** Forgets counters idle for an hour, at most once a minute. */
    private void purge(long now) {
        if (now - lastPurge < 60_000 && usage.size() < MAX_KEYS) {
            return;
        }
        lastPurge = now;
        usage.values().removeIf(u -> u.idleSince(now - 3_600_000));
    }

    private static long size(Config node) {
        String text = node.asString().orElse("").trim();
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(PolicyConfig.path(node) + ": '" + text + "' is not a size (e.g. 500000, 20MB, 1GiB)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        return n * switch (unit) {
            case "KB" -> 1_000L;
            case "KIB" -> 1_024L;
            case "MB" -> 1_000_000L;
            case "MIB" -> 1_048_576L;
            case "GB" -> 1_000_000_000L;
            case "GIB" -> 1_073_741_824L;
            default -> 1L;
        };
    }

    /**
     * One configured quota.
     *
     * @param id             id, quoted in refusals
     * @param match          which calls it counts
     * @param perIdentity    one budget per identity across tools (else per identity and tool)
     * @param callsPerMinute calls per sliding minute, 0 for no limit
     * @param rowsPerHour    rows per sliding hour, 0 for no limit
     * @param bytesPerHour   bytes per sliding hour, 0 for no limit
     */
    record Quota(String id, RuleMatch match, boolean perIdentity, int callsPerMinute, long rowsPerHour, long bytesPerHour) {
        String scope() {
            return perIdentity ? "per user" : "per user and tool";
        }
    }

    /**
     * A refusal because a limit was reached.
     *
     * @param decision   the denial for the model (rule {@code quota.ID})
     * @param retryAfter how long until the call would be admitted
     */
    public record QuotaExceeded(Decision.Deny decision, Duration retryAfter) {
    }

    /** Counters of one budget: call times in the last minute, rows and bytes per minute over the last hour. */
    private static final class Usage {
        private final java.util.ArrayDeque<Long> calls = new java.util.ArrayDeque<>();
        private final long[] minute = new long[60];
        private final long[] rows = new long[60];
        private final long[] bytes = new long[60];
        private long lastActivity;

        synchronized Optional<QuotaExceeded> check(Quota q, BoundCall call, long now) {
            while (!calls.isEmpty() && calls.peekFirst() <= now - 60_000) {
                calls.pollFirst();
            }
            if (q.callsPerMinute() > 0 && calls.size() >= q.callsPerMinute()) {
                long retry = calls.peekFirst() + 60_000 - now;
                return Optional.of(exceeded(q, call, "rate_limited", q.callsPerMinute() + " calls per minute", retry, now));
            }
            if (q.rowsPerHour() > 0 && sum(rows, now) >= q.rowsPerHour()) {
                return Optional.of(exceeded(q, call, "quota_exceeded", q.rowsPerHour() + " rows per hour",
                        retryBelow(rows, q.rowsPerHour(), now), now));
            }
            if (q.bytesPerHour() > 0 && sum(bytes, now) >= q.bytesPerHour()) {
                return Optional.of(exceeded(q, call, "quota_exceeded", q.bytesPerHour() + " bytes per hour",
                        retryBelow(bytes, q.bytesPerHour(), now), now));
            }
            return Optional.empty();
        }

        synchronized void countCall(long now) {
            calls.addLast(now);
            lastActivity = now;
        }

        synchronized void countResult(long now, long rowCount, long byteCount) {
            int i = slot(now);
            rows[i] += Math.max(0, rowCount);
            bytes[i] += Math.max(0, byteCount);
            lastActivity = now;
        }

        synchronized boolean idleSince(long cutoff) {
            return lastActivity < cutoff;
        }

        /** The slot of the current minute, cleared when it last held an older minute. */
        private int slot(long now) {
            long m = now / 60_000;
            int i = (int) (m % 60);
            if (minute[i] != m) {
                minute[i] = m;
                rows[i] = 0;
                bytes[i] = 0;
            }
            return i;
        }

        private long sum(long[] counts, long now) {
            long m = now / 60_000;
            long total = 0;
            for (int i = 0; i < 60; i++) {
                if (minute[i] > m - 60) {
                    total += counts[i];
                }
            }
            return total;
        }

        /** Milliseconds until enough of the oldest minutes leave the hour to bring usage under the limit. */
        private long retryBelow(long[] counts, long limit, long now) {
            long m = now / 60_000;
            long total = sum(counts, now);
            for (long old = m - 59; old <= m; old++) {
                int i = (int) (old % 60);
                if (minute[i] == old) {
                    total -= counts[i];
                }
                if (total < limit) {
                    return (old + 60) * 60_000 - now;
                }
            }
            return 3_600_000;
        }

        private static QuotaExceeded exceeded(Quota q, BoundCall call, String code, String limit, long retryMillis, long now) {
            Duration retry = Duration.ofMillis(Math.max(1_000, retryMillis));
            Instant at = Instant.ofEpochMilli(now).plus(retry).truncatedTo(ChronoUnit.SECONDS);
            long seconds = (retry.toMillis() + 999) / 1000;
            return new QuotaExceeded(new Decision.Deny("quota." + q.id(), code,
                    "Quota '" + q.id() + "' allows " + limit + " " + q.scope() + ", and " + call.call().identity().subject()
                            + " has reached it for " + (q.perIdentity() ? "all tools" : "tool " + call.tool().name()) + ".",
                    "Retry in " + seconds + " s (after " + at + "), or ask an operator to raise the quota."), retry);
        }
    }
}
