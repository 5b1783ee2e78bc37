package io.mcpgateway.masking;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the engine over a labelled corpus and counts, per entity type, the positives whose value is
 * gone from the output (recall) and, per hard-negative kind, the negatives whose value was altered
 * (false positives).
 */
final class Evaluation {
    /**
     * Counts for one label.
     *
     * @param total  occurrences
     * @param masked occurrences whose value no longer appears in the output
     */
    record Count(int total, int masked) {
        double rate() {
            return total == 0 ? 0 : (double) masked / total;
        }

        Count plus(Count o) {
            return new Count(total + o.total, masked + o.masked);
        }
    }

    final Map<String, Count> positives = new TreeMap<>();
    final Map<String, Count> negatives = new TreeMap<>();
    long bytes;
    long nanos;

    static Evaluation run(MaskingEngine engine, List<EvaluationCorpus.Sample> samples, String profile) {
        Evaluation e = new Evaluation();
        long start = System.nanoTime();
        for (EvaluationCorpus.Sample s : samples) {
            String out = engine.maskText(s.text(), profile);
            e.bytes += s.text().length();
            for (EvaluationCorpus.Label l : s.positives()) {
                e.positives.merge(l.kind(), new Count(1, out.contains(l.value()) ? 0 : 1), Count::plus);
            }
            for (EvaluationCorpus.Label l : s.negatives()) {
                e.negatives.merge(l.kind(), new Count(1, out.contains(l.value()) ? 0 : 1), Count::plus);
            }
        }
        e.nanos = System.nanoTime() - start;
        return e;
    }

    Count total(Map<String, Count> map, java.util.function.Predicate<String> which) {
        Count c = new Count(0, 0);
        for (var en : map.entrySet()) {
            if (which.test(en.getKey())) {
                c = c.plus(en.getValue());
            }
        }
        return c;
    }
}
