package io.mcpgateway.masking;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * First masking pass: e-mail addresses, payment card numbers (Luhn-checked) and the exact
 * server-held credential values, in their plain, URL-encoded and base64 forms.
 */
public final class MaskingEngine {

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,24}");
    private static final Pattern CARD = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");

    private MaskingEngine() {
    }

    /**
     * Creates the engine.
     *
     * @return engine
     */
    public static MaskingEngine create() {
        return new MaskingEngine();
    }

    /**
     * Masks text.
     *
     * @param text    input
     * @param secrets server-held credential values to scrub exactly
     * @return masked text and counts by entity type
     */
    public MaskedText maskText(String text, Set<String> secrets) {
        Map<String, Integer> counts = new TreeMap<>();
        String out = text;
        for (String variant : variants(secrets)) {
            int n = count(out, variant);
            if (n > 0) {
                out = out.replace(variant, "[SECRET]");
                counts.merge("SERVER_CREDENTIAL", n, Integer::sum);
            }
        }
        out = replace(out, EMAIL, "[EMAIL]", "EMAIL", counts, false);
        out = replace(out, CARD, "[CARD_NUMBER]", "CARD_NUMBER", counts, true);
        return new MaskedText(out, Collections.unmodifiableMap(counts));
    }

    private static String replace(String text, Pattern p, String token, String type, Map<String, Integer> counts,
                                  boolean luhn) {
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder();
        int n = 0;
        while (m.find()) {
            if (luhn && !luhn(m.group())) {
                continue;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(token));
            n++;
        }
        m.appendTail(sb);
        if (n > 0) {
            counts.merge(type, n, Integer::sum);
        }
        return sb.toString();
    }

    static boolean luhn(String candidate) {
        int sum = 0;
        boolean dbl = false;
        int digits = 0;
        for (int i = candidate.length() - 1; i >= 0; i--) {
            char c = candidate.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
            digits++;
        }
        return digits >= 13 && sum % 10 == 0;
    }

    private static Set<String> variants(Set<String> secrets) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s == null || s.length() < 4) {
                continue;
            }
            out.add(s);
            out.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
            out.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /**
     * Masked text with counts by entity type (never values).
     *
     * @param text   masked text
     * @param counts findings by type
     */
    public record MaskedText(String text, Map<String, Integer> counts) {
    }
}
