package io.mcpgateway.approvals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.mcpgateway.approvals.ApprovalFixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review-page sessions in the real store: lookup, expiry, sign-out, CSRF comparison.
 */
class ReviewerSessionsTest {

    private ApprovalFixture fixture;
    private ReviewerSessions sessions;

    @BeforeEach
    void setUp() {
        fixture = ApprovalFixture.h2("sessions-" + UUID.randomUUID());
        sessions = ReviewerSessions.builder().dataSource(fixture.dataSource).clock(fixture.clock)
                .ttl(Duration.ofHours(1)).build();
    }

    @Test
    void sessionFindsItsPersonUntilItExpires() {
        ReviewerSessions.Opened opened = sessions.open(BOB);
        assertEquals(BOB, sessions.find(opened.cookieValue()).orElseThrow().person());
        fixture.clock.advance(Duration.ofMinutes(59));
        assertTrue(sessions.find(opened.cookieValue()).isPresent());
        fixture.clock.advance(Duration.ofMinutes(1));
        assertTrue(sessions.find(opened.cookieValue()).isEmpty(), "expired after its lifetime");
    }

    @Test
    void signOutEndsTheSession() {
        ReviewerSessions.Opened opened = sessions.open(BOB);
        sessions.close(opened.cookieValue());
        assertTrue(sessions.find(opened.cookieValue()).isEmpty());
    }

    @Test
    void storeKeepsOnlyAHashOfTheSessionId() throws Exception {
        ReviewerSessions.Opened opened = sessions.open(BOB);
        try (Connection c = fixture.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id_hash FROM approval_session")) {
            assertTrue(rs.next());
            assertEquals(ApprovalBinding.sha256(opened.cookieValue()), rs.getString(1));
        }
        assertTrue(sessions.find(ApprovalBinding.sha256(opened.cookieValue())).isEmpty(),
                "the stored hash does not work as a cookie");
    }

    @Test
    void csrfTokenMustMatchExactly() {
        ReviewerSessions.Session s = sessions.open(BOB).session();
        assertTrue(s.csrfMatches(s.csrfToken()));
        assertFalse(s.csrfMatches(null));
        assertFalse(s.csrfMatches(""));
        assertFalse(s.csrfMatches(s.csrfToken().substring(1)));
        assertFalse(s.csrfMatches(sessions.open(BOB).session().csrfToken()), "another session's token");
    }
}
