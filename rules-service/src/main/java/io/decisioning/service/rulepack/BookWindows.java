package io.decisioning.service.rulepack;

import io.decisioning.service.assessment.IdRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The whole book in windows of consecutive customer ids, on a few threads, for the runs that try a draft on
 * every customer (a simulation, a back-test): each thread takes the next window until the book is done, so
 * memory holds a few windows at a time, never the book.
 *
 * <p>A watchdog on the calling thread reports progress every second and stops the run when a window takes
 * longer than the runaway limit: a draft rule whose action never returns cannot be halted between firings
 * (see {@link RunawayGuard}), so the stuck thread is stopped and the run ends in a
 * {@link RunawayGuard.RunawayRulesException}.
 */
final class BookWindows {

    /** The work of one window: {@code window} is inclusive and within the book. */
    @FunctionalInterface
    interface Window {
        void run(IdRange window);
    }

    private BookWindows() {
    }

    /**
     * Runs {@code work} over {@code book} in windows of {@code size} ids on {@code threads} threads, calling
     * {@code progress} about every second while they run. Returns when every window is done; the first window
     * that throws ends the run with its exception.
     *
     * @param name the worker threads' name ("simulation-grading-3")
     * @param what what runs, for the log of a stopped thread ("the simulation of version 3 of grading")
     */
    static void run(String name, String what, IdRange book, int size, int threads, Duration runawayLimit, Window work,
                    Runnable progress) {
        AtomicLong next = new AtomicLong(book.fromId());
        long last = book.toId();
        ExecutorService workers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        // the watchdog's view: when and on which thread each worker started its current window
        AtomicLongArray windowStarted = new AtomicLongArray(threads);
        AtomicReferenceArray<Thread> busy = new AtomicReferenceArray<>(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int slot = i;
                done.add(workers.submit(() -> {
                    busy.set(slot, Thread.currentThread());
                    for (long from = next.getAndAdd(size); from <= last && !Thread.currentThread().isInterrupted();
                         from = next.getAndAdd(size)) {
                        windowStarted.set(slot, System.nanoTime());
                        work.run(new IdRange(from, Math.min(last, from + size - 1)));
                        windowStarted.set(slot, 0);
                    }
                    busy.set(slot, null);
                    return null;
                }));
            }
            for (Future<?> worker : done) {
                while (true) {
                    try {
                        worker.get(1, TimeUnit.SECONDS);
                        break;
                    } catch (TimeoutException stillRunning) {
                        progress.run();
                        int stuck = stuckWorker(windowStarted, runawayLimit);
                        if (stuck >= 0) {
                            workers.shutdownNow();
                            Thread thread = busy.get(stuck);
                            if (thread != null) {
                                RunawayGuard.stop(thread, what);
                            }
                            throw new RunawayGuard.RunawayRulesException("A window of " + size
                                    + " customers did not finish within " + runawayLimit.toSeconds()
                                    + " s: a rule's action does not return (a loop in its then-part?); it was stopped");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for " + what, e);
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        if (cause instanceof RuntimeException runtime) {
                            throw runtime;
                        }
                        if (cause instanceof Error error) {
                            throw error;
                        }
                        throw new IllegalStateException(cause);
                    }
                }
            }
        } finally {
            workers.shutdownNow();
        }
    }

    /** A worker whose current window has run longer than the runaway limit, or -1. */
    private static int stuckWorker(AtomicLongArray windowStarted, Duration runawayLimit) {
        long now = System.nanoTime();
        for (int i = 0; i < windowStarted.length(); i++) {
            long started = windowStarted.get(i);
            if (started != 0 && now - started > runawayLimit.toNanos()) {
                return i;
            }
        }
        return -1;
    }
}
