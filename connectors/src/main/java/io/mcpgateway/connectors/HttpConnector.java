package io.mcpgateway.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import io.helidon.common.tls.Tls;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.api.WebClientConfig;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.GatewayException;
import io.mcpgateway.tools.ToolResult;

/**
 * Calls an HTTP API for tools whose template is an HTTP request, with the connection's credential
 * injected by the gateway (bearer token, Basic user and password, or an API-key header).
 *
 * <p>Egress is confined by an {@link EgressGuard}: the target and every redirect must be on the
 * connection's allowlist, and connections go to the exact address that was resolved and checked.
 * The pinning uses Helidon WebClient's DNS resolver SPI: the client asks our resolver for the
 * address of each new connection and connects to what it returns, so DNS rebinding between the
 * check and the connect is impossible, while TLS still verifies the certificate against the host
 * name. Redirects are followed by this class, not the client, so each hop is checked; the
 * credential is sent only to the connection's own origin. When the API answers 401 or 403, the
 * credential is fetched afresh (rotation) and the request is retried once if the value changed.
 *
 * <p>Options (dashed keys under the connection): {@code auth} ({@code none}, {@code bearer},
 * {@code basic}, {@code api-key}; default bearer when a credential is set), {@code api-key-header}
 * (default {@code X-API-Key}), {@code allowed-hosts} and {@code allowed-networks} (comma-separated,
 * see {@link EgressGuard}), {@code ca-file} (PEM certificates to trust), {@code max-redirects}
 * (default 3).
 */
public final class HttpConnector implements Connector {

