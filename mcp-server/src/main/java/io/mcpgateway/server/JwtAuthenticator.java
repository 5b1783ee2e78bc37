package io.mcpgateway.server;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import io.mcpgateway.tools.Identity;

/**
 * Verifies bearer tokens (signature, issuer, audience, expiry) and turns them into an
 * {@link Identity}. Keys come from the embedded issuer or from the IdP's JWKS URL.
 */
public final class JwtAuthenticator {

    private static final System.Logger LOGGER = System.getLogger(JwtAuthenticator.class.getName());
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256);

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String groupsClaim;
    private final String emailClaim;

    private JwtAuthenticator(JWKSource<SecurityContext> keys, GatewayConfig.Auth auth) {
        this.groupsClaim = auth.groupsClaim();
        this.emailClaim = auth.emailClaim();
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                Set.of(auth.audience()),
                new JWTClaimsSet.Builder().issuer(auth.issuer()).build(),
                Set.of("sub", "exp", "iat"),
                Set.of()));
        this.processor = p;
    }

    /**
     * Creates the authenticator for the configured mode.
     *
     * @param auth   auth settings
     * @param issuer the embedded issuer (used when mode is embedded)
     * @return authenticator
     */
    public static JwtAuthenticator create(GatewayConfig.Auth auth, LocalTokenIssuer issuer) {
        JWKSource<SecurityContext> keys;
        if (auth.mode().equals("oidc")) {
            try {
                keys = JWKSourceBuilder.create(URI.create(auth.jwksUrl()).toURL()).retrying(true).build();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("auth.jwks-url is not a valid URL: " + auth.jwksUrl());
            }
        } else {
            keys = new ImmutableJWKSet<>(new JWKSet(issuer.publicKey()));
        }
        return new JwtAuthenticator(keys, auth);
    }

    /**
     * Verifies an {@code Authorization} header value.
     *
     * @param authorization header value, may be null
     * @return the identity
     * @throws AuthenticationException when missing or not acceptable
     */
    public Identity authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new AuthenticationException("A bearer token is required.", false);
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AuthenticationException("The Authorization header must use the Bearer scheme.", false);
        }
        return verify(authorization.substring(7).trim());
    }

    /**
     * Verifies a compact JWT.
     *
     * @param token the token
     * @return the identity
     * @throws AuthenticationException when not acceptable
     */
    public Identity verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (BadJWTException e) {
            throw new AuthenticationException("The token was rejected: " + e.getMessage() + ".", true);
        } catch (ParseException | BadJOSEException e) {
            throw new AuthenticationException("The token is malformed or its signature is not valid.", true);
        } catch (JOSEException e) {
            LOGGER.log(System.Logger.Level.WARNING, "Token verification failed: " + e.getMessage());
            throw new AuthenticationException("The token could not be verified.", true);
        }
        Set<String> groups = new HashSet<>();
        Object raw = claims.getClaim(groupsClaim);
        if (raw instanceof List<?> list) {
            list.forEach(g -> groups.add(String.valueOf(g)));
        } else if (raw instanceof String s && !s.isBlank()) {
            groups.addAll(List.of(s.split("[ ,]+")));
        }
        Object email = claims.getClaim(emailClaim);
        return new Identity(claims.getSubject(), email == null ? "" : email.toString(), groups);
    }
}
