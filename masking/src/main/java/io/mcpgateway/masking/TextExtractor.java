package io.mcpgateway.masking;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.SAXException;

/**
 * Turns binary tool results (PDF, Office documents, archives, e-mail, HTML ...) into text with
 * Apache Tika so that they can be masked. Textual content types are decoded directly. Content that
 * cannot be inspected (encrypted, corrupt, images without text, over the size limit) is withheld:
 * the caller gets a notice instead of bytes nobody looked at.
 */
final class TextExtractor {
    private static final System.Logger LOGGER = System.getLogger(TextExtractor.class.getName());

    private final Parser parser = new AutoDetectParser();
    private final int maxChars;

    /**
     * The outcome of an extraction.
     *
     * @param text    extracted text, or null when withheld
     * @param notice  why the content was withheld, or null
     */
    record Extraction(String text, String notice) {
    }

    TextExtractor(int maxChars) {
        this.maxChars = maxChars;
    }

    Extraction extract(byte[] content, String contentType) {
        String type = contentType == null ? "application/octet-stream" : contentType.strip();
        if (content.length == 0) {
            return new Extraction("", null);
        }
        if (textual(type)) {
            String text = new String(content, charset(type));
            if (text.length() > maxChars) {
                return withheld(type, content.length, "it is larger than the " + maxChars + " characters that can be inspected");
            }
            return new Extraction(text, null);
        }
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, type);
        BodyContentHandler handler = new BodyContentHandler(maxChars);
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        try (InputStream in = new ByteArrayInputStream(content)) {
            parser.parse(in, handler, metadata, context);
        } catch (EncryptedDocumentException e) {
            return withheld(type, content.length, "it is encrypted");
        } catch (SAXException e) {
            if (WriteLimitReachedException.isWriteLimitReached(e)) {
                return withheld(type, content.length, "its text is longer than the " + maxChars + " characters that can be inspected");
            }
            LOGGER.log(System.Logger.Level.DEBUG, "text extraction failed for " + type, e);
            return withheld(type, content.length, "its text could not be extracted");
        } catch (TikaException | IOException | RuntimeException e) {
            LOGGER.log(System.Logger.Level.DEBUG, "text extraction failed for " + type, e);
            return withheld(type, content.length, "its text could not be extracted");
        }
        String text = handler.toString().strip();
        if (text.isEmpty()) {
            return withheld(type, content.length, "it contains no text that can be inspected");
        }
        String title = metadata.get(TikaCoreProperties.TITLE);
        String author = metadata.get(TikaCoreProperties.CREATOR);
        StringBuilder sb = new StringBuilder();
        if (title != null && !title.isBlank()) {
            sb.append("Title: ").append(title).append('\n');
        }
        if (author != null && !author.isBlank()) {
            sb.append("Author: ").append(author).append('\n');
        }
        return new Extraction(sb.append(text).toString(), null);
    }

    private static Extraction withheld(String type, int bytes, String reason) {
        return new Extraction(null, "[content withheld: " + type + " (" + bytes + " bytes) was not returned because "
                + reason + ", so it could not be checked for sensitive data]");
    }

    private static boolean textual(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        int semi = t.indexOf(';');
        String base = semi < 0 ? t : t.substring(0, semi).strip();
        return base.startsWith("text/") && !base.equals("text/html") && !base.equals("text/rtf")
                || base.equals("application/json") || base.endsWith("+json") || base.equals("application/x-ndjson")
                || base.equals("application/yaml") || base.equals("application/x-yaml") || base.equals("application/csv")
                || base.equals("application/javascript") || base.equals("application/sql");
    }

    private static Charset charset(String type) {
        int i = type.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (i >= 0) {
            String name = type.substring(i + 8).split("[;\\s]")[0].replace("\"", "");
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }
}
