package io.mcpgateway.tools;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Finds regular expressions that can backtrack catastrophically (exponential time on a
 * non-matching input), so lint refuses them before a caller can send the input that hangs the
 * gateway.
 *
 * <p>The test is the classic one for ReDoS: inside an unbounded repetition {@code (...)*}, an
 * element that itself repeats without bound must not be able to match the characters that may
 * follow it in the same or the next iteration ({@code (a+)+}, {@code (\w+\s?)*}), and the branches
 * of a repeated alternation must not start with the same character ({@code (a|ab)*}). Possessive
 * quantifiers ({@code a++}) and atomic groups ({@code (?>...)}) never backtrack and are accepted.
 * Character sets are compared over Latin and Latin-1 characters, which is where runbook patterns
 * live; the check may refuse a safe pattern, never the other way round for those characters.
 */
final class BacktrackingCheck {

    private static final int CHARS = 0x300;
    // {n,m} with m at least this counts as "many": (.*a){12} is polynomial of degree 12
    private static final int MANY = 5;

    private final String regex;
    private int at;

    private BacktrackingCheck(String regex) {
        this.regex = regex;
    }

    /**
     * Checks a regular expression.
     *
     * @param regex a pattern that compiles with {@link Pattern}
     * @return null when it cannot backtrack catastrophically, else why it can
     */
    static String check(String regex) {
        Node root;
        try {
            BacktrackingCheck parser = new BacktrackingCheck(regex);
            root = parser.alternation();
        } catch (RuntimeException e) {
            return null; // constructs this reader does not know are judged by the match budget at run time
        }
        return find(root);
    }

    private sealed interface Node permits Atom, Empty, Seq, Alt, Group, Repeat {
    }

    private record Atom(BitSet chars) implements Node {
    }

    private record Empty() implements Node {
    }

    private record Seq(List<Node> items) implements Node {
    }

    private record Alt(List<Node> branches) implements Node {
    }

    private record Group(Node body, boolean atomic) implements Node {
    }

    private record Repeat(Node body, int min, boolean unbounded, boolean possessive, int max) implements Node {
        /** Repeats often enough for nested ambiguity to cost more than polynomial time of low degree. */
        boolean many() {
            return unbounded || max >= MANY;
        }
    }

    private static String find(Node node) {
        switch (node) {
            case Repeat r -> {
                if (r.many() && !r.possessive()) {
                    String problem = ambiguous(r);
                    if (problem != null) {
                        return problem;
                    }
                }
                return find(r.body());
            }
            case Group g -> {
                return g.atomic() ? null : find(g.body());
            }
            case Seq s -> {
                for (Node n : s.items()) {
                    String p = find(n);
                    if (p != null) {
                        return p;
                    }
                }
                return null;
            }
            case Alt a -> {
                for (Node n : a.branches()) {
                    String p = find(n);
                    if (p != null) {
                        return p;
                    }
                }
                return null;
            }
            case Atom a -> {
                return null;
            }
            case Empty e -> {
                return null;
            }
        }
    }

    private static String ambiguous(Repeat outer) {
        Node body = unwrap(outer.body());
        if (body instanceof Group g && g.atomic()) {
            return null;
        }
        if (body instanceof Alt alt) {
            for (int i = 0; i < alt.branches().size(); i++) {
                for (int j = i + 1; j < alt.branches().size(); j++) {
                    if (first(alt.branches().get(i)).intersects(first(alt.branches().get(j)))) {
                        return "a repeated alternation whose branches can start with the same character";
                    }
                }
            }
        }
        List<Node> items = new ArrayList<>();
        flatten(body, items);
        BitSet next = first(body);
        for (int k = 0; k < items.size(); k++) {
            if (!(items.get(k) instanceof Repeat inner) || !inner.many() || inner.possessive()) {
                continue;
            }
            BitSet follow = new BitSet();
            boolean reachedEnd = true;
            for (int m = k + 1; m < items.size(); m++) {
                follow.or(first(items.get(m)));
                if (!nullable(items.get(m))) {
                    reachedEnd = false;
                    break;
                }
            }
            if (reachedEnd) {
                follow.or(next);
            }
            if (chars(inner).intersects(follow)) {
                return "a repetition nested in another repetition that can match the same characters";
            }
        }
        return null;
    }

    private static Node unwrap(Node n) {
        while (n instanceof Group g && !g.atomic()) {
            n = g.body();
        }
        return n;
    }

    private static void flatten(Node n, List<Node> out) {
        Node u = unwrap(n);
        if (u instanceof Seq s) {
            s.items().forEach(i -> flatten(i, out));
        } else {
            out.add(u);
        }
    }

    private static BitSet first(Node n) {
        return switch (n) {
            case Atom a -> a.chars();
            case Empty e -> new BitSet();
            case Group g -> first(g.body());
            case Repeat r -> first(r.body());
            case Alt a -> {
                BitSet s = new BitSet();
                a.branches().forEach(b -> s.or(first(b)));
                yield s;
            }
            case Seq s -> {
                BitSet out = new BitSet();
                for (Node item : s.items()) {
                    out.or(first(item));
                    if (!nullable(item)) {
                        break;
                    }
                }
                yield out;
            }
        };
    }

    private static boolean nullable(Node n) {
        return switch (n) {
            case Atom a -> false;
            case Empty e -> true;
            case Group g -> nullable(g.body());
            case Repeat r -> r.min() == 0 || nullable(r.body());
            case Alt a -> a.branches().stream().anyMatch(BacktrackingCheck::nullable);
            case Seq s -> s.items().stream().allMatch(BacktrackingCheck::nullable);
        };
    }

