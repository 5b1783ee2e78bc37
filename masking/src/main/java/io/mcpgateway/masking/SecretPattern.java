package io.mcpgateway.masking;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A credential format with a fixed prefix ({@code ghp_}, {@code AKIA}, {@code xoxb-},
 * {@code -----BEGIN}). The scanner looks prefixes up by their first two characters at word starts,
 * so the regular expression only runs where a prefix is present.
 *
 * @param entity     the type
 * @param prefixes   literal prefixes, case-sensitive
 * @param regex      anchored expression for the whole credential
 * @param minEntropy minimum Shannon entropy in bits per character of the match, 0 for none
 */
record SecretPattern(EntityType entity, List<String> prefixes, Pattern regex, double minEntropy) {

    /**
     * Shannon entropy of a region, in bits per character.
     *
     * @param s     text
     * @param start first char
     * @param end   end, exclusive
     * @return entropy
     */
    static double entropy(CharSequence s, int start, int end) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double n = end - start;
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = c / n;
                h -= p * Math.log(p);
            }
        }
        if (other > 0) {
            double p = other / n;
            h -= p * Math.log(p);
        }
        return h / Math.log(2);
    }
}
