package io.mcpgateway.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The {@code http} and {@code logs} kinds, loaded from YAML and bound into the requests the
 * connectors execute.
 */
class HttpAndLogsTemplateTest {

    private static final Identity ALICE = new Identity("alice", "alice@example.com", Set.of("support"));
    private static final ConnectionDefinition API = new ConnectionDefinition("tickets-api", "http",
            "https://tickets.example", "", "env:TICKETS_TOKEN", RiskLevel.WRITE, Map.of());
    private static final ConnectionDefinition LOGS = new ConnectionDefinition("app-logs", "logs", "/var/log/app", "",
            "", RiskLevel.READ_ONLY, Map.of());

    @TempDir
    Path dir;

    private Runbooks load(String yaml) throws Exception {
        Files.writeString(dir.resolve("r.yaml"), yaml);
        return RunbookLoader.builder().connections(Map.of(API.name(), API, LOGS.name(), LOGS)).build().load(dir);
    }

    private static BoundCall bind(ToolDefinition tool, Map<String, Object> args) {
        ConnectionDefinition conn = tool.connection().equals(API.name()) ? API : LOGS;
        return ToolBinder.bind(new ToolCall(tool.name(), args, ALICE, "", "c"), tool, conn);
    }

    private static final String TICKETS = """
            tools:
              - name: comment_on_ticket
                description: Add a comment to a ticket.
                connection: tickets-api
                groups: [support]
                parameters:
                  ticket: { type: string, max-length: 40 }
                  text: { type: string, max-length: 2000 }
                  notify: { type: boolean, default: false }
                  labels: { type: array, items: string, max-items: 3, required: false }
                  me: { identity: email }
                http:
                  method: post
                  path: /tickets/{ticket}/comments
                  query:
                    notify: "{notify}"
                    label: "{labels}"
                  headers:
                    Accept: application/json
                  body:
                    text: "{text}"
                    author: "{me}"
                    summary: "Comment by {me}"
                    labels: "{labels}"
                    source: gateway
            """;

    @Test
    void httpValuesAreEncodedByPlaceNeverSplicedIntoSyntax() throws Exception {
        ToolDefinition tool = load(TICKETS).find("comment_on_ticket").orElseThrow();
        BoundRequest.Http req = (BoundRequest.Http) bind(tool, Map.of("ticket", "A/1 ?x#", "text",
                "\"}, \"admin\": true, {\"", "labels", List.of("bug", "p1"))).request();
        assertEquals("POST", req.method());
        assertEquals("/tickets/A%2F1%20%3Fx%23/comments", req.path());
        assertEquals(Map.of("notify", List.of("false"), "label", List.of("bug", "p1")), req.query());
        assertEquals(Map.of("Accept", "application/json"), req.headers());
        assertEquals("{\"text\":\"\\\"}, \\\"admin\\\": true, {\\\"\",\"author\":\"alice@example.com\","
                + "\"summary\":\"Comment by alice@example.com\",\"labels\":[\"bug\",\"p1\"],\"source\":\"gateway\"}",
                req.body());
    }

    @Test
    void anAbsentOptionalValueLeavesItsQueryEntryAndBodyKeyOut() throws Exception {
        ToolDefinition tool = load(TICKETS).find("comment_on_ticket").orElseThrow();
        BoundRequest.Http req = (BoundRequest.Http) bind(tool, Map.of("ticket", "7", "text", "hi")).request();
        assertEquals(Map.of("notify", List.of("false")), req.query());
        assertEquals("{\"text\":\"hi\",\"author\":\"alice@example.com\",\"summary\":\"Comment by alice@example.com\","
                + "\"source\":\"gateway\"}", req.body());
    }

    @Test
    void aWholePathSegmentCannotBeDotDotAndTheSchemaSaysSo() throws Exception {
        ToolDefinition tool = load(TICKETS).find("comment_on_ticket").orElseThrow();
        InvalidArgumentsException e = assertThrows(InvalidArgumentsException.class,
                () -> bind(tool, Map.of("ticket", "..", "text", "x")));
        assertEquals(List.of("'ticket' must not be [., ..]"), e.problems());
        assertEquals("{\"type\":\"string\",\"minLength\":1,\"maxLength\":40,\"not\":{\"enum\":[\".\",\"..\"]}}",
                InputSchema.of(tool).get("properties").get("ticket").toString());
        assertEquals(false, InputSchema.of(tool).get("properties").has("me"), "identity-bound: not in the schema");
    }