    /** Every character a node can match anywhere. */
    private static BitSet chars(Node n) {
        return switch (n) {
            case Atom a -> a.chars();
            case Empty e -> new BitSet();
            case Group g -> chars(g.body());
            case Repeat r -> chars(r.body());
            case Alt a -> union(a.branches());
            case Seq s -> union(s.items());
        };
    }

    private static BitSet union(List<Node> nodes) {
        BitSet s = new BitSet();
        nodes.forEach(x -> s.or(chars(x)));
        return s;
    }

    // ---- a small reader for java.util.regex syntax ----

    private Node alternation() {
        List<Node> branches = new ArrayList<>();
        branches.add(sequence());
        while (at < regex.length() && regex.charAt(at) == '|') {
            at++;
            branches.add(sequence());
        }
        return branches.size() == 1 ? branches.get(0) : new Alt(branches);
    }

    private Node sequence() {
        List<Node> items = new ArrayList<>();
        while (at < regex.length() && regex.charAt(at) != '|' && regex.charAt(at) != ')') {
            Node atom = primary();
            items.add(quantified(atom));
        }
        return items.size() == 1 ? items.get(0) : new Seq(items);
    }

    private Node quantified(Node atom) {
        while (at < regex.length()) {
            char c = regex.charAt(at);
            int min;
            int max = -1;
            boolean unbounded;
            if (c == '*' || c == '+' || c == '?') {
                at++;
                min = c == '+' ? 1 : 0;
                unbounded = c != '?';
                max = unbounded ? -1 : 1;
            } else if (c == '{' && regex.indexOf('}', at) > 0 && regex.substring(at + 1, regex.indexOf('}', at))
                    .matches("\\d+(,\\d*)?")) {
                String[] bounds = regex.substring(at + 1, regex.indexOf('}', at)).split(",", -1);
                at = regex.indexOf('}', at) + 1;
                min = Integer.parseInt(bounds[0]);
                unbounded = bounds.length == 2 && bounds[1].isEmpty();
                max = unbounded ? -1 : Integer.parseInt(bounds[bounds.length - 1]);
            } else {
                return atom;
            }
            boolean possessive = false;
            if (at < regex.length() && regex.charAt(at) == '+') {
                possessive = true;
                at++;
            } else if (at < regex.length() && regex.charAt(at) == '?') {
                at++; // lazy: backtracks all the same
            }
            atom = new Repeat(atom, min, unbounded, possessive, max);
        }
        return atom;
    }

    private Node primary() {
        char c = regex.charAt(at);
        switch (c) {
            case '(' -> {
                at++;
                boolean atomic = false;
                boolean lookaround = false;
                if (regex.startsWith("?", at)) {
                    if (regex.startsWith("?>", at)) {
                        atomic = true;
                        at += 2;
                    } else if (regex.startsWith("?=", at) || regex.startsWith("?!", at)) {
                        lookaround = true;
                        at += 2;
                    } else if (regex.startsWith("?<=", at) || regex.startsWith("?<!", at)) {
                        lookaround = true;
                        at += 3;
                    } else if (regex.startsWith("?<", at)) {
                        at = regex.indexOf('>', at) + 1;
                    } else {
                        // inline flags: (?i) or (?i:...)
                        int end = at + 1;
                        while (end < regex.length() && regex.charAt(end) != ':' && regex.charAt(end) != ')') {
                            end++;
                        }
                        boolean flagsOnly = regex.charAt(end) == ')';
                        at = end + 1;
                        if (flagsOnly) {
                            return new Empty();
                        }
                    }
                }
                Node body = alternation();
                at++; // ')'
                return lookaround ? new Empty() : new Group(body, atomic);
            }
            case '[' -> {
                int end = classEnd(at);
                String source = regex.substring(at, end);
                at = end;
                return atom(source);
            }
            case '\\' -> {
                return escape();
            }
            case '^', '$' -> {
                at++;
                return new Empty();
            }
            case '.' -> {
                at++;
                return atom(".");
            }
            default -> {
                at++;
                return atom(Pattern.quote(String.valueOf(c)));
            }
        }
    }

    private Node escape() {
        char e = regex.charAt(at + 1);
        if (e == 'Q') {
            int end = regex.indexOf("\\E", at);
            String quoted = regex.substring(at + 2, end < 0 ? regex.length() : end);
            at = end < 0 ? regex.length() : end + 2;
            List<Node> items = new ArrayList<>();
            quoted.chars().forEach(ch -> items.add(atom(Pattern.quote(String.valueOf((char) ch)))));
            return items.isEmpty() ? new Empty() : new Seq(items);
        }
        if ("bBAGzZ".indexOf(e) >= 0) {
            at += 2;
            return new Empty();
        }
        int end = at + 2;
        if ((e == 'p' || e == 'P' || e == 'x' || e == 'N') && end < regex.length() && regex.charAt(end) == '{') {
            end = regex.indexOf('}', end) + 1;
        } else if (e == 'x') {
            end = at + 4;
        } else if (e == 'u') {
            end = at + 6;
        } else if (e == 'c') {
            end = at + 3;
        } else if (Character.isDigit(e) || e == 'k') {
            // a back-reference can match anything the group did
            at = e == 'k' ? regex.indexOf('>', at) + 1 : end;
            return atom("[\\s\\S]");
        }
        String source = regex.substring(at, end);
        at = end;
        return atom(source);
    }

    private int classEnd(int start) {
        int i = start + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        int depth = 1;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        throw new PatternSyntaxException("unclosed class", regex, start);
    }

    private static Atom atom(String source) {
        Pattern p = Pattern.compile(source);
        BitSet chars = new BitSet(CHARS);
        for (int c = 0; c < CHARS; c++) {
            if (p.matcher(String.valueOf((char) c)).matches()) {
                chars.set(c);
            }
        }
        return new Atom(chars);
    }
}
