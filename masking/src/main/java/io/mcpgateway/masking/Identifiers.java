package io.mcpgateway.masking;

import java.util.Map;
import java.util.regex.Matcher;

import static io.mcpgateway.masking.TextScanner.alnum;
import static io.mcpgateway.masking.TextScanner.append;

/**
 * The identifier formats mixing letters and digits ({@link TokenPattern}), tried at a word start:
 * only the formats whose first character and first-word length fit, then cheap checks (digits,
 * letters, the character after the first word, a context word within reach, the characters every
 * match starts with), and only then the anchored expression and its check scheme.
 */
final class Identifiers {

    /** One format at a word start: its pattern, matcher id and the characters a match starts with. */
    private record Candidate(TokenPattern pattern, int id, RegexPrefix prefix) {
    }

    /**
     * The formats a word start can begin, in catalog order, with the cheap checks in flat arrays:
     * most words fail them all without any candidate being read.
     */
    private static final class Bucket {
        private Candidate[] candidates = new Candidate[0];
        // per candidate: the context gate (-1: none needed)
        private int[] gates = new int[0];

        private void add(Candidate c, int gate) {
            int k = candidates.length;
            candidates = java.util.Arrays.copyOf(candidates, k + 1);
            gates = java.util.Arrays.copyOf(gates, k + 1);
            candidates[k] = c;
            gates[k] = gate;
        }
    }

    // the shapes of a first word: a digit in or right after it, letters and digits in it, a letter
    // in or right after it
    private static final int DIGIT = 1;
    private static final int MIXED = 2;
    private static final int LETTER = 4;

    // buckets by first character, then by first-word length (1..63), shape and the character after
    // the first word; a bucket holds only the formats these allow
    private final Bucket[][] buckets = new Bucket[128][];
    // the characters some format requires right after its first word (~ in an Azure client secret,
    // : in a Telegram token), numbered from 1; 0 stands for any other
    private final byte[] nextClass = new byte[128];
    private final int nextClasses;
    // per first character and first-word length: which (shape, next class) combinations have a
    // bucket, a small table read at every word before the large one
    private final long[] present = new long[128 * 64];

    /**
     * Indexes the enabled formats.
     *
     * @param patternIds matcher ids of the enabled patterns (the token patterns among them are used)
     * @param typeGates  context gates of the types that have context words
     */
    Identifiers(Map<Object, Integer> patternIds, Map<EntityType, Integer> typeGates) {
        // in id order, which is the catalog's: among candidates that need no context word, the
        // first one listed wins
        Object[] byId = new Object[patternIds.size()];
        patternIds.forEach((pattern, id) -> byId[id] = pattern);
        int classes = 1;
        for (Object o : byId) {
            if (o instanceof TokenPattern p && p.next() != null) {
                for (char ch : p.next().toCharArray()) {
                    if (ch >= 128) {
                        throw new IllegalArgumentException("the next character of a format must be ASCII: " + p.next());
                    }
                    if (nextClass[ch] == 0) {
                        nextClass[ch] = (byte) classes++;
                    }
                }
            }
        }
        if (classes > 8) {
            throw new IllegalArgumentException("at most 7 characters may follow the first word of a format");
        }
        this.nextClasses = classes;
        for (int id = 0; id < byId.length; id++) {
            if (!(byId[id] instanceof TokenPattern p)) {
                continue;
            }
            int gate = p.entity().contextRequired() ? typeGates.getOrDefault(p.entity(), -1) : -1;
            Candidate candidate = new Candidate(p, id, RegexPrefix.of(p.regex().pattern()));
            for (int c = 0; c < 128; c++) {
                if (!p.starts()[c]) {
                    continue;
                }
                if (buckets[c] == null) {
                    buckets[c] = new Bucket[64 * 8 * nextClasses];
                }
                for (int len = 1; len < 64; len++) {
                    if (!p.wordLength(len)) {
                        continue;
                    }
                    for (int shape = 0; shape < 8; shape++) {
                        if ((p.needsDigit() && (shape & DIGIT) == 0) || (p.mixed() && (shape & MIXED) == 0)
                                || (p.needsLetter() && (shape & LETTER) == 0)) {
                            continue;
                        }
                        for (int next = 0; next < nextClasses; next++) {
                            if (p.next() != null && (next == 0 || p.next().indexOf(nextChar(next)) < 0)) {
                                continue;
                            }
                            int key = (len * 8 + shape) * nextClasses + next;
                            if (buckets[c][key] == null) {
                                buckets[c][key] = new Bucket();
                            }
                            buckets[c][key].add(candidate, gate);
                            present[c * 64 + len] |= 1L << (shape * 8 + next);
                        }
                    }
                }
            }
        }
    }

