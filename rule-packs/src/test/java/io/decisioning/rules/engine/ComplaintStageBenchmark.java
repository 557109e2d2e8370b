package io.decisioning.rules.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the complaints pack (DESIGN.md section 13) costs in memory: the shipped packs over the same customers (with
 * premium schedules) without complaint figures (the CRM keeps no complaints, the pack does not run) and with them,
 * about 4 in 100 with one to three complaints, chunk by chunk in turn on one thread, so that both see the same machine.
 * Not a test: run it by hand (BENCHMARKS.md section 11).
 *
 * <p>Arguments: {@code [profiles=500000] [batch=1000] [both|with|without]} (one kind alone: for a profiler).
 */
public final class ComplaintStageBenchmark {

    private static final int CHUNK = 10_000;

    /** without, with or both: one kind alone, for a profile of it. */
    private static String only;

    private ComplaintStageBenchmark() {
    }

    public static void main(String[] args) {
        long profiles = args.length > 0 ? Long.parseLong(args[0]) : 500_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        only = args.length > 2 ? args[2] : "both";
        RuleSet ruleSet = ShippedPacks.ruleSet(new PackCompiler());
        System.out.printf("packs %s, batches of %,d%n", ruleSet.rulePacks(), batch);
        System.out.println("warm-up ...");
        run(ruleSet, 600_000, batch);
        long[] nanos = run(ruleSet, profiles, batch);
        double without = nanos[0] / 1e3 / profiles;
        double with = nanos[1] / 1e3 / profiles;
        System.out.printf("%,d customers, CPU per customer: without complaint figures %.2f us, with %.2f us: %.2fx, +%.2f us%n",
                profiles, without, with, with / without, with - without);
    }

    /** CPU nanoseconds evaluating the customers without and with complaint figures. */
    private static long[] run(RuleSet ruleSet, long profiles, int batch) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Random random = new Random(7);
        long[] nanos = new long[2];
        long checksum = 0;
        for (long done = 0; done < profiles; done += CHUNK) {
            List<EvaluationInput> without = new ArrayList<>(CHUNK);
            List<EvaluationInput> with = new ArrayList<>(CHUNK);
            for (int i = 0; i < CHUNK; i++) {
                EvaluationInput input = ProfileFixtures.varied(random, done + i);
                if (!input.profile().applicant()) {
                    input = new EvaluationInput(ProfileFixtures.withRetention(input.profile(), random), input.blacklistHits());
                }
                without.add(input);
                if (input.profile().applicant()) {
                    with.add(input);
                } else if (random.nextInt(100) < 4) {
                    EvaluationInput complained = ProfileFixtures.withComplaints(input, random);
                    with.add(complained.complaints().isEmpty()
                            ? ProfileFixtures.withComplaints(input, random) : complained);
                } else {
                    with.add(new EvaluationInput(input.profile().withComplaints(0, 0), input.blacklistHits()));
                }
            }
            for (int kind = 0; kind < 2; kind++) {
                if (only.equals(kind == 0 ? "with" : "without")) {
                    continue;
                }
                List<EvaluationInput> chunk = kind == 0 ? without : with;
                long start = cpu.getCurrentThreadCpuTime();
                for (int from = 0; from < chunk.size(); from += batch) {
                    for (Evaluation evaluation : ruleSet.evaluate(chunk.subList(from, Math.min(chunk.size(), from + batch)))) {
                        checksum += evaluation.reasons().size() + evaluation.complaints().size();
                    }
                }
                nanos[kind] += cpu.getCurrentThreadCpuTime() - start;
            }
        }
        if (checksum == 42) {
            System.out.println("(checksum)");
        }
        return nanos;
    }
}
