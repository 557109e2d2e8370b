package io.decisioning.service.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * CPU time of the benchmark JVM's threads, by group of thread names, so that a benchmark whose load
 * generator runs in the service's JVM can say which part of the JVM's CPU was the service's. Threads
 * that ended between two snapshots are not counted (the pools measured here live throughout).
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Function<String, String> group;
    private final Map<Long, Long> start;

    private ThreadCpu(Function<String, String> group) {
        this.group = group;
        this.start = byThread();
    }

    /** Starts counting; {@code group} names the group of a thread from its name. */
    static ThreadCpu start(Function<String, String> group) {
        return new ThreadCpu(group);
    }

    /** The groups in the usual case: Tomcat's request threads, the in-process HTTP client, the rest. */
    static String httpGroups(String thread) {
        if (thread.startsWith("http-nio")) {
            return "service: HTTP requests";
        }
        if (thread.startsWith("HttpClient") || thread.startsWith("bench-http") || thread.startsWith("pool-")
                || thread.startsWith("ForkJoinPool.commonPool")) {
            return "load generator";
        }
        if (thread.startsWith("events")) {
            return "service: event workers";
        }
        return "other";
    }

    /** CPU seconds per group since {@link #start}. */
    String report() {
        Map<String, Double> seconds = new TreeMap<>();
        Map<Long, Long> now = byThread();
        for (ThreadInfo info : THREADS.getThreadInfo(now.keySet().stream().mapToLong(Long::longValue).toArray())) {
            if (info == null) {
                continue;
            }
            long used = now.get(info.getThreadId()) - start.getOrDefault(info.getThreadId(), 0L);
            seconds.merge(group.apply(info.getThreadName()), used / 1e9, Double::sum);
        }
        return seconds.entrySet().stream().map(e -> "%s %.1f s".formatted(e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static Map<Long, Long> byThread() {
        Map<Long, Long> cpu = new TreeMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long nanos = THREADS.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }
}
