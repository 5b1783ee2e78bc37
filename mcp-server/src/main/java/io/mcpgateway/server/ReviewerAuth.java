package io.mcpgateway.server;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.mcpgateway.approvals.ReviewerSessions;
import io.mcpgateway.tools.Identity;

/**
 * Who is using the review page or the approvals API, and whether a state-changing request
 * really comes from them.
 * <ul>
 *     <li>The page: a token (the IdP's, or {@code ./gateway token} in the demo) is exchanged once
 *     for a session cookie that is {@code HttpOnly} (no script reads it), {@code SameSite=Strict}
 *     (no other site's request carries it) and {@code Secure} when the gateway is reached over
 *     HTTPS.</li>
 *     <li>Every decision, withdrawal and sign-out made with the cookie must carry the session's
 *     CSRF token (form field {@code csrf} or header {@code X-CSRF-Token}) and, when the browser
 *     sends one, an {@code Origin} of this gateway.</li>
 *     <li>The API also accepts {@code Authorization: Bearer}; such requests carry no ambient
 *     credential, so they need no CSRF token.</li>
 * </ul>
 */
final class ReviewerAuth {

    /** The session cookie's name. */
    static final String COOKIE = "gateway_review";
    private static final HeaderName CSRF_HEADER = HeaderNames.create("X-CSRF-Token");
    private static final HeaderName FETCH_SITE = HeaderNames.create("Sec-Fetch-Site");

    private final ReviewerSessions sessions;
    private final JwtAuthenticator authenticator;
    private final Supplier<String> publicBase;

    /**
     * Creates the reviewer authentication.
     *
     * @param sessions      session store
     * @param authenticator token verifier
     * @param publicBase    the gateway's base URL as clients reach it
     */
    ReviewerAuth(ReviewerSessions sessions, JwtAuthenticator authenticator, Supplier<String> publicBase) {
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.publicBase = publicBase;
    }

    /**
     * The live session of the request's cookie.
     *
     * @param req request
     * @return session, if signed in
     */
    Optional<ReviewerSessions.Session> session(ServerRequest req) {
        return req.headers().cookies().first(COOKIE).asOptional().flatMap(sessions::find);
    }

    /**
     * The caller of an API request: a bearer token, else the session cookie.
     *
     * @param req request
     * @return the caller and, for cookie callers, their session
     * @throws AuthenticationException when a bearer token is present but not valid
     */
    Optional<Caller> apiCaller(ServerRequest req) {
        Optional<String> authorization = req.headers().first(HeaderNames.AUTHORIZATION);
        if (authorization.isPresent()) {
            return Optional.of(new Caller(authenticator.authenticate(authorization.get()), Optional.empty()));
        }
        return session(req).map(s -> new Caller(s.person(), Optional.of(s)));
    }

    /**
     * Verifies a token for sign-in.
     *
     * @param token compact JWT
     * @return identity
     * @throws AuthenticationException when not valid
     */
    Identity verify(String token) {
        return authenticator.verify(token.strip());
    }

    /**
     * Whether a state-changing request made with the session cookie is genuine: right CSRF
     * token, and an Origin of this gateway when the browser sent one.
     *
     * @param req       request
     * @param session   the cookie's session
     * @param formToken the {@code csrf} form field, or null (then the header is used)
     * @return true when genuine
     */
    boolean genuine(ServerRequest req, ReviewerSessions.Session session, String formToken) {
        String presented = formToken != null ? formToken : req.headers().first(CSRF_HEADER).orElse(null);
        return session.csrfMatches(presented) && sameOrigin(req);
    }

    /**
     * Whether the browser says the request comes from this gateway's own pages. Requests without
     * an {@code Origin} (non-browser clients) pass; a cross-site fetch marker fails.
     *
     * @param req request
     * @return true when same-origin or no browser claim
     */
    boolean sameOrigin(ServerRequest req) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            return !req.headers().first(FETCH_SITE).map(v -> v.equals("cross-site")).orElse(false);
        }
        String o = origin.get().toLowerCase(Locale.ROOT);
        String host = req.headers().first(HeaderNames.HOST).orElse("").toLowerCase(Locale.ROOT);
        return o.equals("http://" + host) || o.equals("https://" + host) || o.equals(origin(publicBase.get()));
    }

    /**
     * Opens a session and sets its cookie.
     *
     * @param person verified identity
     * @param req    request
     * @param res    response
     */
    void signIn(Identity person, ServerRequest req, ServerResponse res) {
        ReviewerSessions.Opened opened = sessions.open(person);
        res.headers().addCookie(cookie(opened.cookieValue(), sessions.ttl(), req));
    }

    /**
     * Ends the request's session and clears its cookie.
     *
     * @param req request
     * @param res response
     */
    void signOut(ServerRequest req, ServerResponse res) {
        req.headers().cookies().first(COOKIE).asOptional().ifPresent(sessions::close);
        res.headers().addCookie(cookie("", Duration.ZERO, req));
    }

    private SetCookie cookie(String value, Duration maxAge, ServerRequest req) {
        return SetCookie.builder(COOKIE, value)
                .path("/")
                .httpOnly(true)
                .sameSite(SetCookie.SameSite.STRICT)
                .secure(req.isSecure() || publicBase.get().startsWith("https://"))
                .maxAge(maxAge)
                .build();
    }

    /**
     * Sets the headers every review page and API response carries: no caching, no framing, no
     * content sniffing, no referrer to other sites (not {@code no-referrer}: under it browsers
     * send {@code Origin: null} with the page's own forms, which the origin check then refuses),
     * and a Content-Security-Policy that allows only this
     * gateway's own stylesheet, script and connections (the pages have no inline code).
     *
     * @param res response
     */
    static void protect(ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store")
                .header(HeaderNames.create("X-Content-Type-Options"), "nosniff")
                .header(HeaderNames.create("X-Frame-Options"), "DENY")
                .header(HeaderNames.create("Referrer-Policy"), "same-origin")
                .header(HeaderNames.create("Content-Security-Policy"), "default-src 'none'; script-src 'self'; "
                        + "style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; "
                        + "frame-ancestors 'none'; base-uri 'none'");
    }

    private static String origin(String url) {
        try {
            URI u = URI.create(url);
            return (u.getScheme() + "://" + u.getRawAuthority()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /**
     * An authenticated API caller.
     *
     * @param person  who
     * @param session their session when they came with the cookie (then CSRF applies)
     */
    record Caller(Identity person, Optional<ReviewerSessions.Session> session) {
    }
}
