package io.mcpgateway.connectors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import com.google.re2j.PatternSyntaxException;

import io.mcpgateway.tools.BoundCall;
import io.mcpgateway.tools.BoundRequest;
import io.mcpgateway.tools.ConnectionDefinition;
import io.mcpgateway.tools.GatewayException;
import io.mcpgateway.tools.Limits;
import io.mcpgateway.tools.ToolResult;

/**
 * Reads log files under a connection's roots for tools whose template is a log read.
 *
 * <p>Operations: {@code tail} (the last lines), {@code search} (lines containing a literal or
 * matching a regular expression) and {@code window} (lines between two times, read from the lines'
 * own timestamps; lines without one, such as stack traces, belong to the entry above them). All
 * three accept the other filters too. A file is read together with its rotations, newest first,
 * plain files backwards from their end so that a tail of a huge file reads only its end; gzipped
 * rotations are decompressed as a stream. Files are assumed to be written in time order, so a
 * time window stops reading at the first entry older than its start.
 *
 * <p>Regular expressions run on RE2/J, whose matching time is linear in the input: a pattern such
 * as {@code (a+)+$} cannot backtrack catastrophically. Caps: lines returned (the request's and the
 * tool's row limit), bytes returned (the tool's byte limit), bytes scanned ({@code max-scan-bytes},
 * default 256 MiB, decompressed bytes for {@code .gz}) and time (the tool's timeout). A capped
 * result says which cap stopped it.
 *
 * <p>Options: the connection's {@code url} is the first root (a directory); {@code roots} adds
 * more (comma-separated); {@code max-scan-bytes}; {@code max-files} (rotations followed, default
 * 20); {@code timestamp-zone} (zone of timestamps without offset, default UTC).
 */
public final class LogConnector implements Connector {

    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_PATTERN = 512;

    private final ConnectionDefinition definition;
    private final LogRoots roots;
    private final long maxScanBytes;
    private final LogTimestamps timestamps;

    /**
     * Creates a connector for a connection of kind {@code logs}.
     *
     * @param definition the connection
     * @throws IllegalArgumentException naming the option for an invalid setting or a missing root
     */
    public LogConnector(ConnectionDefinition definition) {
        this.definition = Objects.requireNonNull(definition, "definition");
        String key = "connections." + definition.name();
        Map<String, String> o = definition.options();
        List<Path> dirs = new ArrayList<>();
        dirs.add(Path.of(definition.url().startsWith("file:") ? definition.url().substring(5) : definition.url()));
        HttpConnector.list(o.get("roots")).forEach(r -> dirs.add(Path.of(r)));
        this.roots = new LogRoots(definition.name(), dirs, HttpConnector.intOption(o, "max-files", 20, 1, 1000, key));
        String scan = o.getOrDefault("max-scan-bytes", String.valueOf(256L << 20));
        try {
            this.maxScanBytes = Long.parseLong(scan.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ".max-scan-bytes must be a number of bytes, got '" + scan + "'", e);
        }
        if (maxScanBytes < 1024) {
            throw new IllegalArgumentException(key + ".max-scan-bytes must be at least 1024, got " + maxScanBytes);
        }
        try {
            this.timestamps = new LogTimestamps(ZoneId.of(o.getOrDefault("timestamp-zone", "UTC")));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(key + ".timestamp-zone is not a time zone: '"
                    + o.get("timestamp-zone") + "'", e);
        }
    }

    @Override
    public ToolResult execute(BoundCall call, ExecutionContext context) {
        if (!(call.request() instanceof BoundRequest.Logs logs)) {
            throw new GatewayException("wrong_connector", "Tool '" + call.tool().name()
                    + "' is not a log tool but runs on log connection '" + definition.name() + "'.");
        }
        Predicate<String> pattern = pattern(logs);
        switch (logs.operation()) {
            case "tail" -> { }
            case "search" -> {
                if (pattern == null) {
                    throw new GatewayException("invalid_request", "A log search needs a pattern.");
                }
            }
            case "window" -> {
                if (logs.from() == null && logs.to() == null) {
                    throw new GatewayException("invalid_request", "A log window needs a start or an end time.");
                }
            }
            default -> throw new GatewayException("invalid_request", "Unknown log operation '" + logs.operation()
                    + "' (tail, search or window).");
        }
        if (logs.from() != null && logs.to() != null && logs.from().isAfter(logs.to())) {
            throw new GatewayException("invalid_request", "The time window starts after it ends.");
        }
        Limits limits = call.tool().limits();
        Scan scan = new Scan(Math.min(logs.lines(), limits.maxRows()), limits.maxBytes(),
                Instant.now().plus(limits.timeout()), pattern, logs.from(), logs.to());
        for (Path file : roots.series(logs.file())) {
            try {
                if (file.getFileName().toString().endsWith(".gz")) {
                    scan.forward(file, roots.display(file));
                } else {
                    scan.backward(file, roots.display(file));
                }
            } catch (IOException e) {
                throw new GatewayException("read_failed", "Log file '" + roots.display(file) + "' cannot be read.", e);
            }
            if (scan.stop != null) {
                break;
            }
        }
        List<ToolResult.LogLine> lines = new ArrayList<>(scan.found);
        Collections.reverse(lines);
        return new ToolResult.LogLines(lines, scan.truncated, scan.note(), scan.scanned);
    }

