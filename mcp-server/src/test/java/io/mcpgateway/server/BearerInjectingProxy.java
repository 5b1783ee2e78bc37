package io.mcpgateway.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A loopback TCP proxy that adds an {@code Authorization} header to every HTTP/1.1 request and
 * forwards everything else unchanged (Host and Origin included, responses streamed byte for
 * byte). Lets MCP clients that cannot send headers — the conformance suite — reach a gateway
 * that requires a bearer token.
 */
final class BearerInjectingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final byte[] header;

    BearerInjectingProxy(int targetPort, String token) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.header = ("Authorization: Bearer " + token + "\r\n").getBytes(StandardCharsets.US_ASCII);
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Thread.ofVirtual().start(() -> pipe(server, client));
                Thread.ofVirtual().start(() -> requests(client, server));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Copies responses back untouched. */
    private static void pipe(Socket from, Socket to) {
        try (from; to) {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // either side closed
        }
    }

    /** Forwards requests one after another, injecting the header into each. */
    private void requests(Socket client, Socket server) {
        try (client; server) {
            InputStream in = client.getInputStream();
            OutputStream out = server.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int firstLineEnd = head.indexOf("\r\n") + 2;
                out.write(head.substring(0, firstLineEnd).getBytes(StandardCharsets.ISO_8859_1));
                out.write(header);
                out.write(head.substring(firstLineEnd).getBytes(StandardCharsets.ISO_8859_1));
                String lower = head.toLowerCase(Locale.ROOT);
                if (lower.contains("transfer-encoding: chunked")) {
                    copyChunked(in, out);
                } else {
                    int at = lower.indexOf("content-length:");
                    if (at >= 0) {
                        int end = lower.indexOf("\r\n", at);
                        long length = Long.parseLong(lower.substring(at + 15, end).trim());
                        copy(in, out, length);
                    }
                }
                out.flush();
            }
        } catch (IOException e) {
            // connection closed
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            buf.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
            if (matched == 4) {
                return buf.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] chunk = new byte[8192];
        while (length > 0) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, length));
            if (n < 0) {
                throw new IOException("request body ended early");
            }
            out.write(chunk, 0, n);
            length -= n;
        }
    }

    private static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String sizeLine = readLine(in);
            out.write(sizeLine.getBytes(StandardCharsets.ISO_8859_1));
            long size = Long.parseLong(sizeLine.strip().split(";")[0], 16);
            if (size == 0) {
                String trailer;
                do {
                    trailer = readLine(in);
                    out.write(trailer.getBytes(StandardCharsets.ISO_8859_1));
                } while (!trailer.equals("\r\n"));
                return;
            }
            copy(in, out, size + 2);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            buf.write(b);
            if (b == '\n') {
                break;
            }
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
