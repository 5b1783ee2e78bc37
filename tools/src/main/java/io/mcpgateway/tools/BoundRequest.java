package io.mcpgateway.tools;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The executable form of a bound call, one variant per tool kind.
 */
public sealed interface BoundRequest permits BoundRequest.Sql, BoundRequest.Http, BoundRequest.Logs {

    /**
     * A human-readable rendering for reviewers and the audit trail (values shown separately from
     * the statement, never spliced into it).
     *
     * @return rendering
     */
    String render();

    /**
     * A SQL statement with JDBC binds.
     *
     * @param sql   statement text with {@code ?} placeholders, fixed by the runbook
     * @param binds values for the placeholders, in order
     */
    record Sql(String sql, List<Object> binds) implements BoundRequest {
        /**
         * Validates fields.
         *
         * @param sql   statement
         * @param binds bind values (may contain nulls)
         */
        public Sql {
            Objects.requireNonNull(sql, "sql");
            binds = Collections.unmodifiableList(new ArrayList<>(binds));
        }

        @Override
        public String render() {
            // runbook statements usually end with a newline (YAML block scalars); keep one line break
            String statement = sql.stripTrailing();
            return binds.isEmpty() ? statement : statement + "\n-- binds: " + binds;
        }
    }

    /**
     * An HTTP request on an API connection. Every value from the caller is already encoded into
     * its place (path segments percent-encoded, query values kept apart, body built as JSON), so
     * the connector only joins it to the connection's base URL and adds the credential.
     *
     * @param method  HTTP method, upper case
     * @param path    path below the connection's base URL, starting with {@code /}, segments encoded
     * @param query   query parameters (unencoded values; the connector encodes them)
     * @param headers extra request headers from the template (never credentials)
     * @param body    JSON body text, or {@code null}
     */
    record Http(String method, String path, Map<String, List<String>> query, Map<String, String> headers, String body)
            implements BoundRequest {
        /**
         * Validates fields.
         *
         * @param method  method
         * @param path    path
         * @param query   query
         * @param headers headers
         * @param body    body or null
         */
        public Http {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("HTTP path must start with '/': " + path);
            }
            Map<String, List<String>> q = new LinkedHashMap<>();
            query.forEach((k, v) -> q.put(k, List.copyOf(v)));
            query = Collections.unmodifiableMap(q);
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        @Override
        public String render() {
            return method + " " + path + (query.isEmpty() ? "" : " " + query) + (body == null ? "" : "\n" + body);
        }
    }

    /**
     * A read of log files under a log connection's roots.
     *
     * @param operation {@code tail}, {@code search} or {@code window}
     * @param file      file or glob relative to the connection's root, as the template and caller gave it
     *                  (the connector confines it to the root)
     * @param pattern   literal or regular expression to search for, or {@code null}
     * @param regex     whether {@code pattern} is a regular expression
     * @param from      start of the time window, or {@code null}
     * @param to        end of the time window, or {@code null}
     * @param lines     how many lines at most
     */
    record Logs(String operation, String file, String pattern, boolean regex, Instant from, Instant to, int lines)
            implements BoundRequest {
        /**
         * Validates fields.
         *
         * @param operation operation
         * @param file      file
         * @param pattern   pattern or null
         * @param regex     regex flag
         * @param from      from or null
         * @param to        to or null
         * @param lines     line cap
         */
        public Logs {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(file, "file");
            if (lines < 1) {
                throw new IllegalArgumentException("lines must be at least 1, got " + lines);
            }
        }

        @Override
        public String render() {
            return operation + " " + file + (pattern == null ? "" : (regex ? " regex " : " literal ") + pattern)
                    + (from == null && to == null ? "" : " [" + from + " .. " + to + "]") + " (at most " + lines + " lines)";
        }
    }
}
