package io.mcpgateway.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutable state of one scan: the text, the findings so far, the field that named the text (a JSON
 * key or column, used as context), reusable matchers and the digit groups of the current numeric
 * run. One instance per call, never shared between threads.
 */
final class ScanState {
    static final int MAX_GROUPS = 16;

    final String text;
    final String field;
    final List<Finding> findings = new ArrayList<>();
    private final Matcher[] matchers;

    // the digit groups of the numeric run being examined
    final int[] groupStart = new int[MAX_GROUPS];
    final int[] groupEnd = new int[MAX_GROUPS];
    final char[] sepBefore = new char[MAX_GROUPS];
    final boolean[] paren = new boolean[MAX_GROUPS];
    final StringBuilder signature = new StringBuilder(32);
    final StringBuilder digits = new StringBuilder(32);

    ScanState(String text, String field, int patterns) {
        this.text = text;
        this.field = field == null ? null : KeyPath.normalise(field);
        this.matchers = new Matcher[patterns];
    }

    Matcher matcher(int index, Pattern pattern) {
        Matcher m = matchers[index];
        if (m == null) {
            m = pattern.matcher(text);
            matchers[index] = m;
        }
        return m;
    }

    void add(int start, int end, EntityType type) {
        findings.add(new Finding(start, end, type, Finding.DETECTED, null, null));
    }

    /**
     * Whether one of the type's context words appears shortly before the candidate, or in the name
     * of the field holding the text.
     */
    boolean hasContext(int start, EntityType type) {
        List<String> words = type.context();
        if (words.isEmpty()) {
            return false;
        }
        if (field != null) {
            for (String w : words) {
                if (field.contains(KeyPath.normalise(w))) {
                    return true;
                }
            }
        }
        int from = Math.max(0, start - 48);
        for (String w : words) {
            int last = start - w.length();
            for (int j = from; j <= last; j++) {
                if (text.regionMatches(true, j, w, 0, w.length())
                        && (j == 0 || !Character.isLetter(text.charAt(j - 1)))) {
                    return true;
                }
            }
        }
        return false;
    }
}
