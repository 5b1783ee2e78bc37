package io.mcpgateway.masking;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A necessary condition for an anchored regular expression to match at a position, checked before
 * the expression runs: the characters every match must have at its first offsets. For
 * {@code \d{1,2}\.?\d{3}\.?\d{3}-[0-9kK]} every match has at least 9 characters, a digit first, a
 * digit or a dot second, and so on; a two-digit price followed by a space fails at the third
 * character without starting the regex engine, which costs far more per try.
 *
 * <p>The analysis is sound for the subset of syntax it understands: literals, escaped
 * punctuation, {@code \d \s \w}, character classes with ranges and negation, {@code .}, groups,
 * alternation and the quantifiers {@code ? * + {m} {m,} {m,n}}. Anything else (anchors,
 * look-arounds, back references, flags, Unicode classes) makes the condition always true, so an
 * expression it cannot read runs as before.
 */
final class RegexPrefix {

    /** Offsets checked at most. */
    static final int MAX_OFFSETS = 12;

    private static final RegexPrefix ANY = new RegexPrefix(new long[0], new long[0], new boolean[0]);

    // per offset: which ASCII characters may stand there (two 64-bit halves), and whether any
    // non-ASCII character may
    private final long[] low;
    private final long[] high;
    private final boolean[] nonAscii;

    private RegexPrefix(long[] low, long[] high, boolean[] nonAscii) {
        this.low = low;
        this.high = high;
        this.nonAscii = nonAscii;
    }

    /**
     * The condition of an expression.
     *
     * @param regex the expression, compiled without flags
     * @return its condition, or one that accepts everything when the expression is beyond the subset
     */
    static RegexPrefix of(String regex) {
        try {
            Parser p = new Parser(regex);
            Node node = p.alternation();
            if (p.pos != regex.length()) {
                return ANY;
            }
            int k = Math.min(MAX_OFFSETS, node.minLength());
            if (k == 0) {
                return ANY;
            }
            Sets sets = new Sets(k);
            BitSet start = new BitSet(k + 1);
            start.set(0);
            node.walk(start, sets);
            return new RegexPrefix(sets.low, sets.high, sets.nonAscii);
        } catch (Unsupported e) {
            return ANY;
        }
    }

    /** @return how many offsets are checked (0: the condition accepts everything) */
    int offsets() {
        return low.length;
    }

