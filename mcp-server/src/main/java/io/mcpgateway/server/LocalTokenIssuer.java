package io.mcpgateway.server;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The embedded token issuer: a P-256 signing key kept under the data directory and the tokens
 * {@code ./gateway token} mints with it, so a newcomer needs no identity provider.
 *
 * <p>The key file is created on first use, readable by its owner only. Production deployments
 * use {@code auth.mode: oidc} instead and never touch this class.
 */
public final class LocalTokenIssuer {

    private final ECKey key;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    private LocalTokenIssuer(ECKey key, String issuer, String audience, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /**
     * Loads the signing key from {@code DATA_DIR/keys/signing-key.jwk}, creating it when absent.
     *
     * @param dataDir  data directory
     * @param issuer   issuer claim
     * @param audience audience claim
     * @param clock    clock for issue and expiry times
     * @return the issuer
     */
    public static LocalTokenIssuer create(Path dataDir, String issuer, String audience, Clock clock) {
        Path file = dataDir.resolve("keys").resolve("signing-key.jwk");
        try {
            ECKey key = ECKey.parse(KeyFiles.readOrCreate(file, () -> {
                try {
                    return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate().toJSONString();
                } catch (JOSEException e) {
                    throw new IllegalStateException("Cannot generate a signing key", e);
                }
            }));
            return new LocalTokenIssuer(key, issuer, audience, clock);
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("Cannot load or create the local signing key at " + file, e);
        }
    }

    /**
     * Mints a token.
     *
     * @param subject user id
     * @param email   e-mail, or empty
     * @param groups  groups
     * @param ttl     lifetime
     * @return compact JWT
     */
    public String mint(String subject, String email, Set<String> groups, Duration ttl) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("--user must not be blank");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofDays(30)) > 0) {
            throw new IllegalArgumentException("token lifetime must be positive and at most 30 days, got " + ttl);
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("groups", List.copyOf(groups));
        if (email != null && !email.isBlank()) {
            claims.claim("email", email);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Token signing failed", e);
        }
        return jwt.serialize();
    }

    /**
     * The public half of the signing key, for verification.
     *
     * @return public JWK
     */
    public ECKey publicKey() {
        return key.toPublicJWK();
    }
}