    private static Predicate<String> pattern(BoundRequest.Logs logs) {
        if (logs.pattern() == null || logs.pattern().isEmpty()) {
            return null;
        }
        if (logs.pattern().length() > MAX_PATTERN) {
            throw new GatewayException("invalid_pattern", "The search pattern is longer than " + MAX_PATTERN + " characters.");
        }
        if (!logs.regex()) {
            String literal = logs.pattern();
            return line -> line.contains(literal);
        }
        try {
            com.google.re2j.Pattern p = com.google.re2j.Pattern.compile(logs.pattern());
            return line -> p.matcher(line).find();
        } catch (PatternSyntaxException e) {
            throw new GatewayException("invalid_pattern", "The search pattern is not a valid regular expression "
                    + "(RE2 syntax: no back-references or look-arounds): " + e.getDescription() + ".");
        }
    }

    /** One scan over the files of a request, newest line first, with its caps. */
    private final class Scan {
        private final int maxLines;
        private final long maxBytes;
        private final Instant deadline;
        private final Predicate<String> pattern;
        private final Instant from;
        private final Instant to;
        private final List<ToolResult.LogLine> found = new ArrayList<>();
        private long returnedBytes;
        private long scanned;
        private boolean truncated;
        /** Why the scan stopped early, or null while it goes on. */
        private String stop;
        private boolean olderThanWindow;

        Scan(int maxLines, long maxBytes, Instant deadline, Predicate<String> pattern, Instant from, Instant to) {
            this.maxLines = maxLines;
            this.maxBytes = maxBytes;
            this.deadline = deadline;
            this.pattern = pattern;
            this.from = from;
            this.to = to;
        }

        /** Reads a plain file from its end; continuation lines wait for the entry line above them. */
        void backward(Path file, String name) throws IOException {
            long before = scanned;
            try (ReverseLineReader reader = new ReverseLineReader(file, MAX_LINE)) {
                Deque<String> continuation = new ArrayDeque<>();
                String line;
                while (stop == null && (line = reader.previous()) != null) {
                    scanned = before + reader.bytesRead();
                    if (checkCaps()) {
                        return;
                    }
                    Instant t = timestamps.parse(line);
                    if (t == null) {
                        continuation.addLast(line);
                        continue;
                    }
                    if (from != null && t.isBefore(from)) {
                        olderThanWindow = true;
                        stop = "";
                        return;
                    }
                    boolean inWindow = to == null || !t.isAfter(to);
                    while (!continuation.isEmpty()) {
                        String c = continuation.pollFirst();
                        if (inWindow) {
                            offer(name, c);
                        }
                    }
                    if (inWindow) {
                        offer(name, line);
                    }
                }
                // lines above the first timestamp of the file have no time: only kept without a window
                while (stop == null && !continuation.isEmpty() && from == null && to == null) {
                    offer(name, continuation.pollFirst());
                }
                scanned = before + reader.bytesRead();
            }
        }

        /** Reads a gzipped file from its start, keeping the newest matches. */
        void forward(Path file, String name) throws IOException {
            Deque<String> kept = new ArrayDeque<>();
            int room = maxLines - found.size();
            Instant current = null;
            boolean overflow = false;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 64 * 1024)) {
                ForwardLines lines = new ForwardLines(in, MAX_LINE, maxScanBytes - scanned + 1);
                String line;
                while ((line = lines.next()) != null) {
                    scanned += lines.lastLength();
                    if (checkCaps()) {
                        break;
                    }
                    Instant t = timestamps.parse(line);
                    current = t != null ? t : current;
                    boolean timed = from != null || to != null;
                    if (timed && (current == null || (from != null && current.isBefore(from))
                            || (to != null && current.isAfter(to)))) {
                        if (current != null && from != null && current.isBefore(from)) {
                            olderThanWindow = true;
                        }
                        continue;
                    }
                    if (pattern == null || pattern.test(line)) {
                        kept.addLast(line);
                        if (kept.size() > room) {
                            kept.pollFirst();
                            overflow = true;
                        }
                    }
                }
            }
            String stopped = stop;
            stop = null;
            while (stop == null && !kept.isEmpty()) {
                offer(name, kept.pollLast());
            }
            if (stop == null) {
                stop = stopped;
            }
            if (stop == null && overflow) {
                truncated = true;
                stop = "more lines matched than the " + maxLines + " returned";
            }
            if (stop == null && olderThanWindow && from != null) {
                // this rotation already reached back before the window; older files are older still
                stop = "";
            }
        }

        private void offer(String file, String text) {
            if (pattern != null && !pattern.test(text)) {
                return;
            }
            if (found.size() >= maxLines) {
                truncated = true;
                stop = "more lines matched than the " + maxLines + " returned";
                return;
            }
            if (returnedBytes + text.length() > maxBytes) {
                truncated = true;
                stop = "the lines returned reached the tool's limit of " + maxBytes + " bytes";
                return;
            }
            returnedBytes += text.length() + 1;
            found.add(new ToolResult.LogLine(file, text));
        }

        private boolean checkCaps() {
            if (scanned > maxScanBytes) {
                truncated = true;
                stop = "the scan stopped after reading " + maxScanBytes + " bytes (max-scan-bytes); older lines were not searched";
            } else if (Instant.now().isAfter(deadline)) {
                truncated = true;
                stop = "the scan stopped at the tool's time limit; older lines were not searched";
            }
            return stop != null;
        }

        String note() {
            return stop == null ? "" : stop;
        }
    }

    @Override
    public void close() {
        // nothing held open between calls
    }
}