    /**
     * Whether a match could start at {@code i}.
     *
     * @param cs the text
     * @param i  the start
     * @return false only when no match can start there
     */
    boolean accepts(char[] cs, int i) {
        int k = low.length;
        if (i + k > cs.length) {
            return k == 0;
        }
        for (int o = 0; o < k; o++) {
            char c = cs[i + o];
            if (c >= 128) {
                if (!nonAscii[o]) {
                    return false;
                }
            } else if (((c < 64 ? low[o] >>> c : high[o] >>> (c - 64)) & 1L) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The allowed characters per offset, filled while walking the expression. */
    private static final class Sets {
        final long[] low;
        final long[] high;
        final boolean[] nonAscii;
        final int k;

        Sets(int k) {
            this.k = k;
            low = new long[k];
            high = new long[k];
            nonAscii = new boolean[k];
        }
    }

    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** A node of the expression. */
    private interface Node {
        int minLength();

        /**
         * Records the characters this node may consume at each tracked offset, from the given
         * start offsets (bit k means "k or more": no longer tracked).
         *
         * @return the offsets where it may end
         */
        BitSet walk(BitSet starts, Sets sets);
    }

    /** One character from a set. */
    private record CharSet(long low, long high, boolean nonAscii) implements Node {
        @Override
        public int minLength() {
            return 1;
        }

        @Override
        public BitSet walk(BitSet starts, Sets sets) {
            BitSet ends = new BitSet(sets.k + 1);
            for (int o = starts.nextSetBit(0); o >= 0; o = starts.nextSetBit(o + 1)) {
                if (o < sets.k) {
                    sets.low[o] |= low;
                    sets.high[o] |= high;
                    sets.nonAscii[o] |= nonAscii;
                }
                ends.set(Math.min(o + 1, sets.k));
            }
            return ends;
        }
    }

    private record Sequence(List<Node> parts) implements Node {
        @Override
        public int minLength() {
            int sum = 0;
            for (Node n : parts) {
                sum = (int) Math.min(Integer.MAX_VALUE / 2, (long) sum + n.minLength());
            }
            return sum;
        }

        @Override
        public BitSet walk(BitSet starts, Sets sets) {
            BitSet at = starts;
            for (Node n : parts) {
                at = n.walk(at, sets);
            }
            return at;
        }
    }

    private record Alternation(List<Node> branches) implements Node {
        @Override
        public int minLength() {
            int min = Integer.MAX_VALUE;
            for (Node n : branches) {
                min = Math.min(min, n.minLength());
            }
            return min;
        }

        @Override
        public BitSet walk(BitSet starts, Sets sets) {
            BitSet ends = new BitSet(sets.k + 1);
            for (Node n : branches) {
                ends.or(n.walk(starts, sets));
            }
            return ends;
        }
    }

    private record Repeat(Node node, int min, int max) implements Node {
        @Override
        public int minLength() {
            return (int) Math.min(Integer.MAX_VALUE / 2, (long) min * node.minLength());
        }

        @Override
        public BitSet walk(BitSet starts, Sets sets) {
            BitSet at = starts;
            for (int r = 0; r < min; r++) {
                at = node.walk(at, sets);
            }
            BitSet ends = (BitSet) at.clone();
            // further repetitions until max or until no new end offset appears (offsets are capped)
            for (int r = min; r < max; r++) {
                BitSet next = node.walk(at, sets);
                BitSet before = (BitSet) ends.clone();
                ends.or(next);
                if (ends.equals(before) && next.equals(at)) {
                    break;
                }
                at = next;
            }
            return ends;
        }
    }

    /** A recursive-descent reader of the supported subset. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Node alternation() {
            List<Node> branches = new ArrayList<>();
            branches.add(sequence());
            while (pos < s.length() && s.charAt(pos) == '|') {
                pos++;
                branches.add(sequence());
            }
            return branches.size() == 1 ? branches.get(0) : new Alternation(branches);
        }

        private Node sequence() {
            List<Node> parts = new ArrayList<>();
            while (pos < s.length() && s.charAt(pos) != '|' && s.charAt(pos) != ')') {
                parts.add(quantified(atom()));
            }
            return new Sequence(parts);
        }

        private Node atom() {
            char c = s.charAt(pos++);
            switch (c) {
                case '(' -> {
                    if (s.startsWith("?:", pos)) {
                        pos += 2;
                    } else if (pos < s.length() && s.charAt(pos) == '?') {
                        throw new Unsupported();
                    }
                    Node inner = alternation();
                    if (pos >= s.length() || s.charAt(pos) != ')') {
                        throw new Unsupported();
                    }
                    pos++;
                    return inner;
                }
                case '[' -> {
                    return charClass();
                }
                case '.' -> {
                    return new CharSet(-1L & ~(1L << '\n') & ~(1L << '\r'), -1L, true);
                }
                case '\\' -> {
                    return escape(s.charAt(pos++));
                }
                case '^', '$', '*', '+', '?', '{', ')' -> throw new Unsupported();
                default -> {
                    return single(c);
                }
            }
        }

        private Node quantified(Node atom) {
            if (pos >= s.length()) {
                return atom;
            }
            char c = s.charAt(pos);
            int min;
            int max;
            switch (c) {
                case '?' -> {
                    min = 0;
                    max = 1;
                    pos++;
                }
                case '*' -> {
                    min = 0;
                    max = Integer.MAX_VALUE;
                    pos++;
                }
                case '+' -> {
                    min = 1;
                    max = Integer.MAX_VALUE;
                    pos++;
                }
                case '{' -> {
                    int close = s.indexOf('}', pos);
                    if (close < 0) {
                        throw new Unsupported();
                    }
                    String body = s.substring(pos + 1, close);
                    pos = close + 1;
                    try {
                        int comma = body.indexOf(',');
                        if (comma < 0) {
                            min = Integer.parseInt(body);
                            max = min;
                        } else {
                            min = Integer.parseInt(body.substring(0, comma));
                            max = comma == body.length() - 1 ? Integer.MAX_VALUE
                                    : Integer.parseInt(body.substring(comma + 1));
                        }
                    } catch (NumberFormatException e) {
                        throw new Unsupported();
                    }
                }
                default -> {
                    return atom;
                }
            }
            if (pos < s.length() && (s.charAt(pos) == '?' || s.charAt(pos) == '+')) {
                // lazy or possessive: the same strings can match
                pos++;
            }
            return new Repeat(atom, min, max);
        }

        private Node charClass() {
            boolean negate = pos < s.length() && s.charAt(pos) == '^';
            if (negate) {
                pos++;
            }
            long low = 0;
            long high = 0;
            boolean nonAscii = false;
            boolean first = true;
            while (true) {
                if (pos >= s.length()) {
                    throw new Unsupported();
                }
                char c = s.charAt(pos++);
                if (c == ']' && !first) {
                    break;
                }
                first = false;
                if (c == '[' || (c == '&' && pos < s.length() && s.charAt(pos) == '&')) {
                    throw new Unsupported();
                }
                CharSet one;
                if (c == '\\') {
                    Node e = escape(s.charAt(pos++));
                    one = (CharSet) e;
                } else if (pos + 1 < s.length() && s.charAt(pos) == '-' && s.charAt(pos + 1) != ']') {
                    char to = s.charAt(pos + 1);
                    if (to == '\\' || to == '[') {
                        throw new Unsupported();
                    }
                    pos += 2;
                    one = range(c, to);
                } else {
                    one = (CharSet) single(c);
                }
                low |= one.low();
                high |= one.high();
                nonAscii |= one.nonAscii();
            }
            return negate ? new CharSet(~low, ~high, true) : new CharSet(low, high, nonAscii);
        }

        private Node escape(char e) {
            return switch (e) {
                case 'd' -> range('0', '9');
                case 's' -> union(single(' '), single('\t'), single('\n'), single('\u000B'), single('\f'), single('\r'));
                case 'w' -> union(range('a', 'z'), range('A', 'Z'), range('0', '9'), single('_'));
                case 't' -> single('\t');
                case 'n' -> single('\n');
                default -> {
                    if (Character.isLetterOrDigit(e)) {
                        // \p{..}, \b, back references, \D, \S, \W ...: outside the subset
                        throw new Unsupported();
                    }
                    yield single(e);
                }
            };
        }

        private static CharSet single(char c) {
            if (c >= 128) {
                return new CharSet(0, 0, true);
            }
            return c < 64 ? new CharSet(1L << c, 0, false) : new CharSet(0, 1L << (c - 64), false);
        }

        private static CharSet range(char from, char to) {
            if (from > to) {
                throw new Unsupported();
            }
            long low = 0;
            long high = 0;
            for (char c = from; c <= to && c < 128; c++) {
                if (c < 64) {
                    low |= 1L << c;
                } else {
                    high |= 1L << (c - 64);
                }
            }
            return new CharSet(low, high, to >= 128);
        }

        private static CharSet union(Node... sets) {
            long low = 0;
            long high = 0;
            boolean nonAscii = false;
            for (Node n : sets) {
                CharSet c = (CharSet) n;
                low |= c.low();
                high |= c.high();
                nonAscii |= c.nonAscii();
            }
            return new CharSet(low, high, nonAscii);
        }
    }
}
