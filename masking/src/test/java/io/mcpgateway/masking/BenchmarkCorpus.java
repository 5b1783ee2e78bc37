package io.mcpgateway.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A mixed corpus shaped like tool results: log lines, JSON lines and CSV rows, most of them benign
 * (timestamps, UUIDs, order numbers, amounts, versions, trace ids) and one record in four carrying a
 * labelled sensitive value from the evaluation corpus.
 */
final class BenchmarkCorpus {
    private BenchmarkCorpus() {
    }

    /**
     * Builds a corpus of about {@code chars} characters.
     *
     * @param catalog the catalog whose types are sampled
     * @param chars   target size
     * @param seed    random seed
     * @return the text and its labelled samples
     */
    static Built build(Catalog catalog, int chars, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        EvaluationCorpus eval = new EvaluationCorpus(catalog);
        List<EvaluationCorpus.Sample> sensitive = eval.generate(Math.max(eval.types().size(), chars / 400), seed);
        StringBuilder sb = new StringBuilder(chars + 512);
        List<EvaluationCorpus.Sample> used = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        int next = 0;
        while (sb.length() < chars) {
            if (r.nextInt(4) == 0) {
                EvaluationCorpus.Sample s = sensitive.get(next++ % sensitive.size());
                offsets.add(sb.length());
                used.add(s);
                sb.append(s.text());
            } else {
                sb.append(benign(r));
            }
        }
        return new Built(sb.toString(), used, offsets);
    }

    /**
     * The corpus.
     *
     * @param text    all records
     * @param samples the sensitive records it contains
     * @param offsets where each sample starts in the text
     */
    record Built(String text, List<EvaluationCorpus.Sample> samples, List<Integer> offsets) {
    }

    static String benign(SplittableRandom r) {
        String ts = String.format(Locale.ROOT, "2025-%02d-%02dT%02d:%02d:%02d.%03dZ", 1 + r.nextInt(12), 1 + r.nextInt(28),
                r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1000));
        return switch (r.nextInt(3)) {
            case 0 -> ts + " INFO  [http-nio-8080-exec-" + r.nextInt(20) + "] o.a.c.c.C.[Tomcat] GET /api/orders/"
                    + EvaluationCorpus.negative("ORDER_NUMBER", r) + " status=200 took=" + EvaluationCorpus.negative("DURATION", r)
                    + " trace_id=" + EvaluationCorpus.negative("TRACE_ID", r) + " request_id=" + EvaluationCorpus.negative("UUID", r)
                    + " version=" + EvaluationCorpus.negative("VERSION", r) + "\n";
            case 1 -> "{\"order_id\": \"" + EvaluationCorpus.negative("ORDER_NUMBER", r) + "\", \"created_at\": \"" + ts
                    + "\", \"amount\": " + r.nextInt(100000) / 100.0 + ", \"currency\": \"EUR\", \"status\": \"shipped\", \"items\": "
                    + (1 + r.nextInt(9)) + ", \"sku\": \"SKU-" + r.nextInt(100000) + "\", \"commit\": \""
                    + EvaluationCorpus.negative("GIT_SHA", r) + "\"}\n";
            default -> r.nextInt(100000) + "," + EvaluationCorpus.negative("ISO_DATE", r) + ",warehouse-" + r.nextInt(40)
                    + ",\"Widget, large\"," + r.nextInt(500) + "," + EvaluationCorpus.negative("AMOUNT", r).replace(",", "")
                    + "," + EvaluationCorpus.negative("EPOCH", r) + "\n";
        };
    }
}
