package io.mcpgateway.masking;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of {@link MaskingEngine#maskText(String, String)} on the mixed corpus
 * ({@link BenchmarkCorpus}) with the full catalog: throughput, latency percentiles for a 1 MB
 * result, scaling with input size and with the number of entity types. Run with
 * {@code ./mvnw -B -pl masking -Pbench verify} (JMH options through {@code -Djmh.args=...}).
 * The fork runs with the collector the {@code gateway} launcher uses (the parallel one); pass
 * {@code -jvmArgsAppend} in {@code jmh.args} to compare others.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MaskingBenchmark {
    /** Corpus size in KiB. */
    @Param({"1024"})
    public int sizeKb;

    /** How many entity types the profile enables: all, or the first N of the catalog. */
    @Param({"all"})
    public String types;

    private MaskingEngine engine;
    private String text;

    /** Builds the engine and the corpus. */
    @Setup
    public void setup() {
        Catalog catalog = Catalog.load();
        MaskingProfile.Builder profile = MaskingProfile.builder().name("bench");
        if (!types.equals("all")) {
            List<EntityType> all = catalog.types();
            for (EntityType t : all.subList(0, Math.min(all.size(), Integer.parseInt(types)))) {
                profile.include(t.id());
            }
        }
        engine = MaskingEngine.builder().hashKey("benchmark-key-0123456789").catalog(catalog).addProfile(profile.build()).build();
        text = BenchmarkCorpus.build(catalog, sizeKb * 1024, 7L).text();
    }

    /**
     * Throughput: operations per second on one corpus; MB/s = ops/s x sizeKb / 1024.
     *
     * @return the masked text
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public String throughput() {
        return engine.maskText(text, "bench");
    }

    /**
     * Latency distribution per call (p50, p99 ...).
     *
     * @return the masked text
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public String latency() {
        return engine.maskText(text, "bench");
    }
}
