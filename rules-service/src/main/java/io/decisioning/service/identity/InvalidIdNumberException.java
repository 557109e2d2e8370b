package io.decisioning.service.identity;

import io.decisioning.rules.engine.Sentence;

/**
 * An identity number that is not valid ({@link ResidentId}, {@link UnifiedSocialCreditCode}): its message says why in
 * English, {@link #problem} in English and Chinese, to be answered in the reader's language.
 */
public final class InvalidIdNumberException extends IllegalArgumentException {

    private final Sentence problem;

    InvalidIdNumberException(Sentence problem) {
        super(problem.en());
        this.problem = problem;
    }

    InvalidIdNumberException(Sentence problem, Throwable cause) {
        super(problem.en(), cause);
        this.problem = problem;
    }

    /** Why the number is not valid, in both languages. */
    public Sentence problem() {
        return problem;
    }

    /** Why {@code e} refused a number, in both languages; the same text in both for a refusal of other origin. */
    public static Sentence problemOf(IllegalArgumentException e) {
        return e instanceof InvalidIdNumberException invalid ? invalid.problem() : Sentence.of(String.valueOf(e.getMessage()));
    }
}
