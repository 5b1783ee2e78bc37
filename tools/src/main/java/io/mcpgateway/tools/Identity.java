package io.mcpgateway.tools;

import java.util.Objects;
import java.util.Set;

/**
 * The verified caller of a tool: who the bearer token says they are.
 *
 * <p>Created only by the authentication stage from a token whose signature, issuer, audience and
 * expiry were checked; every later stage trusts it and nothing else.
 *
 * @param subject the token subject (stable user id)
 * @param email   the user's e-mail address if the token carries one, else empty string
 * @param groups  the groups the token grants
 */
public record Identity(String subject, String email, Set<String> groups) {

    /**
     * Creates an identity, copying the group set.
     *
     * @param subject the token subject, not blank
     * @param email   e-mail or {@code null}
     * @param groups  groups, may be empty
     */
    public Identity {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("Identity subject must not be blank");
        }
        email = email == null ? "" : email;
        groups = Set.copyOf(groups);
    }

    /**
     * Whether this identity belongs to at least one of the given groups.
     *
     * @param candidates groups to test
     * @return true when the intersection is not empty
     */
    public boolean inAnyGroup(Set<String> candidates) {
        for (String g : candidates) {
            if (groups.contains(g)) {
                return true;
            }
        }
        return false;
    }
}
