package io.mcpgateway.masking;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Throughput and latency measured in thread CPU time rather than wall-clock time, on the corpus of
 * {@link MaskingBenchmark}. On a shared host whose cores are saturated by other work, wall-clock
 * figures (JMH) mostly measure the wait for a core; CPU time measures the engine. Run with
 * {@code java -cp <test classpath> io.mcpgateway.masking.CpuThroughput}.
 */
public final class CpuThroughput {
    private CpuThroughput() {
    }

    /**
     * Entry point.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Catalog catalog = Catalog.load();
        System.out.println("| corpus | entity types | MB/s (CPU) | ms per call p50 | p99 |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: |");
        for (int kb : List.of(64, 256, 1024, 4096)) {
            run(cpu, catalog, kb, "all");
        }
        for (String types : List.of("20", "80", "160", "240")) {
            run(cpu, catalog, 1024, types);
        }
    }

    private static void run(ThreadMXBean cpu, Catalog catalog, int kb, String types) {
        MaskingProfile.Builder profile = MaskingProfile.builder().name("bench");
        if (!types.equals("all")) {
            for (EntityType t : catalog.types().subList(0, Integer.parseInt(types))) {
                profile.include(t.id());
            }
        }
        MaskingEngine engine = MaskingEngine.builder().hashKey("benchmark-key-0123456789").catalog(catalog)
                .addProfile(profile.build()).build();
        String text = BenchmarkCorpus.build(catalog, kb * 1024, 7L).text();
        long warm = cpu.getCurrentThreadCpuTime();
        while (cpu.getCurrentThreadCpuTime() - warm < 6_000_000_000L) {
            engine.maskText(text, "bench");
        }
        int n = Math.max(30, 40_000 / kb);
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            engine.maskText(text, "bench");
            times[i] = cpu.getCurrentThreadCpuTime() - t0;
        }
        long total = Arrays.stream(times).sum();
        Arrays.sort(times);
        double mb = text.length() / (1024.0 * 1024.0);
        System.out.printf(Locale.ROOT, "| %d KiB | %s | %.1f | %.1f | %.1f |%n", kb, types.equals("all") ? "all " + catalog.types().size() : types,
                mb * n / (total / 1e9), times[n / 2] / 1e6, times[(int) Math.ceil(n * 0.99) - 1] / 1e6);
    }
}