    private char nextChar(int cls) {
        for (char ch = 0; ch < 128; ch++) {
            if (nextClass[ch] == cls) {
                return ch;
            }
        }
        throw new IllegalStateException("no character of class " + cls);
    }

    /** Whether any format can start with this character. */
    boolean startWith(char c0) {
        return c0 < 128 && buckets[c0] != null;
    }

    /**
     * Tries the formats at a word start; the first one with its context word present wins, else the
     * first one that needs none.
     *
     * @param st       scan state
     * @param i        the word start
     * @param alnumEnd end of the run of ASCII letters and digits starting at i
     * @param digit    whether that run holds a digit
     * @param letter   whether that run holds a letter
     * @return end of the finding, or -1
     */
    int scan(ScanState st, int i, int alnumEnd, boolean digit, boolean letter) {
        char[] cs = st.chars;
        int n = cs.length;
        int shape = digit && letter ? MIXED : 0;
        if (alnumEnd + 1 < n && (cs[alnumEnd] == ' ' || cs[alnumEnd] == '-')) {
            char after = cs[alnumEnd + 1];
            // identifiers hold digits in their first word, or right after it (AB 12 34 56 C)
            digit |= after >= '0' && after <= '9';
            letter |= (after | 32) >= 'a' && (after | 32) <= 'z';
        }
        shape |= (digit ? DIGIT : 0) | (letter ? LETTER : 0);
        int next = alnumEnd < n && cs[alnumEnd] < 128 ? nextClass[cs[alnumEnd]] : 0;
        int len = Math.min(63, alnumEnd - i);
        if ((present[cs[i] * 64 + len] & (1L << (shape * 8 + next))) == 0) {
            return -1;
        }
        return tokens(st, i, buckets[cs[i]][(len * 8 + shape) * nextClasses + next]);
    }

    private int tokens(ScanState st, int i, Bucket bucket) {
        char[] cs = st.chars;
        int n = cs.length;
        int[] gates = bucket.gates;
        int[] lastContext = st.lastContext;
        // whether the text's field or table column may hold the context of a gated format (checked
        // precisely after a match), computed once
        int anywhere = -1;
        TokenPattern best = null;
        int bestEnd = -1;
        for (int c = 0; c < gates.length; c++) {
            int gate = gates[c];
            if (gate >= 0 && i - lastContext[gate] > ScanState.CONTEXT_REACH) {
                if (anywhere < 0) {
                    anywhere = st.field != null || st.inCell(i) ? 1 : 0;
                }
                if (anywhere == 0) {
                    continue;
                }
            }
            Candidate candidate = bucket.candidates[c];
            if (!candidate.prefix.accepts(cs, i)) {
                continue;
            }
            TokenPattern p = candidate.pattern;
            Matcher m = st.matcher(candidate.id, p.regex());
            m.region(i, Math.min(n, i + 160));
            if (!m.lookingAt()) {
                continue;
            }
            int e = m.end();
            if ((e < n && (alnum(cs[e]) || cs[e] == '_')) || !p.checked(m)) {
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
