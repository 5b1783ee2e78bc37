package io.mcpgateway.masking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The side-by-side with secretlint, driven by {@code masking/bench/compare-secretlint.sh}:
 * {@code write DIR} writes the mixed corpus ({@code corpus.txt}) and an empty file;
 * {@code score DIR NANOS EMPTY_NANOS} times this engine on the same corpus, reads secretlint's JSON
 * report and prints throughput and recall of both as markdown.
 */
public final class SecretlintComparison {
    private static final int SIZE = 4 << 20;
    private static final long SEED = 11L;

    private SecretlintComparison() {
    }

    /**
     * Entry point.
     *
     * @param args {@code write DIR} or {@code score DIR NANOS EMPTY_NANOS}
     * @throws IOException when files cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[1]);
        Catalog catalog = Catalog.load();
        BenchmarkCorpus.Built corpus = BenchmarkCorpus.build(catalog, SIZE, SEED);
        if (args[0].equals("write")) {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("corpus.txt"), corpus.text(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("empty.txt"), "", StandardCharsets.UTF_8);
            return;
        }
        long secretlintNanos = Long.parseLong(args[2]);
        long startupNanos = Long.parseLong(args[3]);
        MaskingEngine engine = MaskingEngine.builder().hashKey("comparison-key-0123456789").catalog(catalog).build();
        for (int i = 0; i < 5; i++) {
            engine.maskText(corpus.text(), "default");
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            engine.maskText(corpus.text(), "default");
            best = Math.min(best, System.nanoTime() - t0);
        }
        Set<Integer> flagged = secretlintLines(dir.resolve("secretlint.json"));
        Map<String, int[]> ours = new TreeMap<>();
        Map<String, int[]> theirs = new TreeMap<>();
        String text = corpus.text();
        for (int s = 0; s < corpus.samples().size(); s++) {
            EvaluationCorpus.Sample sample = corpus.samples().get(s);
            String masked = engine.maskText(sample.text(), "default");
            for (EvaluationCorpus.Label l : sample.positives()) {
                EntityType t = catalog.type(l.kind()).orElseThrow();
                if (t.category() != EntityCategory.SECRET) {
                    continue;
                }
                int offset = corpus.offsets().get(s) + sample.text().indexOf(l.value());
                int first = line(text, offset);
                int last = line(text, offset + l.value().length() - 1);
                boolean found = false;
                for (int ln = first; ln <= last && !found; ln++) {
                    found = flagged.contains(ln);
                }
                count(ours, l.kind(), !masked.contains(l.value()));
                count(theirs, l.kind(), found);
            }
        }
        double mb = text.getBytes(StandardCharsets.UTF_8).length / 1e6;
        double oursMbs = mb / (best / 1e9);
        double theirsMbs = mb / (Math.max(1, secretlintNanos - startupNanos) / 1e9);
        System.out.printf(Locale.ROOT, "Corpus: %.1f MB mixed (logs, JSON lines, CSV), %d labelled credentials of %d types%n%n",
                mb, total(ours)[0], ours.size());
        System.out.println("| scanner | time | throughput | credential recall |");
        System.out.println("| --- | ---: | ---: | ---: |");
        System.out.printf(Locale.ROOT, "| masking engine (full catalog, default profile) | %.0f ms | %.1f MB/s | %.1f%% |%n",
                best / 1e6, oursMbs, 100.0 * total(ours)[1] / total(ours)[0]);
        double theirsTotal = mb / (secretlintNanos / 1e9);
        System.out.printf(Locale.ROOT, "| secretlint + preset-recommend, whole run | %.0f ms | %.1f MB/s | %.1f%% |%n",
                secretlintNanos / 1e6, theirsTotal, 100.0 * total(theirs)[1] / total(theirs)[0]);
        if (secretlintNanos > startupNanos) {
            System.out.printf(Locale.ROOT, "| secretlint, scan only (its %.0f ms start-up on an empty file subtracted) | %.0f ms | %.1f MB/s | |%n",
                    startupNanos / 1e6, (secretlintNanos - startupNanos) / 1e6, theirsMbs);
        }
        System.out.printf(Locale.ROOT, "%nThroughput ratio engine / secretlint: %.2fx (whole run)%s%n%n", oursMbs / theirsTotal,
                secretlintNanos > startupNanos ? String.format(Locale.ROOT, ", %.2fx (scan only)", oursMbs / theirsMbs) : "");
        System.out.println("| credential type | values | engine recall | secretlint recall |");
        System.out.println("| --- | ---: | ---: | ---: |");
        for (String k : ours.keySet()) {
            int[] o = ours.get(k);
            int[] t = theirs.get(k);
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f%% | %.0f%% |%n", k, o[0], 100.0 * o[1] / o[0], 100.0 * t[1] / t[0]);
        }
    }

    private static void count(Map<String, int[]> m, String k, boolean hit) {
        int[] c = m.computeIfAbsent(k, x -> new int[2]);
        c[0]++;
        c[1] += hit ? 1 : 0;
    }

    private static int[] total(Map<String, int[]> m) {
        int[] t = new int[2];
        m.values().forEach(c -> {
            t[0] += c[0];
            t[1] += c[1];
        });
        return t;
    }

    /** 1-based line of a character offset. */
    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static Set<Integer> secretlintLines(Path report) throws IOException {
        Set<Integer> lines = new HashSet<>();
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(report));
        List<JsonNode> results = root.isArray() ? root.valueStream().toList() : List.of(root);
        for (JsonNode r : results) {
            for (JsonNode m : r.path("messages")) {
                int from = m.path("loc").path("start").path("line").asInt();
                int to = m.path("loc").path("end").path("line").asInt(from);
                for (int l = from; l <= to; l++) {
                    lines.add(l);
                }
            }
        }
        return lines;
    }
}
