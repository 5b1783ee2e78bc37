package io.mcpgateway.connectors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a stream into lines without ever holding more than {@code maxLine} bytes of one line:
 * a decompressed log with no line breaks (or a compression bomb) cannot exhaust memory. The rest
 * of an over-long line is skipped, and reading ends once {@code budget} bytes were consumed.
 */
final class ForwardLines {

    private final InputStream in;
    private final int maxLine;
    private final long budget;
    private long total;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int end;
    private long lastLength;

    ForwardLines(InputStream in, int maxLine, long budget) {
        this.in = in;
        this.maxLine = maxLine;
        this.budget = budget;
    }

    /**
     * The next line.
     *
     * @return the line without terminator, or null at the end
     * @throws IOException on read failure
     */
    String next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long length = 0;
        while (true) {
            if (pos == end) {
                end = total > budget ? -1 : in.read(buf);
                pos = 0;
                total += Math.max(end, 0);
                if (end <= 0) {
                    end = 0;
                    lastLength = length;
                    return length == 0 ? null : decode(line);
                }
            }
            int start = pos;
            while (pos < end && buf[pos] != '\n') {
                pos++;
            }
            int n = pos - start;
            length += n;
            if (line.size() < maxLine) {
                line.write(buf, start, Math.min(n, maxLine - line.size()));
            }
            if (pos < end) {
                pos++;
                lastLength = length + 1;
                return decode(line);
            }
        }
    }

    /**
     * Bytes the last line took in the stream, terminator included.
     *
     * @return bytes
     */
    long lastLength() {
        return lastLength;
    }

    private static String decode(ByteArrayOutputStream line) {
        byte[] b = line.toByteArray();
        int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        return new String(b, 0, len, StandardCharsets.UTF_8);
    }
}
