package io.mcpgateway.connectors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.util.Locale;

import org.apache.tika.Tika;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.mcpgateway.tools.GatewayException;
import io.mcpgateway.tools.ToolResult;

/**
 * Reads an API response within the tool's byte and time caps and turns it into the result shape
 * that fits it: JSON parsed, text kept, anything else handed on as {@link ToolResult.Binary} for
 * the masking stage to extract or withhold.
 *
 * <p>The type is decided from the bytes (Apache Tika's magic detection) as well as from what the
 * server declared, so a PDF labelled {@code text/plain} is still treated as a document. HTML is a
 * document too: what matters in it is the text a reader sees, which the masking stage extracts.
 */
final class HttpResponseReader {

    // created at the first response: loading Tika's type registry costs the gateway's start time
    private volatile Tika tika;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Reads up to {@code maxBytes} of a body, stopping at the deadline.
     *
     * @param in       the body
     * @param maxBytes byte cap
     * @param deadline when to give up
     * @return the bytes and whether more existed
     * @throws IOException on read failure
     */
    Body read(InputStream in, long maxBytes, Instant deadline) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        while (true) {
            if (Instant.now().isAfter(deadline)) {
                throw new GatewayException("timeout", "The API response took longer than the tool's time limit.");
            }
            int n = in.read(buf, 0, (int) Math.min(buf.length, maxBytes + 1 - out.size()));
            if (n < 0) {
                return new Body(out.toByteArray(), false);
            }
            out.write(buf, 0, n);
            if (out.size() > maxBytes) {
                byte[] all = out.toByteArray();
                return new Body(java.util.Arrays.copyOf(all, (int) maxBytes), true);
            }
        }
    }

    /**
     * Shapes a body as a result.
     *
     * @param status      HTTP status
     * @param contentType the {@code Content-Type} header, or empty
     * @param body        the body read
     * @return the result
     */
    ToolResult classify(int status, String contentType, Body body) {
        String declared = mediaType(contentType);
        byte[] bytes = body.bytes();
        if (bytes.length == 0) {
            return new ToolResult.Text(status, declared, "", body.truncated());
        }
        String sniffed = tika().detect(bytes).toLowerCase(Locale.ROOT);
        Charset charset = charset(contentType);
        boolean jsonDeclared = declared.equals("application/json") || declared.endsWith("+json");
        if (isHtml(declared) || isHtml(sniffed)) {
            return new ToolResult.Binary(status, "text/html", bytes, body.truncated());
        }
        if (!textual(sniffed) && !(jsonDeclared && sniffed.equals("application/octet-stream") && utf8(bytes))) {
            return new ToolResult.Binary(status, sniffed, bytes, body.truncated());
        }
        String text = new String(bytes, charset);
        if (!body.truncated() && (jsonDeclared || looksLikeJson(text))) {
            try {
                return new ToolResult.Json(status, declared, json.readTree(text));
            } catch (JacksonException e) {
                // a body that says JSON but is not: keep it as text, it is still data
                return new ToolResult.Text(status, declared, text, false);
            }
        }
        return new ToolResult.Text(status, declared.isEmpty() ? sniffed : declared, text, body.truncated());
    }

    private Tika tika() {
        Tika t = tika;
        if (t == null) {
            synchronized (this) {
                t = tika;
                if (t == null) {
                    t = new Tika();
                    tika = t;
                }
            }
        }
        return t;
    }

    private static boolean textual(String type) {
        return type.startsWith("text/") || type.endsWith("json") || type.endsWith("+xml")
                || type.equals("application/xml") || type.equals("application/javascript");
    }

    private static boolean isHtml(String type) {
        return type.equals("text/html") || type.equals("application/xhtml+xml");
    }

    private static boolean looksLikeJson(String text) {
        String t = text.stripLeading();
        return t.startsWith("{") || t.startsWith("[");
    }

    private static boolean utf8(byte[] bytes) {
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes), java.nio.CharBuffer
                .allocate(bytes.length), true).isUnderflow();
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.strip();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").strip());
                    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /**
     * A body as read.
     *
     * @param bytes     the bytes, at most the cap
     * @param truncated whether the response was longer
     */
    record Body(byte[] bytes, boolean truncated) {
    }
}
