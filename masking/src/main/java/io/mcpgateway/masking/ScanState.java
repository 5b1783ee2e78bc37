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
    /** How far before a candidate its context word may end, in characters. */
    static final int CONTEXT_REACH = 48;
    /** Slots for the scanner's own expressions, see {@link #own(int, Pattern)}. */
    static final int STREET_SLOT = 0;
    static final int GEO_SLOT = 1;
    static final int ROMANCE_STREET_SLOT = 2;
    static final int NAME_FIRST_STREET_SLOT = 3;
    static final int DAY_MONTH_SLOT = 4;
    static final int MONTH_DAY_SLOT = 5;
    static final int OWN_MATCHERS = 6;

    final String text;
    /** The text as an array: the hot loops index it without the bounds and coder checks of charAt. */
    final char[] chars;
    final String field;
    final List<Finding> findings = new ArrayList<>();
    /** Whether the text holds a character beyond Latin-1 outside words (set by the scan). */
    boolean wide;
    private final Matcher[] matchers;
    /** Segment starts of the numeric run being examined, reused across runs. */
    final int[] segmentStart = new int[MAX_GROUPS];

    // the digit groups of the numeric run being examined
    final int[] groupStart = new int[MAX_GROUPS];
    final int[] groupEnd = new int[MAX_GROUPS];
    final char[] sepBefore = new char[MAX_GROUPS];
    final boolean[] paren = new boolean[MAX_GROUPS];
    final StringBuilder signature = new StringBuilder(32);
    final StringBuilder digits = new StringBuilder(32);

    // cells of delimited tables found in the text, in order, with their normalised column names
    private int[] cellStart = new int[0];
    private int[] cellEnd = new int[0];
    private String[] cellColumn = new String[0];
    private int cells;

    // end of the last context word seen, per gated entity type (see TextScanner)
    final int[] lastContext;

    private final java.util.Map<EntityType, Integer> gates;
    // each type's context words as field and column names are compared: normalised once
    private final java.util.Map<EntityType, String[]> contextKeys;
    private int cellCursor;

    ScanState(String text, String field, int patterns, java.util.Map<EntityType, Integer> gates,
              java.util.Map<EntityType, String[]> contextKeys) {
        this.gates = gates;
        this.contextKeys = contextKeys;
        int gated = gates.size();
        this.text = text;
        this.chars = text.toCharArray();
        this.field = field == null ? null : KeyPath.normalise(field);
        this.matchers = new Matcher[patterns + OWN_MATCHERS];
        this.lastContext = new int[gated];
        java.util.Arrays.fill(lastContext, Integer.MIN_VALUE / 2);
    }

    /** Whether a position lies inside a cell of a delimited table. */
    boolean inCell(int pos) {
        return cellAt(pos) >= 0;
    }

    /** The table cell holding a position, or -1. */
    private int cellAt(int pos) {
        if (cells == 0) {
            return -1;
        }
        // scans move forward: advance a cursor, search only when asked about an earlier position
        if (cellCursor > 0 && pos < cellStart[cellCursor - 1]) {
            int cell = java.util.Arrays.binarySearch(cellStart, 0, cells, pos);
            cell = cell < 0 ? -cell - 2 : cell;
            return cell >= 0 && pos < cellEnd[cell] ? cell : -1;
        }
        while (cellCursor < cells && cellEnd[cellCursor] <= pos) {
            cellCursor++;
        }
        return cellCursor < cells && cellStart[cellCursor] <= pos ? cellCursor : -1;
    }

    /**
     * Whether a type that needs context can have it at {@code pos}: a context word ended shortly
     * before, or the text comes from a named field or table cell (checked precisely later).
     */
    boolean contextPossible(int pos, int gate) {
        return pos - lastContext[gate] <= CONTEXT_REACH || field != null || inCell(pos);
    }

    /**
     * A reusable matcher over the text for one of the scanner's own expressions.
     *
     * @param slot    the expression's slot, below {@link #OWN_MATCHERS}
     * @param pattern the expression
     * @return the matcher
     */
    Matcher own(int slot, Pattern pattern) {
        return matcher(matchers.length - OWN_MATCHERS + slot, pattern);
    }

    /**
     * The reusable matcher over the text of a catalog pattern.
     *
     * @param index   the pattern's matcher id
     * @param pattern the pattern
     * @return the matcher
     */
    Matcher matcher(int index, Pattern pattern) {
        Matcher m = matchers[index];
        if (m == null) {
            m = pattern.matcher(text);
            matchers[index] = m;
        }
        return m;
    }

    void cell(int start, int end, String column) {
        if (cells == cellStart.length) {
            int size = Math.max(16, cells * 2);
            cellStart = java.util.Arrays.copyOf(cellStart, size);
            cellEnd = java.util.Arrays.copyOf(cellEnd, size);
            cellColumn = java.util.Arrays.copyOf(cellColumn, size);
        }
        cellStart[cells] = start;
        cellEnd[cells] = end;
        cellColumn[cells] = column;
        cells++;
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
        Integer gate = gates.get(type);
        if (gate != null && !contextPossible(start, gate)) {
            // keyword prefilter: no context word started within reach of this candidate
            return false;
        }
        String[] keys = field != null || cells > 0 ? contextKeys.get(type) : null;
        if (field != null) {
            for (String w : keys) {
                if (field.contains(w)) {
                    return true;
                }
            }
        }
        int cell = cellAt(start);
        if (cell >= 0) {
            // inside a table cell the column name is the context, not the text of other cells
            for (String w : keys) {
                if (cellColumn[cell].contains(w)) {
                    return true;
                }
            }
            return false;
        }
        // the window stops at the previous value: in "passport 12345678 epoch 1763906091" the
        // word passport is not the context of the epoch
        int from = Math.max(0, start - CONTEXT_REACH);
        for (int j = start - 1; j >= from; j--) {
            char c = text.charAt(j);
            if (c >= '0' && c <= '9') {
                from = j + 1;
                break;
            }
        }
        for (String w : words) {
            int last = start - w.length();
            for (int j = from; j <= last; j++) {
                if (contextAt(j, w) && (j == 0 || !Character.isLetter(text.charAt(j - 1)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Case-insensitive match of a context word at j; a space in the word also matches _ - or . (id_no, health-card). */
    boolean contextAt(int j, String w) {
        int len = w.length();
        if (j + len > chars.length) {
            return false;
        }
        char[] cs = chars;
        for (int k = 0; k < len; k++) {
            char t = cs[j + k];
            char c = w.charAt(k);
            if (t == c) {
                continue;
            }
            if (c == ' ') {
                if (t != '_' && t != '-' && t != '.') {
                    return false;
                }
            } else if (t >= 'A' && t <= 'Z' ? t + 32 != c : t < 128 || Character.toLowerCase(t) != c) {
                return false;
            }
        }
        return true;
    }
}
