package io.mcpgateway.masking;

import java.util.Arrays;

/**
 * The context words of the enabled entity types in one trie, walked at word starts: the text's
 * characters are read once per word start instead of once per candidate word. A word matches
 * where {@link ScanState#contextAt(int, String)} would: case-insensitively, and a space in the
 * word also matches {@code _}, {@code -} or {@code .} ({@code id_no}, {@code health-card}).
 * Words are stored lower-case; each word end carries the gates (see {@link TextScanner}) of the
 * types it is a context word of.
 */
final class ContextTrie {

    private static final class Node {
        private char[] keys = new char[0];
        private Node[] next = new Node[0];
        private int[] gates;
        // nodes with many children (the root, common prefixes) also index ASCII children directly
        private Node[] ascii;

        private Node child(char c) {
            if (ascii != null && c < 128) {
                return ascii[c];
            }
            char[] k = keys;
            for (int i = 0; i < k.length; i++) {
                if (k[i] == c) {
                    return next[i];
                }
            }
            return null;
        }

        private Node add(char c) {
            Node n = child(c);
            if (n == null) {
                n = new Node();
                keys = Arrays.copyOf(keys, keys.length + 1);
                next = Arrays.copyOf(next, next.length + 1);
                keys[keys.length - 1] = c;
                next[next.length - 1] = n;
                if (keys.length >= 4) {
                    ascii = new Node[128];
                    for (int i = 0; i < keys.length; i++) {
                        if (keys[i] < 128) {
                            ascii[keys[i]] = next[i];
                        }
                    }
                }
            }
            return n;
        }
    }

    private final Node root = new Node();

    /**
     * Adds a word.
     *
     * @param word the word, lower-case
     * @param gate the gate it opens
     */
    void add(String word, int gate) {
        Node n = root;
        for (int k = 0; k < word.length(); k++) {
            n = n.add(word.charAt(k));
        }
        if (n.gates == null) {
            n.gates = new int[] {gate};
        } else if (Arrays.stream(n.gates).noneMatch(g -> g == gate)) {
            n.gates = Arrays.copyOf(n.gates, n.gates.length + 1);
            n.gates[n.gates.length - 1] = gate;
        }
    }

    /**
     * Opens the gates of every word starting at {@code i}: {@code lastContext[gate]} becomes the
     * word's end (or stays, when already later).
     *
     * @param cs          the text
     * @param i           a word start
     * @param lastContext the scan's gate positions
     */
    void open(char[] cs, int i, int[] lastContext) {
        walk(root, cs, i, lastContext);
    }

    private static void walk(Node node, char[] cs, int j, int[] lastContext) {
        // iterative along the case-folded path; the rarer branches (the character as written when
        // folding changed it, a separator standing for a space) recurse
        while (true) {
            if (node.gates != null) {
                for (int g : node.gates) {
                    lastContext[g] = Math.max(lastContext[g], j);
                }
            }
            if (j >= cs.length || node.keys.length == 0) {
                return;
            }
            char t = cs[j];
            char folded = t >= 'A' && t <= 'Z' ? (char) (t + 32) : t >= 128 ? Character.toLowerCase(t) : t;
            if (folded != t) {
                Node same = node.child(t);
                if (same != null) {
                    walk(same, cs, j + 1, lastContext);
                }
            }
            if (t == '_' || t == '-' || t == '.') {
                Node space = node.child(' ');
                if (space != null) {
                    walk(space, cs, j + 1, lastContext);
                }
            }
            node = node.child(folded);
            if (node == null) {
                return;
            }
            j++;
        }
    }
}
