package io.mcpgateway.connectors;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads a plain text file line by line from its end towards its start, so that the newest lines
 * of a huge log come first and reading stops as soon as enough were found. Lines longer than
 * {@code maxLine} bytes keep their first {@code maxLine} bytes (where the timestamp is).
 */
final class ReverseLineReader implements Closeable {

    private static final int BLOCK = 64 * 1024;

    private final FileChannel channel;
    private final int maxLine;
    private long position;
    private byte[] block = new byte[0];
    private int unread;
    private byte[] carry = new byte[0];
    private long bytesRead;
    private boolean first = true;

    ReverseLineReader(Path file, int maxLine) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.position = channel.size();
        this.maxLine = maxLine;
    }

    /**
     * The line before the last one returned.
     *
     * @return the line without terminator, or null at the start of the file
     * @throws IOException on read failure
     */
    String previous() throws IOException {
        while (true) {
            for (int i = unread - 1; i >= 0; i--) {
                if (block[i] == '\n') {
                    byte[] line = join(block, i + 1, unread, carry);
                    unread = i;
                    carry = new byte[0];
                    if (first && line.length == 0) {
                        // the file ends with a newline: there is no empty last line
                        first = false;
                        continue;
                    }
                    first = false;
                    return decode(line);
                }
            }
            carry = join(block, 0, unread, carry);
            unread = 0;
            if (position == 0) {
                if (carry.length == 0 && (first || block.length == 0)) {
                    return null;
                }
                byte[] line = carry;
                carry = new byte[0];
                block = new byte[0];
                first = false;
                return line.length == 0 && position == 0 && bytesRead == 0 ? null : decode(line);
            }
            int size = (int) Math.min(BLOCK, position);
            position -= size;
            ByteBuffer buf = ByteBuffer.allocate(size);
            while (buf.hasRemaining()) {
                if (channel.read(buf, position + buf.position()) < 0) {
                    break;
                }
            }
            block = buf.array();
            unread = buf.position();
            bytesRead += unread;
        }
    }

    /**
     * Bytes read from the file so far.
     *
     * @return bytes
     */
    long bytesRead() {
        return bytesRead;
    }

    private byte[] join(byte[] a, int from, int to, byte[] tail) {
        int len = Math.min(maxLine, to - from + tail.length);
        byte[] out = Arrays.copyOf(Arrays.copyOfRange(a, from, to), len);
        if (to - from < len) {
            System.arraycopy(tail, 0, out, to - from, len - (to - from));
        }
        return out;
    }

    private static String decode(byte[] line) {
        int len = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        return new String(line, 0, len, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
