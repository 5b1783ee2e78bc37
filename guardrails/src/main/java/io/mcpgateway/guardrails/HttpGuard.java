package io.mcpgateway.guardrails;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.Decision;

/**
 * The hard guards on HTTP requests: the request must stay on the connection's host and under its
 * base path, use a known method, and not set headers that change where it goes or who it is.
 * A path that climbs out ({@code ..}, encoded or not), starts a new authority ({@code //host}),
 * or hides separators ({@code %2f}, {@code \}) would reach a host or an API the operator did
 * not configure.
 */
public final class HttpGuard implements Policy {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("host", "authorization", "proxy-authorization", "cookie",
            "forwarded", "x-forwarded-host", "x-forwarded-for", "x-forwarded-proto", "x-original-url", "x-rewrite-url");
    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)(\\.|%2e){1,2}(/|$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HIDDEN_SEPARATOR = Pattern.compile("%(2f|5c|00)|\\\\|[\\x00-\\x1f\\x7f]|#",
            Pattern.CASE_INSENSITIVE);

    /**
     * Creates the guard.
     */
    public HttpGuard() {
    }

    @Override
    public Optional<Decision> evaluate(PolicyInput input) {
        if (!(input.call().request() instanceof BoundRequest.Http http)) {
            return Optional.empty();
        }
        String method = http.method().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            return deny("guard.http-method", "http_method_not_allowed", "HTTP method " + method + " is not allowed.",
                    "Use GET, HEAD, OPTIONS, POST, PUT, PATCH or DELETE.");
        }
        String path = http.path();
        if (path.startsWith("//") || DOT_SEGMENT.matcher(path).find() || HIDDEN_SEPARATOR.matcher(path).find()) {
            return deny("guard.http-egress", "http_path_escapes", "The request path would leave the connection's "
                    + "base URL (dot segments, a second //, or encoded separators are not allowed).",
                    "Use a plain path below the API's base URL.");
        }
        for (Map.Entry<String, String> h : http.headers().entrySet()) {
            if (FORBIDDEN_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                return deny("guard.http-egress", "http_header_not_allowed", "A tool may not set the " + h.getKey()
                        + " header: the gateway sets host and credentials itself.", "Remove the header from the template.");
            }
        }
        return Optional.empty();
    }

    private static Optional<Decision> deny(String rule, String code, String message, String allowed) {
        return Optional.of(new Decision.Deny(rule, code, message, allowed));
    }
}
