package io.mcpgateway.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * What a connector returns, before masking. Variants per shape of data: tables and update counts
 * from databases, JSON, text and binary documents from HTTP APIs, lines from log files.
 */
public sealed interface ToolResult permits ToolResult.Table, ToolResult.UpdateCount, ToolResult.Json,
        ToolResult.Text, ToolResult.Binary, ToolResult.LogLines {

    /**
     * Rows from a query, capped by the tool's limits.
     *
     * @param columns      column names and SQL types
     * @param rows         row values (JDBC objects converted to JSON-friendly scalars)
     * @param truncated    whether rows were withheld because of the row or byte cap
     * @param withheldRows how many rows were withheld when known, else -1 ("more")
     */
    record Table(List<Column> columns, List<List<Object>> rows, boolean truncated, long withheldRows)
            implements ToolResult {
        /**
         * Validates fields.
         *
         * @param columns      columns
         * @param rows         rows (values may be null)
         * @param truncated    truncated flag
         * @param withheldRows withheld rows or -1
         */
        public Table {
            columns = List.copyOf(columns);
            List<List<Object>> copy = new ArrayList<>(rows.size());
            for (List<Object> row : rows) {
                copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
            }
            rows = Collections.unmodifiableList(copy);
        }
    }

    /**
     * The outcome of a write statement.
     *
     * @param affectedRows rows inserted, updated or deleted
     */
    record UpdateCount(long affectedRows) implements ToolResult {
    }

    /**
     * One result column.
     *
     * @param name column label
     * @param type SQL type name as the driver reports it
     */
    record Column(String name, String type) {
        /**
         * Validates fields.
         *
         * @param name label
         * @param type type name
         */
        public Column {
            Objects.requireNonNull(name, "name");
            type = type == null ? "" : type;
        }
    }

    /**
     * A JSON response, parsed. A response too large to parse within the tool's byte cap arrives
     * as {@link Text} with {@code truncated} set instead.
     *
     * @param status      HTTP status code
     * @param contentType the response's media type as sent
     * @param body        the parsed document
     */
    record Json(int status, String contentType, JsonNode body) implements ToolResult {
        /**
         * Validates fields.
         *
         * @param status      status
         * @param contentType content type, may be empty
         * @param body        document
         */
        public Json {
            contentType = contentType == null ? "" : contentType;
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * A textual response (plain text, CSV, XML, or JSON that could not be parsed).
     *
     * @param status      HTTP status code
     * @param contentType the response's media type as sent
     * @param text        the decoded text
     * @param truncated   whether the response was longer than the tool's byte cap and was cut
     */
    record Text(int status, String contentType, String text, boolean truncated) implements ToolResult {
        /**
         * Validates fields.
         *
         * @param status      status
         * @param contentType content type, may be empty
         * @param text        text
         * @param truncated   truncated flag
         */
        public Text {
            contentType = contentType == null ? "" : contentType;
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A document that is not plain text (PDF, Office, HTML, images, archives). <strong>Its bytes
     * must never reach the model as they are</strong>: the masking stage extracts its text
     * (Apache Tika) and masks that, or withholds the document when it cannot be inspected
     * (encrypted, truncated, no text). Connectors detect the type from the bytes, not only from
     * what the server declared, so a PDF sent as {@code text/plain} still lands here.
     *
     * @param status       HTTP status code
     * @param contentType  detected media type, e.g. {@code application/pdf}
     * @param content      the raw bytes (defensively copied)
     * @param truncated    whether the document was longer than the tool's byte cap and was cut
     */
    record Binary(int status, String contentType, byte[] content, boolean truncated) implements ToolResult {
        /**
         * Validates fields and copies the bytes.
         *
         * @param status      status
         * @param contentType detected media type
         * @param content     bytes
         * @param truncated   truncated flag
         */
        public Binary {
            Objects.requireNonNull(contentType, "contentType");
            content = content.clone();
        }

        /**
         * A copy of the bytes.
         *
         * @return bytes
         */
        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Binary b && b.status == status && b.truncated == truncated
                    && b.contentType.equals(contentType) && Arrays.equals(b.content, content);
        }

        @Override
        public int hashCode() {
            return Objects.hash(status, contentType, truncated, Arrays.hashCode(content));
        }

        /**
         * Names the type and size only: the content is unmasked data.
         *
         * @return printable form
         */
        @Override
        public String toString() {
            return "Binary[status=" + status + ", contentType=" + contentType + ", bytes=" + content.length
                    + ", truncated=" + truncated + "]";
        }
    }

    /**
     * Lines read from log files, oldest first.
     *
     * @param lines        the lines
     * @param truncated    whether more lines matched than were returned, or a scan cap stopped early
     * @param note         why the result is incomplete, in a sentence for the model, or empty
     * @param bytesScanned bytes of (decompressed) log text read to produce it
     */
    record LogLines(List<LogLine> lines, boolean truncated, String note, long bytesScanned) implements ToolResult {
        /**
         * Validates fields.
         *
         * @param lines        lines
         * @param truncated    truncated flag
         * @param note         note, may be null
         * @param bytesScanned bytes read
         */
        public LogLines {
            lines = List.copyOf(lines);
            note = note == null ? "" : note;
        }
    }

    /**
     * One log line.
     *
     * @param file the file it came from, relative to the connection's root (e.g. {@code app.log.2.gz})
     * @param text the line without its line terminator
     */
    record LogLine(String file, String text) {
        /**
         * Validates fields.
         *
         * @param file file
         * @param text text
         */
        public LogLine {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(text, "text");
        }
    }
}
