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
}