    private static final System.Logger LOGGER = System.getLogger(HttpConnector.class.getName());
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "authorization", "proxy-authorization",
            "cookie", "content-length", "transfer-encoding", "connection", "te", "upgrade", "expect", "trailer",
            "keep-alive", "x-forwarded-for", "forwarded");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern ENCODED_PATH = Pattern.compile("(/([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})*)+");
    private static final Pattern UNSAFE_ATTRIBUTION = Pattern.compile("[^A-Za-z0-9@._:+-]");

    private final ConnectionDefinition definition;
    private final SecretResolver secrets;
    private final URI base;
    private final String auth;
    private final String apiKeyHeader;
    private final int maxRedirects;
    private final EgressGuard guard;
    private final WebClient client;
    private final HttpResponseReader reader = new HttpResponseReader();

    /**
     * Creates a connector for a connection of kind {@code http}.
     *
     * @param definition the connection
     * @param secrets    credential resolver
     * @throws IllegalArgumentException naming the option for an invalid setting
     */
    public HttpConnector(ConnectionDefinition definition, SecretResolver secrets) {
        this(definition, secrets, InetAddress::getAllByName);
    }

    HttpConnector(ConnectionDefinition definition, SecretResolver secrets, EgressGuard.AddressResolver resolver) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        String key = "connections." + definition.name();
        this.base = URI.create(definition.url());
        if (base.getHost() == null || !(base.getScheme().equals("http") || base.getScheme().equals("https"))
                || base.getRawQuery() != null || base.getRawUserInfo() != null) {
            throw new IllegalArgumentException(key + ".url must be an http(s) base URL without query or user info, got '"
                    + definition.url() + "'");
        }
        Map<String, String> o = definition.options();
        this.auth = o.getOrDefault("auth", definition.credentialRef().isEmpty() ? "none" : "bearer");
        if (!Set.of("none", "bearer", "basic", "api-key").contains(auth)) {
            throw new IllegalArgumentException(key + ".auth must be none, bearer, basic or api-key, got '" + auth + "'");
        }
        if (!auth.equals("none") && definition.credentialRef().isEmpty()) {
            throw new IllegalArgumentException(key + ".credential is required for auth '" + auth + "'");
        }
        if (auth.equals("basic") && definition.user().isEmpty()) {
            throw new IllegalArgumentException(key + ".user is required for auth 'basic'");
        }
        this.apiKeyHeader = o.getOrDefault("api-key-header", "X-API-Key");
        if (!HEADER_NAME.matcher(apiKeyHeader).matches()) {
            throw new IllegalArgumentException(key + ".api-key-header is not a header name: '" + apiKeyHeader + "'");
        }
        this.maxRedirects = intOption(o, "max-redirects", 3, 0, 10, key);
        this.guard = new EgressGuard(definition.name(), base, list(o.get("allowed-hosts")),
                list(o.get("allowed-networks")), resolver);
        WebClientConfig.Builder builder = WebClient.builder()
                .followRedirects(false)
                .proxy(Proxy.noProxy())
                .shareConnectionCache(false)
                .connectTimeout(Duration.ofSeconds(10))
                .dnsResolver((host, lookup) -> guard.resolve(host));
        if (o.containsKey("ca-file")) {
            builder.tls(Tls.builder().trust(PemCertificates.read(Path.of(o.get("ca-file")), key + ".ca-file")).build());
        }
        this.client = builder.build();
    }

    @Override
    public ToolResult execute(BoundCall call, ExecutionContext context) {
        if (!(call.request() instanceof BoundRequest.Http http)) {
            throw new GatewayException("wrong_connector", "Tool '" + call.tool().name()
                    + "' is not an HTTP tool but runs on HTTP connection '" + definition.name() + "'.");
        }
        Duration timeout = call.tool().limits().timeout();
        Instant deadline = Instant.now().plus(timeout);
        URI target = target(http);
        String credential = auth.equals("none") ? null : secrets.resolve(definition.credentialRef());
        Response r = follow(http, target, credential, call, context, deadline, timeout);
        if ((r.status() == 401 || r.status() == 403) && credential != null) {
            // the API rejected the credential: it may have been rotated; ask the store again, once
            secrets.invalidate(definition.credentialRef());
            String fresh = secrets.resolve(definition.credentialRef());
            if (!fresh.equals(credential)) {
                LOGGER.log(System.Logger.Level.INFO, "Connection " + definition.name() + ": credential rejected with HTTP "
                        + r.status() + "; retrying once with a freshly fetched credential");
                r = follow(http, target, fresh, call, context, deadline, timeout);
            }
        }
        return reader.classify(r.status(), r.contentType(), r.body());
    }

    /** Sends the request and follows redirects, checking each hop against the guard. */
    private Response follow(BoundRequest.Http http, URI first, String credential, BoundCall call,
                            ExecutionContext context, Instant deadline, Duration timeout) {
        URI uri = first;
        String method = http.method();
        String body = http.body();
        for (int hop = 0; ; hop++) {
            guard.checkTarget(uri);
            boolean ownOrigin = sameOrigin(uri, base);
            try (HttpClientResponse response = send(method, uri, http.headers(), body,
                    ownOrigin ? credential : null, call, context, timeout)) {
                int status = response.status().code();
                var location = response.headers().first(HeaderNames.LOCATION);
                if (status >= 300 && status < 400 && status != 304 && location.isPresent()) {
                    if (hop >= maxRedirects) {
                        throw new GatewayException("too_many_redirects", "The API at connection '" + definition.name()
                                + "' redirected more than " + maxRedirects + " times.");
                    }
                    uri = redirect(uri, location.get());
                    if (status == 303 || ((status == 301 || status == 302) && !method.equals("GET")
                            && !method.equals("HEAD"))) {
                        method = "GET";
                        body = null;
                    }
                    continue;
                }
                String contentType = response.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
                HttpResponseReader.Body read = reader.read(response.inputStream(), call.tool().limits().maxBytes(), deadline);
                return new Response(status, contentType, read);
            } catch (IOException | UncheckedIOException e) {
                throw failure(e, uri, timeout);
            } catch (GatewayException e) {
                throw e;
            } catch (RuntimeException e) {
                throw failure(e, uri, timeout);
            }
        }
    }

    private HttpClientResponse send(String method, URI uri, Map<String, String> headers, String body, String credential,
                                    BoundCall call, ExecutionContext context, Duration timeout) {
        HttpClientRequest request = client.method(Method.create(method))
                .uri(wire(uri))
                .skipUriEncoding(true)
                .readTimeout(timeout);
        headers.forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches() || RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))
                    || name.equalsIgnoreCase(apiKeyHeader) || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new GatewayException("invalid_request", "Tool '" + call.tool().name() + "' sets header '"
                        + name + "', which the gateway does not let templates set.");
            }
            request.header(HeaderNames.create(name), value);
        });
        request.header(HeaderNames.USER_AGENT, "mcp-gateway");
        // attribution, like the SQL comment: the API's own logs name the person behind each call
        request.header(HeaderNames.create("X-Gateway-User"), attribution(context.user()));
        request.header(HeaderNames.create("X-Gateway-Tool"), attribution(call.tool().name()));
        request.header(HeaderNames.create("X-Gateway-Event"), attribution(context.auditEventId()));
        if (credential != null) {
            switch (auth) {
                case "bearer" -> request.header(HeaderNames.AUTHORIZATION, "Bearer " + credential);
                case "api-key" -> request.header(HeaderNames.create(apiKeyHeader), credential);
                case "basic" -> request.header(HeaderNames.AUTHORIZATION, "Basic " + basic(credential));
                default -> throw new IllegalStateException("auth " + auth);
            }
        }
        if (body == null) {
            return request.request();
        }
        request.header(HeaderNames.CONTENT_TYPE, "application/json");
        return request.submit(body.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void prepareCredential() {
        if (!auth.equals("none")) {
            String credential = secrets.resolve(definition.credentialRef());
            if (auth.equals("basic")) {
                basic(credential);
            }
        }
    }

    /** The Basic value of a credential; the pair and its encoding are credentials too, registered for scrubbing. */
    private String basic(String credential) {
        String pair = definition.user() + ":" + credential;
        String encoded = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        secrets.registerDerived(pair);
        secrets.registerDerived(encoded);
        return encoded;
    }

    /** Joins the bound path and query to the base URL, refusing paths that could climb out of it. */
    private URI target(BoundRequest.Http http) {
        String path = http.path();
        if (!ENCODED_PATH.matcher(path).matches()) {
            throw new GatewayException("invalid_request", "The request path of this tool contains characters that "
                    + "must be percent-encoded.");
        }
        for (String segment : path.split("/")) {
            String decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            // an encoded slash is a legitimate value ("A/1"), but a server or proxy that decodes it before
            // routing must not find '.' or '..' steps in it
            boolean climbs = false;
            for (String step : decoded.split("[/\\\\]", -1)) {
                climbs |= step.equals(".") || step.equals("..");
            }
            if (climbs || decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new GatewayException("invalid_request", "The request path contains a segment that would leave "
                        + "the API's base path ('.' or '..', also encoded, or a control character).");
            }
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        StringBuilder url = new StringBuilder(base.getScheme()).append("://").append(base.getRawAuthority())
                .append(basePath).append(path);
        char sep = '?';
        for (Map.Entry<String, List<String>> e : http.query().entrySet()) {
            for (String v : e.getValue()) {
                url.append(sep).append(encode(e.getKey())).append('=').append(encode(v));
                sep = '&';
            }
        }
        return URI.create(url.toString());
    }

    /**
     * The URI as the client must be given it so that the request line carries our encoding exactly:
     * the client decodes a {@link URI} and, unless told to skip, encodes it again its own way, which
     * would turn an encoded slash inside a value into a real one. With encoding skipped it sends the
     * decoded form verbatim, so the percent signs are escaped once more here to survive that decoding.
     */
    private static URI wire(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath().replace("%", "%25")
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery().replace("%", "%25")));
    }

    private URI redirect(URI from, String location) {
        try {
            return from.resolve(new URI(location.strip()));
        } catch (java.net.URISyntaxException e) {
            throw new GatewayException("egress_refused", "Egress refused on connection '" + definition.name()
                    + "': the API redirected to an invalid URL.");
        }
    }

    private GatewayException failure(Exception e, URI uri, Duration timeout) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof GatewayException g) {
                return g;
            }
            if (t instanceof java.net.SocketTimeoutException) {
                return new GatewayException("timeout", "The API did not answer within the tool's limit of "
                        + timeout.toSeconds() + " s.", e);
            }
        }
        LOGGER.log(System.Logger.Level.WARNING, "Connection " + definition.name() + ": request to "
                + uri.getHost() + ":" + EgressGuard.port(uri) + " failed: " + e.getClass().getSimpleName());
        return new GatewayException("upstream_unavailable", "The API of connection '" + definition.name()
                + "' cannot be reached (" + uri.getHost() + ":" + EgressGuard.port(uri) + ").", e);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && EgressGuard.host(a).equals(EgressGuard.host(b))
                && EgressGuard.port(a) == EgressGuard.port(b);
    }

    /** Percent-encodes a query component (RFC 3986 unreserved characters stay). */
    private static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    private static String attribution(String value) {
        return UNSAFE_ATTRIBUTION.matcher(value).replaceAll("_");
    }

    static List<String> list(String value) {
        return value == null || value.isBlank() ? List.of()
                : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static int intOption(Map<String, String> options, String name, int dflt, int min, int max, String key) {
        String v = options.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + "." + name + " must be a number from " + min + " to " + max
                + ", got '" + v + "'");
    }

    @Override
    public void close() {
        client.closeResource();
    }

    private record Response(int status, String contentType, HttpResponseReader.Body body) {
    }
}