    @Test
    void templatesThatWouldLeakOrMisplaceValuesAreRefused() throws Exception {
        RunbookException e = assertThrows(RunbookException.class, () -> load("""
                tools:
                  - name: bad_http
                    description: d
                    connection: tickets-api
                    groups: [support]
                    parameters:
                      id: { type: string }
                      opt: { type: string, required: false }
                      tags: { type: array, items: string }
                    http:
                      method: GET
                      path: /a/../{id}/{opt}?q={tags}
                      headers:
                        Authorization: Bearer abc
                        X-Trace: "{id}"
                      body: { x: 1 }
                """));
        String f = dir.resolve("r.yaml") + ":";
        assertEquals(List.of(
                f + "12:13: 'path' must start with '/' and hold only URL path characters, without '.' or '..' segments "
                        + "(hint: put query parameters under 'query', not after '?')",
                f + "12:13: 'opt' is used in a URL path, so it must be required or have a default (hint: remove "
                        + "'required: false' or add a 'default')",
                f + "12:32: array parameter 'tags' can only stand alone as a query value or a body value",
                f + "14:9: header 'Authorization' cannot be set by a template (hint: credentials come from the "
                        + "connection; framing headers from the client)",
                f + "15:18: header values are fixed text on one line; parameters go in the path, the query or the body",
                f + "16:13: a GET request has no body (hint: use POST, PUT or PATCH, or move the values to the query)"),
                e.problems().stream().map(RunbookProblem::toString).toList());
    }

    private static final String LOG_TOOLS = """
            tools:
              - name: search_app_log
                description: Search one service's log for text, in a time window.
                connection: app-logs
                groups: [support]
                parameters:
                  service: { type: string, enum: [api, worker] }
                  text: { type: string, min-length: 3, max-length: 100 }
                  since: { type: timestamp, required: false }
                  day: { type: date, required: false }
                  count: { type: integer, minimum: 1, maximum: 500, default: 50 }
                logs:
                  operation: search
                  file: "{service}/app.log"
                  pattern: "ERROR .*{text}"
                  regex: true
                  from: "{since}"
                  to: "{day}"
                  lines: "{count}"
                limits: { rows: 100 }
            """;

    @Test
    void logSearchQuotesTheCallersTextInsideTheTemplatesRegex() throws Exception {
        ToolDefinition tool = load(LOG_TOOLS).find("search_app_log").orElseThrow();
        BoundRequest.Logs req = (BoundRequest.Logs) bind(tool, Map.of("service", "api", "text", "a.*(b",
                "since", "2024-05-01T10:00:00+02:00", "day", "2024-05-01", "count", 400)).request();
        assertEquals(new BoundRequest.Logs("search", "api/app.log", "ERROR .*\\Qa.*(b\\E", true,
                Instant.parse("2024-05-01T08:00:00Z"), Instant.parse("2024-05-02T00:00:00Z"), 100), req);
        assertEquals(true, java.util.regex.Pattern.compile(req.pattern()).matcher("ERROR x a.*(b").find());
        assertEquals(false, java.util.regex.Pattern.compile(req.pattern()).matcher("ERROR x aXXb").find());
    }

    @Test
    void logFileNamesTakeOnlyClosedSetsOfValues() throws Exception {
        RunbookException e = assertThrows(RunbookException.class, () -> load("""
                tools:
                  - name: tail_any
                    description: d
                    connection: app-logs
                    groups: [support]
                    parameters:
                      name: { type: string }
                    logs:
                      operation: tail
                      file: ../{name}.log
                """));
        String f = dir.resolve("r.yaml") + ":";
        assertEquals(List.of(f + "10:13: 'file' is relative to the connection's root and stays inside it",
                f + "10:13: 'name' in a log file name must be an enum, an integer or a date (hint: list the accepted "
                        + "names under 'enum')"), e.problems().stream().map(RunbookProblem::toString).toList());
    }
}
