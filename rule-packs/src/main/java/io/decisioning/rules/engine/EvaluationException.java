package io.decisioning.rules.engine;

/**
 * The rules could not produce a complete evaluation: a rule threw, a rule looped past the firing
 * bound, or a pack left an outcome undecided. Callers fail closed (a pre-bind check answers REFER).
 */
public class EvaluationException extends RuntimeException {
    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A pack whose rule's consequence or constraint threw (Drools wraps it in an exception naming the rule): the
     * batch cannot be decided, and callers fail closed.
     */
    static EvaluationException failed(Object pack, RuntimeException e) {
        return e instanceof EvaluationException evaluation ? evaluation
                : new EvaluationException("pack " + pack + " failed: " + e.getMessage()
                        + (e.getCause() == null ? "" : " (" + e.getCause() + ")"), e);
    }

    /** A pack stopped at its firing bound: a rule probably loops (it inserts facts that make it match again). */
    static EvaluationException looped(Object pack, int fired, int facts, String what) {
        return new EvaluationException("pack " + pack + " fired " + fired + " rules for " + facts + " " + what
                + " and was stopped: a rule probably loops (it inserts facts that make it match again)");
    }
}
