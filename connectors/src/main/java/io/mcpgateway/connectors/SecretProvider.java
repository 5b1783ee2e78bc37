package io.mcpgateway.connectors;

import java.util.Set;

/**
 * One place server-held credentials come from, chosen by the scheme of a credential reference
 * ({@code env:}, {@code file:}, {@code vault:}). Implementations never put a secret value into an
 * exception message or a log line; messages name the reference only.
 */
public interface SecretProvider {

    /**
     * The reference scheme this provider serves, without the colon, e.g. {@code vault}.
     *
     * @return scheme
     */
    String scheme();

    /**
     * Fetches a secret value.
     *
     * @param location the reference without its scheme, e.g. {@code DB_PASSWORD} for {@code env:DB_PASSWORD}
     * @return the value, never empty
     * @throws io.mcpgateway.tools.GatewayException with reason code {@code credential_unavailable}
     *                                              when it cannot be fetched
     */
    String fetch(String location);

    /**
     * Forgets any cached value of a reference, because the system it was used on rejected it
     * (rotated password, revoked token); the next {@link #fetch(String)} asks the backend again.
     *
     * @param location the reference without its scheme
     */
    default void invalidate(String location) {
    }

    /**
     * Credentials the provider itself holds to reach its backend (a Vault token). They are
     * scrubbed from every output like the secrets it hands out.
     *
     * @return held credential values, possibly empty
     */
    default Set<String> heldCredentials() {
        return Set.of();
    }
}
