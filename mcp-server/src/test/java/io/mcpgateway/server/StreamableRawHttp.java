package io.mcpgateway.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, for requests that {@code java.net.http} refuses to send (a
 * forged {@code Host} header, a body without length). One request per connection.
 */
final class StreamableRawHttp {

    private final int port;

    StreamableRawHttp(int port) {
        this.port = port;
    }

    /**
     * Sends a request and reads the whole response.
     *
     * @param method  HTTP method
     * @param headers header lines in order, {@code Host} included when wanted
     * @param body    body bytes, or {@code null} for none; sent chunked when {@code chunked}
     * @param chunked whether to send the body with chunked transfer coding (no length)
     * @return the response
     * @throws IOException if the exchange fails
     */
    Response send(String method, List<String> headers, byte[] body, boolean chunked) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method).append(" /mcp HTTP/1.1\r\n");
            headers.forEach(line -> head.append(line).append("\r\n"));
            head.append("Connection: close\r\n");
            if (body != null) {
                head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                if (chunked) {
                    for (int offset = 0; offset < body.length; offset += 8192) {
                        int length = Math.min(8192, body.length - offset);
                        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(body, offset, length);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                } else {
                    out.write(body);
                }
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /**
     * A POST to the MCP endpoint with the given Host, bearer token and JSON body.
     */
    Response post(String host, String token, String json, String... extraHeaders) throws IOException {
        List<String> headers = new java.util.ArrayList<>(List.of(
                "Host: " + host,
                "Authorization: Bearer " + token,
                "Content-Type: application/json",
                "Accept: application/json, text/event-stream"));
        headers.addAll(List.of(extraHeaders));
        return send("POST", headers, json.getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * Reads one response: the head, then a body framed by Content-Length or chunked coding
     * (the server may keep the connection open, so reading to the end is not an option).
     */
    private static Response read(InputStream in) throws IOException {
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                body.write(in.readNBytes(size));
                readLine(in);
            }
            readLine(in);
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        }
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static int chunkSize(InputStream in) throws IOException {
        return Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
    }

    /**
     * One CRLF-terminated line of an HTTP head or chunk header, without the CRLF.
     */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int next = in.read(); next >= 0; next = in.read()) {
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(next);
            previous = next;
        }
        throw new IOException("Connection closed in the middle of a line");
    }

    /**
     * A response as read off the wire; header names in lower case.
     */
    record Response(int status, Map<String, String> headers, String body) {

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }
}
