package io.mcpgateway.tools;

import java.util.Map;
import java.util.Objects;

/**
 * A system tools run against, as declared in the gateway configuration. Holds a credential
 * <em>reference</em> ({@code env:NAME}, {@code file:PATH}); the value is resolved by the
 * connectors just in time and never leaves the server.
 *
 * @param name          connection name, e.g. {@code prod-db-readonly}
 * @param kind          {@code jdbc}, {@code http} or {@code logs}
 * @param url           JDBC URL, base URL or root path
 * @param user          user name for the credential, or empty
 * @param credentialRef reference to the secret, or empty when none is needed
 * @param risk          risk level deciding what policy allows when no rule matches
 * @param options       further kind-specific settings (dashed keys)
 */
public record ConnectionDefinition(String name,
                                   String kind,
                                   String url,
                                   String user,
                                   String credentialRef,
                                   RiskLevel risk,
                                   Map<String, String> options) {

    /**
     * Validates fields.
     *
     * @param name          name
     * @param kind          kind
     * @param url           url
     * @param user          user
     * @param credentialRef credential reference
     * @param risk          risk
     * @param options       options
     */
    public ConnectionDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        user = user == null ? "" : user;
        credentialRef = credentialRef == null ? "" : credentialRef;
        Objects.requireNonNull(risk, "risk");
        options = Map.copyOf(options);
    }

    /**
     * Hides the credential reference target in {@code toString}: config dumps are logged.
     *
     * @return a printable form
     */
    @Override
    public String toString() {
        return "ConnectionDefinition[name=" + name + ", kind=" + kind + ", url=" + url + ", user=" + user
                + ", credential=" + (credentialRef.isEmpty() ? "none" : "<reference>") + ", risk="
                + risk.configName() + "]";
    }
}
