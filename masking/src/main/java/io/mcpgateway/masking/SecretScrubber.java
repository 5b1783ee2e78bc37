package io.mcpgateway.masking;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Exact scrubbing of the credential values the server holds (database passwords, API tokens the
 * connectors use). They are found whatever the profile says, in every form a tool result may carry
 * them:
 * <ul>
 *     <li>literally, URL-encoded, or partly URL-encoded ({@code p%40ss} for {@code p@ss}, {@code +}
 *     for a space), by a matcher that accepts either form character by character;</li>
 *     <li>base64 and base64url, on their own or inside a longer base64 blob such as
 *     {@code Basic base64(user:password)}: for each of the three byte alignments the characters
 *     that depend only on the secret are searched, and the whole blob around a hit is removed;</li>
 *     <li>JSON-escaped, when the secret holds quotes or backslashes.</li>
 * </ul>
 * Values shorter than four characters are ignored: scrubbing them would destroy the output.
 */
final class SecretScrubber {
    static final int MIN_LENGTH = 4;
    private static final int MIN_BASE64_CORE = 6;

    private final List<String> secrets = new ArrayList<>();
    private final List<String> literalForms = new ArrayList<>();
    private final List<String> base64Cores = new ArrayList<>();

    SecretScrubber(Set<String> values) {
        Set<String> lits = new LinkedHashSet<>();
        Set<String> cores = new LinkedHashSet<>();
        for (String v : values) {
            if (v == null || v.length() < MIN_LENGTH) {
                continue;
            }
            secrets.add(v);
            String json = v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t");
            if (!json.equals(v)) {
                lits.add(json);
            }
            byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
            for (int align = 0; align < 3; align++) {
                byte[] shifted = new byte[align + bytes.length];
                System.arraycopy(bytes, 0, shifted, align, bytes.length);
                String enc = Base64.getEncoder().encodeToString(shifted);
                int from = (align + 2) / 3 * 4;
                int to = (align + bytes.length) / 3 * 4;
                if (to - from >= MIN_BASE64_CORE) {
                    String core = enc.substring(from, to);
                    cores.add(core);
                    cores.add(core.replace('+', '-').replace('/', '_'));
                }
            }
            String whole = Base64.getEncoder().withoutPadding().encodeToString(bytes);
            if (whole.length() >= MIN_LENGTH) {
                cores.add(whole);
                cores.add(whole.replace('+', '-').replace('/', '_'));
            }
        }
        literalForms.addAll(lits);
        base64Cores.addAll(cores);
    }

    boolean isEmpty() {
        return secrets.isEmpty();
    }

    /**
     * Adds a finding for every occurrence of a held secret in any of its forms.
     *
     * @param text     the text
     * @param type     the entity type reported ({@code SERVER_SECRET})
     * @param findings where findings go
     */
    void scrub(String text, EntityType type, List<Finding> findings) {
        for (String secret : secrets) {
            flexible(text, secret, type, findings);
        }
        for (String lit : literalForms) {
            for (int i = text.indexOf(lit); i >= 0; i = text.indexOf(lit, i + 1)) {
                findings.add(new Finding(i, i + lit.length(), type, Finding.EXACT, null, MaskingStrategy.REDACT));
            }
        }
        for (String core : base64Cores) {
            for (int i = text.indexOf(core); i >= 0; i = text.indexOf(core, i + 1)) {
                int s = i;
                while (s > 0 && base64(text.charAt(s - 1))) {
                    s--;
                }
                int e = i + core.length();
                while (e < text.length() && (base64(text.charAt(e)) || text.charAt(e) == '=')) {
                    e++;
                }
                findings.add(new Finding(s, e, type, Finding.EXACT, null, MaskingStrategy.REDACT));
                i = e - 1;
            }
        }
    }

    private static boolean base64(char c) {
        return TextScanner.alnum(c) || c == '+' || c == '/' || c == '-' || c == '_';
    }

    /** Occurrences where each character of the secret appears literally or percent-encoded. */
    private static void flexible(String text, String secret, EntityType type, List<Finding> findings) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        char first = secret.charAt(0);
        int n = text.length();
        int i = 0;
        while (i < n) {
            int a = text.indexOf(first, i);
            int b = text.indexOf('%', i);
            int next = a < 0 ? b : b < 0 ? a : Math.min(a, b);
            if (next < 0) {
                return;
            }
            int end = matchAt(text, next, bytes);
            if (end > 0) {
                findings.add(new Finding(next, end, type, Finding.EXACT, null, MaskingStrategy.REDACT));
                i = end;
            } else {
                i = next + 1;
            }
        }
    }

    /** Matches the secret's UTF-8 bytes at {@code pos}, each byte literal (ASCII), {@code %XX} or {@code +} for space. */
    private static int matchAt(String text, int pos, byte[] bytes) {
        int n = text.length();
        int j = pos;
        int k = 0;
        while (k < bytes.length) {
            if (j >= n) {
                return -1;
            }
            char c = text.charAt(j);
            int b = bytes[k] & 0xff;
            if (c == '%' && hexByte(text, j + 1) == b) {
                j += 3;
                k++;
            } else if (b < 0x80 && c == b) {
                j++;
                k++;
            } else if (b == ' ' && c == '+') {
                j++;
                k++;
            } else if (b >= 0x80) {
                // a non-ASCII character written literally: compare the whole code point
                int cp = text.codePointAt(j);
                byte[] lit = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                if (k + lit.length > bytes.length) {
                    return -1;
                }
                for (int x = 0; x < lit.length; x++) {
                    if (lit[x] != bytes[k + x]) {
                        return -1;
                    }
                }
                k += lit.length;
                j += Character.charCount(cp);
            } else {
                return -1;
            }
        }
        return j;
    }

    private static int hexByte(String text, int i) {
        if (i + 1 >= text.length()) {
            return -1;
        }
        int hi = Character.digit(text.charAt(i), 16);
        int lo = Character.digit(text.charAt(i + 1), 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }
}
