package io.decisioning.rules.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of the default packs evaluated in memory, next to the hand-written Java of the same
 * logic ({@link ReferenceEvaluation}, the floor). Not a test: run it by hand, see BENCHMARK-engine.md.
 *
 * <p>Arguments: {@code [profiles=1000000] [batch=1000]}. Profiles are generated from a seed and
 * streamed in chunks of 10,000 per thread, so the heap holds only a chunk at a time.
 */
public final class EngineBenchmark {

    private static final int CHUNK = 10_000;

    private EngineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long profiles = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        long compileStart = System.nanoTime();
        RuleSet ruleSet = ShippedPacks.ruleSet(new PackCompiler());
        System.out.printf("compiled %s in %d ms; %d cores, max heap %d MB%n", ruleSet.rulePacks(),
                (System.nanoTime() - compileStart) / 1_000_000, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);

        System.out.println("warm-up ...");
        // C2 needs about 1,000,000 evaluations to settle: with 500,000 the figures still rose
        // during the measured runs (BENCHMARK-engine.md)
        run(ruleSet, 700_000, batch, 1);
        run(ruleSet, 300_000, batch, 2);
        java(300_000);

        double floor = java(profiles);
        System.out.printf("hand-written Java, 1 thread:            %,12.0f evaluations/s%n", floor);
        double one = run(ruleSet, profiles, batch, 1);
        System.out.printf("rule packs, batches of %,d, 1 thread:  %,12.0f evaluations/s  (%.0fx slower than Java)%n",
                batch, one, floor / one);
        double two = run(ruleSet, profiles, batch, 2);
        System.out.printf("rule packs, batches of %,d, 2 threads: %,12.0f evaluations/s  (%.2fx one thread)%n",
                batch, two, two / one);
        long singleStart = System.nanoTime();
        Random random = new Random(99);
        int singles = 20_000;
        for (int i = 0; i < singles; i++) {
            ruleSet.evaluate(ProfileFixtures.varied(random, i));
        }
        double single = (System.nanoTime() - singleStart) / 1e3 / singles;
        System.out.printf("one customer per call (a pre-bind check), 1 thread: %.0f us per evaluation%n", single);
    }

    /**
     * Evaluations per second of the rule set, wall clock, profiles generated inside the timing; also
     * prints evaluations per CPU-second spent evaluating (and including generating the profiles),
     * which other load on the machine distorts much less.
     */
    private static double run(RuleSet ruleSet, long profiles, int batch, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong checksum = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        AtomicLong evaluatingCpuNanos = new AtomicLong();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long first = t * (profiles / threads);
                long count = profiles / threads;
                futures.add(pool.submit(() -> {
                    long cpuStart = cpu.getCurrentThreadCpuTime();
                    Random random = new Random(first);
                    for (long done = 0; done < count; done += CHUNK) {
                        List<EvaluationInput> chunk = new ArrayList<>(CHUNK);
                        for (int i = 0; i < CHUNK && done + i < count; i++) {
                            chunk.add(ProfileFixtures.varied(random, first + done + i));
                        }
                        long evaluatingStart = cpu.getCurrentThreadCpuTime();
                        long sum = 0;
                        for (int from = 0; from < chunk.size(); from += batch) {
                            for (Evaluation evaluation : ruleSet.evaluate(chunk.subList(from, Math.min(chunk.size(), from + batch)))) {
                                sum += evaluation.valueScore() + evaluation.reasons().size();
                            }
                        }
                        evaluatingCpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - evaluatingStart);
                        checksum.addAndGet(sum);
                    }
                    cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - cpuStart);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (checksum.get() == 42) {
            System.out.println("(checksum)");
        }
        System.out.printf("    %,d profiles on %d thread(s): %.1f s wall, %,.0f evaluations per CPU-second evaluating"
                        + " (%,.0f including generating the profiles)%n",
                profiles, threads, seconds, profiles / (evaluatingCpuNanos.get() / 1e9), profiles / (cpuNanos.get() / 1e9));
        return profiles / seconds;
    }

    /** Evaluations per second of the hand-written Java, timing only the evaluation (generating is slower). */
    private static double java(long profiles) {
        Random random = new Random(0);
        long nanos = 0;
        long checksum = 0;
        for (long done = 0; done < profiles; done += CHUNK) {
            List<EvaluationInput> chunk = new ArrayList<>(CHUNK);
            for (int i = 0; i < CHUNK; i++) {
                chunk.add(ProfileFixtures.varied(random, done + i));
            }
            long start = System.nanoTime();
            for (EvaluationInput input : chunk) {
                ReferenceEvaluation.Outcome outcome = ReferenceEvaluation.evaluate(input);
                checksum += outcome.valueScore() + outcome.grade().ordinal();
            }
            nanos += System.nanoTime() - start;
        }
        if (checksum == 42) {
            System.out.println("(checksum)");
        }
        return profiles / (nanos / 1e9);
    }
}
