package io.mcpgateway.tools;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Collects the problems of one runbook file while it is read, so that one run reports every
 * mistake rather than stopping at the first.
 */
final class Problems {

    private final String file;
    private final List<RunbookProblem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(YamlNode.Position at, String message, String hint) {
        found.add(new RunbookProblem(file, at.line(), at.column(), message, hint));
    }

    void add(YamlNode at, String message, String hint) {
        add(at.position(), message, hint);
    }

    List<RunbookProblem> list() {
        return List.copyOf(found);
    }

    int size() {
        return found.size();
    }

    String file() {
        return file;
    }

    /**
     * A "did you mean" hint for a misspelt name, when a known one is close enough.
     *
     * @param written the name as written
     * @param known   the accepted names
     * @return the hint, or a list of the accepted names when none is close
     */
    static String suggest(String written, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(written.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        if (best != null && bestDistance <= Math.max(1, Math.min(3, best.length() / 3))) {
            return "did you mean '" + best + "'?";
        }
        return known.isEmpty() ? "" : "accepted: " + String.join(", ", known.stream().sorted().toList());
    }

    /** Levenshtein distance, with adjacent transpositions counted as one edit. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
