package io.mcpgateway.masking;

import java.util.Map;
import java.util.regex.Matcher;

import static io.mcpgateway.masking.TextScanner.alnum;
import static io.mcpgateway.masking.TextScanner.append;
import static io.mcpgateway.masking.TextScanner.appendInt;

/**
 * The identifier formats mixing letters and digits ({@link TokenPattern}), tried at a word start:
 * only the formats whose first character and first-word length fit, then cheap checks (digits,
 * letters, the character after the first word, a context word within reach, the characters every
 * match starts with), and only then the anchored expression and its check scheme.
 */
final class Identifiers {

    // candidates by first character and first-word length (1..63), with their matcher ids and
    // context gates (-1: none needed)
    private final TokenPattern[][][] byLength = new TokenPattern[128][][];
    private final int[][][] idsByLength = new int[128][][];
    private final int[][][] gatesByLength = new int[128][][];
    // per matcher id: the characters a match must start with, checked before the expression runs
    private final RegexPrefix[] prefixes;

    /**
     * Indexes the enabled formats.
     *
     * @param patternIds matcher ids of the enabled patterns (the token patterns among them are used)
     * @param typeGates  context gates of the types that have context words
     */
    Identifiers(Map<Object, Integer> patternIds, Map<EntityType, Integer> typeGates) {
        this.prefixes = new RegexPrefix[patternIds.size()];
        // in id order, which is the catalog's: among candidates that need no context word, the
        // first one listed wins
        Object[] byId = new Object[patternIds.size()];
        patternIds.forEach((pattern, id) -> byId[id] = pattern);
        for (int id = 0; id < byId.length; id++) {
            if (!(byId[id] instanceof TokenPattern p)) {
                continue;
            }
            prefixes[id] = RegexPrefix.of(p.regex().pattern());
            int gate = p.entity().contextRequired() ? typeGates.getOrDefault(p.entity(), -1) : -1;
            for (int c = 0; c < 128; c++) {
                if (!p.starts()[c]) {
                    continue;
                }
                if (byLength[c] == null) {
                    byLength[c] = new TokenPattern[64][];
                    idsByLength[c] = new int[64][];
                    gatesByLength[c] = new int[64][];
                }
                for (int len = 1; len < 64; len++) {
                    if (p.wordLength(len)) {
                        byLength[c][len] = append(byLength[c][len], p, TokenPattern[]::new);
                        idsByLength[c][len] = appendInt(idsByLength[c][len], id);
                        gatesByLength[c][len] = appendInt(gatesByLength[c][len], gate);
                    }
                }
            }
        }
    }

    /** Whether any format can start with this character. */
    boolean startWith(char c0) {
        return c0 < 128 && byLength[c0] != null;
    }

    /**
     * Tries the formats at a word start; the first one with its context word present wins, else the
     * first one that needs none.
     *
     * @param st scan state
     * @param i  the word start
     * @return end of the finding, or -1
     */
    int scan(ScanState st, int i) {
        char[] cs = st.chars;
        int n = cs.length;
        char c0 = cs[i];
        int alnumEnd = i;
        boolean digit = false;
        boolean letter = false;
        while (alnumEnd < n && alnum(cs[alnumEnd])) {
            digit |= cs[alnumEnd] <= '9';
            letter |= cs[alnumEnd] > '9';
            alnumEnd++;
        }
        boolean mixed = digit && letter;
        letter |= alnumEnd + 1 < n && (cs[alnumEnd] == '-' || cs[alnumEnd] == ' ')
                && ((cs[alnumEnd + 1] | 32) >= 'a' && (cs[alnumEnd + 1] | 32) <= 'z');
        // identifiers hold digits in their first word, or right after it (AB 12 34 56 C)
        digit |= alnumEnd + 1 < n && (cs[alnumEnd] == ' ' || cs[alnumEnd] == '-')
                && cs[alnumEnd + 1] >= '0' && cs[alnumEnd + 1] <= '9';
        int len = Math.min(63, alnumEnd - i);
        TokenPattern[] candidates = byLength[c0][len];
        if (candidates == null) {
            return -1;
        }
        return tokens(st, i, alnumEnd - i, digit, mixed, letter, candidates, idsByLength[c0][len],
                gatesByLength[c0][len]);
    }

    private int tokens(ScanState st, int i, int wordLen, boolean digit, boolean mixed, boolean letter,
                       TokenPattern[] candidates, int[] ids, int[] gated) {
        String s = st.text;
        TokenPattern best = null;
        int bestEnd = -1;
        for (int c = 0; c < candidates.length; c++) {
            TokenPattern p = candidates[c];
            if ((!digit && p.needsDigit()) || (p.mixed() && !mixed) || (p.needsLetter() && !letter)) {
                continue;
            }
            if (p.next() != null && (i + wordLen >= s.length() || p.next().indexOf(s.charAt(i + wordLen)) < 0)) {
                continue;
            }
            int gate = gated[c];
            if (gate >= 0 && !st.contextPossible(i, gate)) {
                continue;
            }
            if (!prefixes[ids[c]].accepts(st.chars, i)) {
                continue;
            }
            Matcher m = st.matcher(ids[c], p.regex());
            m.region(i, Math.min(s.length(), i + 160));
            if (!m.lookingAt()) {
                continue;
            }
            int e = m.end();
            if ((e < s.length() && (alnum(s.charAt(e)) || s.charAt(e) == '_')) || !p.checked(m)) {
                continue;
            }
            // a candidate with its context word present wins; else the first that needs none
            if (st.hasContext(i, p.entity())) {
                best = p;
                bestEnd = e;
                break;
            }
            if (!p.entity().contextRequired() && best == null) {
                best = p;
                bestEnd = e;
            }
        }
        if (best == null) {
            return -1;
        }
        st.add(i, bestEnd, best.entity());
        return bestEnd;
    }
}
