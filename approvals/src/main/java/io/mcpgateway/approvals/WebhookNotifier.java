package io.mcpgateway.approvals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.helidon.config.Config;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells people about requests: when one is opened, passes a stage, and when it is approved,
 * denied, expires or is withdrawn. Two formats:
 * <ul>
 *     <li>{@code slack}: a Slack-compatible incoming-webhook message ({@code text} plus one
 *     {@code mrkdwn} section) with a link to the review page;</li>
 *     <li>{@code webhook}: a JSON object for automation, signed with HMAC-SHA256 over
 *     {@code timestamp + "." + body} ({@code X-Gateway-Signature: sha256=<hex>},
 *     {@code X-Gateway-Timestamp}), with a delivery id that stays the same across retries.</li>
 * </ul>
 * Messages carry no arguments or statements (they may hold personal data and chat channels are
 * wide): reviewers follow the link. Deliveries run on their own virtual threads, so a slow
 * receiver never holds up a tool call; failures (connection errors, 408, 429, 5xx) are retried
 * with exponential backoff, honouring {@code Retry-After}.
 */
public final class WebhookNotifier implements ApprovalListener, AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(WebhookNotifier.class.getName());

    private final Format format;
    private final URI url;
    private final byte[] secret;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration timeout;
    private final Function<String, String> reviewUrl;
    private final Clock clock;
    private final HttpClient http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final JsonMapper json = JsonMapper.builder().build();

    private WebhookNotifier(Builder b) {
        this.format = b.format;
        this.url = b.url;
        this.secret = b.secret == null ? null : b.secret.getBytes(StandardCharsets.UTF_8);
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.timeout = b.timeout;
        this.reviewUrl = b.reviewUrl;
        this.clock = b.clock;
        this.http = HttpClient.newBuilder().connectTimeout(b.timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * A builder.
     *
     * @return builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void changed(ApprovalRequest request, ApprovalEvent event) {
        String name = WebhookMessages.eventName(request, event);
        if (name == null) {
            return;
        }
        String body = switch (format) {
            case SLACK -> json.writeValueAsString(WebhookMessages.slack(request, event, name, reviewUrl.apply(request.id())));
            case WEBHOOK -> json.writeValueAsString(WebhookMessages.payload(request, event, name,
                    reviewUrl.apply(request.id())));
        };
        String delivery = UUID.randomUUID().toString();
        executor.execute(() -> deliver(name, delivery, body));
    }

    private void deliver(String event, String delivery, String body) {
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Duration retryAfter = null;
            try {
                HttpResponse<Void> r = http.send(request(event, delivery, body), HttpResponse.BodyHandlers.discarding());
                int status = r.statusCode();
                if (status >= 200 && status < 300) {
                    return;
                }
                if (status != 408 && status != 429 && status < 500) {
                    LOGGER.log(System.Logger.Level.WARNING, "Approval notification " + event + " to " + host()
                            + " refused with HTTP " + status + "; not retried");
                    return;
                }
                retryAfter = r.headers().firstValue("Retry-After").flatMap(WebhookNotifier::seconds).orElse(null);
                LOGGER.log(System.Logger.Level.INFO, "Approval notification " + event + " to " + host()
                        + " failed with HTTP " + status + " (attempt " + attempt + " of " + maxAttempts + ")");
            } catch (IOException e) {
                LOGGER.log(System.Logger.Level.INFO, "Approval notification " + event + " to " + host()
                        + " failed: " + e.getClass().getSimpleName() + " (attempt " + attempt + " of " + maxAttempts + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt == maxAttempts) {
                break;
            }
            Duration backoff = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
            if (retryAfter != null && retryAfter.compareTo(backoff) > 0) {
                backoff = retryAfter;
            }
            try {
                Thread.sleep(backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOGGER.log(System.Logger.Level.WARNING, "Approval notification " + event + " to " + host() + " gave up after "
                + maxAttempts + " attempts");
    }

    private HttpRequest request(String event, String delivery, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "mcp-gateway-approvals")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (format == Format.WEBHOOK) {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            b.header("X-Gateway-Event", event)
                    .header("X-Gateway-Delivery", delivery)
                    .header("X-Gateway-Timestamp", timestamp)
                    .header("X-Gateway-Signature", "sha256=" + sign(secret, timestamp + "." + body));
        }
        return b.build();
    }

    /**
     * The signature a receiver recomputes to check a delivery.
     *
     * @param secret    shared secret
     * @param signed    {@code timestamp + "." + body}
     * @return lower-case hex HMAC-SHA256
     */
    static String sign(byte[] secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static java.util.Optional<Duration> seconds(String value) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** The receiver's host only: incoming-webhook URLs carry their credential in the path. */
    private String host() {
        return url.getHost();
    }

    /**
     * Waits up to the given time for deliveries in flight, then stops.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis() * 2, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The message format. */
    public enum Format {
        /** Slack-compatible incoming webhook. */
        SLACK,
        /** Signed generic JSON. */
        WEBHOOK
    }

    /**
     * Builder of {@link WebhookNotifier}.
     */
    public static final class Builder {
        private Format format;
        private URI url;
        private String secret;
        private int maxAttempts = 5;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(1);
        private Duration timeout = Duration.ofSeconds(10);
        private Function<String, String> reviewUrl;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Reads one entry of {@code approvals.notifications}: {@code kind} ({@code slack} or
         * {@code webhook}), {@code url}, {@code secret}, {@code max-attempts},
         * {@code initial-backoff}, {@code timeout}. The URL and secret are credential references
         * ({@code env:NAME}, {@code file:PATH}) resolved by {@code credentials}.
         *
         * @param config      the entry
         * @param credentials resolves credential references
         * @return this builder
         */
        public Builder config(Config config, UnaryOperator<String> credentials) {
            String key = "approvals.notifications." + config.name();
            String kind = config.get("kind").asString().orElseThrow(() ->
                    new IllegalArgumentException(key + ".kind is required (slack or webhook)"));
            format(switch (kind.strip().toLowerCase(Locale.ROOT)) {
                case "slack" -> Format.SLACK;
                case "webhook" -> Format.WEBHOOK;
                default -> throw new IllegalArgumentException(key + ".kind must be slack or webhook, got '" + kind + "'");
            });
            String ref = config.get("url").asString().orElseThrow(() ->
                    new IllegalArgumentException(key + ".url is required"));
            url(credentials.apply(ref), key + ".url");
            config.get("secret").asString().ifPresent(s -> secret(credentials.apply(s)));
            config.get("max-attempts").asInt().ifPresent(this::maxAttempts);
            config.get("initial-backoff").asString()
                    .ifPresent(v -> initialBackoff(Durations.parse(v, key + ".initial-backoff")));
            config.get("timeout").asString().ifPresent(v -> timeout(Durations.parse(v, key + ".timeout")));
            return this;
        }

        /**
         * The message format.
         *
         * @param format format
         * @return this builder
         */
        public Builder format(Format format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * The receiver's URL (http or https).
         *
         * @param url  URL
         * @param name how to name it in errors (the value is never shown: it may hold a credential)
         * @return this builder
         */
        public Builder url(String url, String name) {
            URI u;
            try {
                u = URI.create(url.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " is not a valid URL");
            }
            if (u.getScheme() == null || !(u.getScheme().equals("https") || u.getScheme().equals("http"))
                    || u.getHost() == null) {
                throw new IllegalArgumentException(name + " must be an http(s) URL with a host");
            }
            this.url = u;
            return this;
        }

        /**
         * The HMAC secret ({@code webhook} format; required there).
         *
         * @param secret secret, at least 16 characters
         * @return this builder
         */
        public Builder secret(String secret) {
            if (secret == null || secret.strip().length() < 16) {
                throw new IllegalArgumentException("approvals webhook secret must have at least 16 characters");
            }
            this.secret = secret.strip();
            return this;
        }

        /**
         * How many times a delivery is tried (default 5).
         *
         * @param attempts 1..10
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1 || attempts > 10) {
                throw new IllegalArgumentException("approvals notification max-attempts must be 1..10, got " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * The wait before the first retry; it doubles for each further one, up to a minute
         * (default 1s).
         *
         * @param backoff backoff, 10ms..1m
         * @return this builder
         */
        public Builder initialBackoff(Duration backoff) {
            if (backoff.compareTo(Duration.ofMillis(10)) < 0 || backoff.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("approvals notification initial-backoff must be 10ms..1m, got "
                        + backoff);
            }
            this.initialBackoff = backoff;
            return this;
        }

        /**
         * Connect and response timeout of one attempt (default 10s).
         *
         * @param timeout timeout, 100ms..1m
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("approvals notification timeout must be 100ms..1m, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * How to build a request's review URL.
         *
         * @param reviewUrl id to URL
         * @return this builder
         */
        public Builder reviewUrl(Function<String, String> reviewUrl) {
            this.reviewUrl = Objects.requireNonNull(reviewUrl, "reviewUrl");
            return this;
        }

        /**
         * The clock for signature timestamps.
         *
         * @param clock clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the notifier.
         *
         * @return notifier
         */
        public WebhookNotifier build() {
            if (format == null || url == null || reviewUrl == null) {
                throw new IllegalStateException("A webhook notifier needs a kind, a URL and the review URL");
            }
            if (format == Format.WEBHOOK && secret == null) {
                throw new IllegalArgumentException("approvals notifications of kind webhook need a secret "
                        + "(receivers verify the X-Gateway-Signature with it)");
            }
            return new WebhookNotifier(this);
        }
    }
}
