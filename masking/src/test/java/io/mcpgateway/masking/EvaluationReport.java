package io.mcpgateway.masking;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints the evaluation as markdown: recall per entity type and category, false-positive rate per
 * hard-negative kind. {@code ./mvnw -pl masking -Pevaluate verify} runs it with 20,000 records;
 * arguments: sample count, then optionally entity ids or negative kinds whose misses to print.
 */
public final class EvaluationReport {
    private EvaluationReport() {
    }

    /**
     * Entry point.
     *
     * @param args sample count, then ids to debug
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Set<String> debug = Set.of(args).stream().skip(0).filter(a -> !a.matches("\\d+")).collect(java.util.stream.Collectors.toSet());
        MaskingEngine engine = MaskingEngine.builder().hashKey("evaluation-key-0123456789").build();
        EvaluationCorpus corpus = new EvaluationCorpus(engine.catalog());
        List<EvaluationCorpus.Sample> samples = corpus.generate(n, 20251123L);
        if (!debug.isEmpty()) {
            for (EvaluationCorpus.Sample s : samples) {
                String out = engine.maskText(s.text(), "default");
                for (EvaluationCorpus.Label l : s.positives()) {
                    if (debug.contains(l.kind()) && out.contains(l.value())) {
                        System.out.println("MISS " + l.kind() + " [" + l.value() + "]\n  in:  " + s.text().strip() + "\n  out: " + out.strip());
                    }
                }
                for (EvaluationCorpus.Label l : s.negatives()) {
                    if ((debug.contains(l.kind()) || debug.contains("NEG")) && !out.contains(l.value())) {
                        System.out.println("FP " + l.kind() + " [" + l.value() + "]\n  in:  " + s.text().strip() + "\n  out: " + out.strip());
                    }
                }
            }
            return;
        }
        Evaluation e = Evaluation.run(engine, samples, "default");
        System.out.printf(Locale.ROOT, "Corpus: %d records, %.1f MB, seed 20251123%n%n", n, e.bytes / 1e6);
        System.out.println("| group | values | masked | recall |");
        System.out.println("| --- | ---: | ---: | ---: |");
        row("secrets", e.total(e.positives, id -> cat(engine, id) == EntityCategory.SECRET));
        row("checksum-backed ids", e.total(e.positives, corpus::checksummed));
        row("phones", e.total(e.positives, id -> cat(engine, id) == EntityCategory.PHONE));
        row("names, addresses, dates of birth (keyed)", e.total(e.positives,
                id -> id.equals("PERSON_NAME") || id.equals("STREET_ADDRESS") || id.equals("DATE_OF_BIRTH")));
        row("other format-based PII", e.total(e.positives, id -> cat(engine, id) != EntityCategory.SECRET
                && cat(engine, id) != EntityCategory.PHONE && !corpus.checksummed(id) && !EvaluationCorpus.keyed(id)));
        row("all", e.total(e.positives, id -> true));
        System.out.println();
        System.out.println("| hard negative | values | altered | false-positive rate |");
        System.out.println("| --- | ---: | ---: | ---: |");
        for (Map.Entry<String, Evaluation.Count> en : e.negatives.entrySet()) {
            row(en.getKey(), en.getValue());
        }
        row("all hard negatives", e.total(e.negatives, k -> true));
        System.out.println();
        System.out.println("| entity type | values | recall |");
        System.out.println("| --- | ---: | ---: |");
        for (Map.Entry<String, Evaluation.Count> en : e.positives.entrySet()) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f%% |%n", en.getKey(), en.getValue().total(), 100 * en.getValue().rate());
        }
    }

    private static EntityCategory cat(MaskingEngine engine, String id) {
        return engine.catalog().type(id).orElseThrow().category();
    }

    private static void row(String name, Evaluation.Count c) {
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f%% |%n", name, c.total(), c.masked(), 100 * c.rate());
    }
}
