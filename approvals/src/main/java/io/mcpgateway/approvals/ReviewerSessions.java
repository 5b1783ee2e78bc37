package io.mcpgateway.approvals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import io.helidon.config.Config;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.mcpgateway.tools.Identity;

/**
 * Sessions of the review page: a verified token is exchanged once for a random session id (the
 * cookie value) and a CSRF token. The store keeps only the SHA-256 of the session id, so a copy
 * of the table signs nobody in; sessions live in the shared store, so any gateway instance
 * behind a load balancer accepts them. A session ends at its lifetime or at sign-out.
 */
public final class ReviewerSessions {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();
    private final JsonMapper json = JsonMapper.builder().build();

    private ReviewerSessions(Builder b) {
        this.dataSource = b.dataSource;
        this.clock = b.clock;
        this.ttl = b.ttl;
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
     * Opens a session for a person whose token was verified.
     *
     * @param person the verified identity
     * @return the new session with its cookie value
     */
    public Opened open(Identity person) {
        Instant now = clock.instant();
        String id = randomToken();
        String csrf = randomToken();
        Instant expires = now.plus(ttl);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM approval_session WHERE expires_at <= ?")) {
                purge.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                purge.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO approval_session (id_hash, subject, email, "
                    + "groups_json, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, ApprovalBinding.sha256(id));
                ps.setString(2, person.subject());
                ps.setString(3, person.email());
                ps.setString(4, json.writeValueAsString(person.groups().stream().sorted().toList()));
                ps.setString(5, csrf);
                ps.setObject(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                ps.setObject(7, OffsetDateTime.ofInstant(expires, ZoneOffset.UTC));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new ApprovalStoreException("The session store could not open a session.", e);
        }
        return new Opened(id, new Session(person, csrf, expires));
    }

    /**
     * The live session a cookie value names.
     *
     * @param cookieValue the session cookie's value
     * @return the session, empty when unknown or expired
     */
    public Optional<Session> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT subject, email, groups_json, csrf_token, expires_at "
                     + "FROM approval_session WHERE id_hash = ? AND expires_at > ?")) {
            ps.setString(1, ApprovalBinding.sha256(cookieValue));
            ps.setObject(2, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Identity person = new Identity(rs.getString(1), rs.getString(2),
                        Set.copyOf(json.readValue(rs.getString(3), STRINGS)));
                return Optional.of(new Session(person, rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw new ApprovalStoreException("The session store could not be read.", e);
        }
    }

    /**
     * Ends a session (sign-out).
     *
     * @param cookieValue the session cookie's value
     */
    public void close(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM approval_session WHERE id_hash = ?")) {
            ps.setString(1, ApprovalBinding.sha256(cookieValue));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new ApprovalStoreException("The session store could not end the session.", e);
        }
    }

    /**
     * How long a session lasts.
     *
     * @return lifetime
     */
    public Duration ttl() {
        return ttl;
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A new session.
     *
     * @param cookieValue the value for the session cookie (shown once, never stored)
     * @param session     the session
     */
    public record Opened(String cookieValue, Session session) {
    }

    /**
     * A live session.
     *
     * @param person    who is signed in
     * @param csrfToken the token every state-changing request of this session must carry
     * @param expiresAt when it ends
     */
    public record Session(Identity person, String csrfToken, Instant expiresAt) {
        /**
         * Validates fields.
         *
         * @param person    person
         * @param csrfToken CSRF token
         * @param expiresAt expiry
         */
        public Session {
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(csrfToken, "csrfToken");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /**
         * Whether a presented CSRF token is this session's, compared in constant time.
         *
         * @param presented token from the form or header, may be null
         * @return true when it matches
         */
        public boolean csrfMatches(String presented) {
            return presented != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8),
                    presented.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Builder of {@link ReviewerSessions}.
     */
    public static final class Builder {
        private DataSource dataSource;
        private Clock clock = Clock.systemUTC();
        private Duration ttl = Duration.ofHours(8);

        private Builder() {
        }

        /**
         * Reads {@code session-ttl} from the {@code approvals} section.
         *
         * @param config the {@code approvals} config node
         * @return this builder
         */
        public Builder config(Config config) {
            config.get("session-ttl").asString()
                    .ifPresent(v -> ttl(Durations.parse(v, "approvals.session-ttl")));
            return this;
        }

        /**
         * The store.
         *
         * @param dataSource data source
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * The clock.
         *
         * @param clock clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Session lifetime ({@code approvals.session-ttl}, default 8h).
         *
         * @param ttl lifetime, 1m..7d
         * @return this builder
         */
        public Builder ttl(Duration ttl) {
            if (ttl.compareTo(Duration.ofMinutes(1)) < 0 || ttl.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("approvals.session-ttl must be between 1m and 7d, got " + ttl);
            }
            this.ttl = ttl;
            return this;
        }

        /**
         * Builds the sessions.
         *
         * @return sessions
         */
        public ReviewerSessions build() {
            if (dataSource == null) {
                throw new IllegalStateException("ReviewerSessions needs a data source (the gateway store)");
            }
            return new ReviewerSessions(this);
        }
    }
}
