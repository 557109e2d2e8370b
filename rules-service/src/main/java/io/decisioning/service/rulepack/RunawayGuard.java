package io.decisioning.service.rulepack;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an analyst's draft rules (scenario tests, simulations) where a rule whose action never
 * returns cannot hold a request or a simulation forever.
 *
 * <p>The engine's own guards, the firing bound and the time budget of {@code RuleSet}, act between
 * two firings; an action that loops inside itself ({@code while (true) { }} in a rule's
 * then-part) never reaches the next firing. Here the work runs on a thread of its own; when it has
 * not returned within the limit, the caller gets a {@link RunawayRulesException} at once, the
 * thread is interrupted and, if it still runs a second later, stopped ({@link Thread#stop}, which
 * Java 17 still honours; the draft's sessions are thrown away, so nothing of the service's state
 * is left half-changed). On a JVM that no longer supports stopping threads (20 and later) the
 * thread is left running, counted as runaway in the log, and the draft still fails.
 */
final class RunawayGuard {

    private static final Logger log = LoggerFactory.getLogger(RunawayGuard.class);

    private RunawayGuard() {
    }

    /** The result of {@code work}, or {@link RunawayRulesException} when it took longer than {@code limit}. */
    static <T> T call(String what, Duration limit, Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "rules-sandbox");
        thread.setDaemon(true);
        thread.start();
        try {
            return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stop(thread, what);
            throw new RunawayRulesException(what + " did not finish within " + limit.toSeconds()
                    + " s: a rule's action does not return (a loop in its then-part?); it was stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(thread, what);
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

    /** Interrupts {@code thread}; stops it if it ignores the interrupt for a second. */
    @SuppressWarnings({"deprecation", "removal"})
    static void stop(Thread thread, String what) {
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            return;
        }
        try {
            thread.stop();
            log.warn("Stopped {} on thread {}: a rule's action did not return", what, thread.getName());
        } catch (UnsupportedOperationException notOnThisJvm) {
            log.error("{} on thread {} does not return and this JVM cannot stop threads; it keeps running until the "
                    + "service restarts", what, thread.getName());
        }
    }

    /** Draft rules that did not return within their limit. */
    static final class RunawayRulesException extends RuntimeException {
        RunawayRulesException(String message) {
            super(message);
        }
    }
}
