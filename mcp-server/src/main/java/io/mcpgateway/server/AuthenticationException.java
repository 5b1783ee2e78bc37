package io.mcpgateway.server;

/**
 * A bearer token was missing or not acceptable. The message is safe to return in the
 * {@code WWW-Authenticate} header: it never echoes the token.
 */
public final class AuthenticationException extends RuntimeException {

    private final boolean tokenPresent;

    /**
     * Creates the exception.
     *
     * @param message      client-safe reason
     * @param tokenPresent whether a token was sent (then the error is {@code invalid_token})
     */
    public AuthenticationException(String message, boolean tokenPresent) {
        super(message);
        this.tokenPresent = tokenPresent;
    }

    /**
     * Whether a token was sent.
     *
     * @return true when a token was present but refused
     */
    public boolean tokenPresent() {
        return tokenPresent;
    }
}
