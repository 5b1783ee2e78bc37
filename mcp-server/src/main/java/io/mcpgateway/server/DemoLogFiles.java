package io.mcpgateway.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import io.mcpgateway.tools.ConnectionDefinition;

/**
 * Writes the demo's application logs into the root of the connection named by
 * {@code demo.logs-connection}: a current {@code app.log}, a rotated {@code app.log.1} and a
 * gzipped {@code app.log.2.gz}, with timestamps over the last hours so that time windows find
 * them. The lines carry what real logs leak: e-mail addresses, card numbers, an API key, a bearer
 * JWT and a database password in a stack trace, for the masking stage to catch.
 */
final class DemoLogFiles {

    private DemoLogFiles() {
    }

    /**
     * Writes the files afresh (the demo's data is regenerated at each start).
     *
     * @param config gateway configuration
     * @param clock  clock the timestamps count back from
     * @return the log directory, if the demo names a log connection
     */
    static Optional<Path> write(GatewayConfig config, Clock clock) {
        Optional<String> name = config.raw().get("demo.logs-connection").asString().asOptional();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        ConnectionDefinition connection = config.connections().get(name.get());
        if (connection == null || !connection.kind().equals("logs")) {
            throw new IllegalArgumentException("demo.logs-connection must name a logs connection, got '" + name.get() + "'");
        }
        Path dir = Path.of(connection.url());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try {
            Files.createDirectories(dir);
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("app.log.2.gz")))) {
                out.write(lines(now.minus(Duration.ofHours(30)), 0).getBytes(StandardCharsets.UTF_8));
            }
            Files.writeString(dir.resolve("app.log.1"), lines(now.minus(Duration.ofHours(6)), 1));
            Files.writeString(dir.resolve("app.log"), lines(now.minus(Duration.ofMinutes(50)), 2));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo log files under " + dir, e);
        }
        return Optional.of(dir);
    }

    private static String lines(Instant start, int part) {
        String[] entries = switch (part) {
            case 0 -> new String[] {
                "INFO  [main] shop.Application - started shop-api 2.14.1 in 4.2 s",
                "INFO  [http-7] shop.Auth - login ok user=alice.martin@example.com ip=203.0.113.24",
                "WARN  [http-2] shop.Checkout - slow checkout 1840 ms order=58213",
                "INFO  [http-5] shop.Auth - login ok user=bruno.keller@example.org ip=198.51.100.7",
            };
            case 1 -> new String[] {
                "INFO  [http-3] shop.Payments - charge ok order=58230 card=4111111111111111 amount=42.00 EUR",
                "DEBUG [http-3] shop.Client - calling partner API with header X-API-Key: sk_live_51HbX2mKq8ZtR4yVw9PnD3fG7hJ",
                "ERROR [pool-1] shop.Db - cannot connect to jdbc:postgresql://db.internal:5432/shop",
                "org.postgresql.util.PSQLException: FATAL: password authentication failed for user \"shop\" (password=Winter2024!)",
                "\tat org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)",
                "INFO  [http-8] shop.Support - ticket 7781 opened by chen.wei@example.net phone +1 415 555 0134",
            };
            default -> new String[] {
                "WARN  [http-1] shop.Payments - card processor timeout after 2300 ms order=58301 card=5555555555554444",
                "INFO  [http-4] shop.Auth - request with Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
                        + ".eyJzdWIiOiJhbGljZSIsImVtYWlsIjoiYWxpY2UubWFydGluQGV4YW1wbGUuY29tIn0"
                        + ".Qm9ndXNTaWduYXR1cmVGb3JEZW1vT25seTEyMzQ1Njc",
                "ERROR [http-6] shop.Payments - charge failed order=58302 customer=dana.whitfield@example.com reason=timeout",
                "INFO  [http-2] shop.Checkout - checkout ok order=58303 in 310 ms",
                "ERROR [http-9] shop.Payments - charge failed order=58304 customer=alice.martin@example.com reason=timeout",
            };
        };
        StringBuilder out = new StringBuilder();
        Instant t = start;
        for (String e : entries) {
            // stack-trace lines carry no timestamp: they belong to the entry above them
            out.append(e.startsWith("\t") || e.startsWith("org.") ? "" : t + " ").append(e).append('\n');
            t = t.plus(Duration.ofMinutes(7));
        }
        return out.toString();
    }
}
