package io.mcpgateway.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import io.mcpgateway.tools.Identity;

/**
 * Pipeline step 1, at the HTTP edge: every request to a protected path must carry a valid bearer
 * token, or it is answered with {@code 401} and a {@code WWW-Authenticate} challenge that points
 * to the protected-resource metadata (MCP authorization spec, RFC 9728) before MCP is involved.
 * The verified {@link Identity} is registered in the request context for the MCP transport.
 */
final class BearerAuthFilter implements Filter {

    private final JwtAuthenticator authenticator;
    private final String protectedPrefix;
    private final java.util.function.Supplier<String> metadataUrl;

    /**
     * Creates the filter.
     *
     * @param authenticator   token verifier
     * @param protectedPrefix path prefix that needs a token (e.g. {@code /mcp})
     * @param metadataUrl     absolute URL of the protected-resource metadata (known once the port is)
     */
    BearerAuthFilter(JwtAuthenticator authenticator, String protectedPrefix, java.util.function.Supplier<String> metadataUrl) {
        this.authenticator = authenticator;
        this.protectedPrefix = protectedPrefix;
        this.metadataUrl = metadataUrl;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (!path.equals(protectedPrefix) && !path.startsWith(protectedPrefix + "/")) {
            chain.proceed();
            return;
        }
        try {
            Identity identity = authenticator.authenticate(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null));
            req.context().register(identity);
            chain.proceed();
        } catch (AuthenticationException e) {
            String challenge = "Bearer realm=\"mcp-gateway\", resource_metadata=\"" + metadataUrl.get() + "\""
                    + (e.tokenPresent() ? ", error=\"invalid_token\", error_description=\""
                    + e.getMessage().replace('"', '\'') + "\"" : "");
            res.status(Status.UNAUTHORIZED_401)
                    .header(HeaderNames.WWW_AUTHENTICATE, challenge)
                    .header(HeaderNames.CONTENT_TYPE, "application/json")
                    .send("{\"error\":\"" + (e.tokenPresent() ? "invalid_token" : "unauthorized")
                            + "\",\"error_description\":\"" + e.getMessage().replace('"', '\'') + "\"}");
        }
    }
}
