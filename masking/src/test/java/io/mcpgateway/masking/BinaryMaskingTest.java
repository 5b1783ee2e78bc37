package io.mcpgateway.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

/**
 * Binary tool results are turned into text and masked; what cannot be inspected is withheld with a
 * notice, never passed through.
 */
class BinaryMaskingTest {
    private static final MaskingEngine ENGINE = MaskingEngine.create();

    private static byte[] pdf(String line) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(50, 700);
                cs.showText(line);
                cs.endText();
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void textInAPdfIsExtractedAndMasked() throws IOException {
        byte[] content = pdf("Invoice for maria@example.com, card 4111 1111 1111 1111, password=S3cr3tValue!");
        Masked<String> out = ENGINE.maskBinary(content, "application/pdf", new MaskingRequest("default", Set.of("S3cr3tValue!"), null));
        assertTrue(out.value().contains("Invoice for [EMAIL], card [CARD_NUMBER]"), out.value());
        assertFalse(out.value().contains("S3cr3tValue"), out.value());
        assertNull(out.report().withheld());
    }

    @Test
    void anImageWithoutTextIsWithheld() throws IOException {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        Masked<String> out = ENGINE.maskBinary(png.toByteArray(), "image/png", MaskingRequest.of("default"));
        assertTrue(out.value().startsWith("[content withheld: image/png ("), out.value());
        assertTrue(out.value().contains("contains no text that can be inspected"), out.value());
        assertEquals(out.value(), out.report().withheld());
    }

    @Test
    void corruptContentIsWithheldNotPassedThrough() {
        byte[] junk = "%PDF-1.7\n this is not really a pdf 123-45-6789".getBytes(StandardCharsets.UTF_8);
        Masked<String> out = ENGINE.maskBinary(junk, "application/pdf", MaskingRequest.of("default"));
        assertTrue(out.value().startsWith("[content withheld: application/pdf"), out.value());
        assertFalse(out.value().contains("123-45-6789"));
    }

    @Test
    void textualContentTypesAreDecodedDirectly() {
        byte[] csv = "name,email\nAnna Schmidt,anna@example.de\n".getBytes(StandardCharsets.ISO_8859_1);
        Masked<String> out = ENGINE.maskBinary(csv, "text/csv; charset=ISO-8859-1", MaskingRequest.of("default"));
        assertEquals("name,email\n[NAME],[EMAIL]\n", out.value());
    }

    @Test
    void contentOverTheLimitIsWithheld() {
        MaskingEngine small = MaskingEngine.builder().maxExtractedChars(10).build();
        Masked<String> out = small.maskBinary("0123456789ABCDEF".getBytes(StandardCharsets.UTF_8), "text/plain",
                MaskingRequest.of("default"));
        assertTrue(out.value().contains("larger than the 10 characters that can be inspected"), out.value());
    }
}
