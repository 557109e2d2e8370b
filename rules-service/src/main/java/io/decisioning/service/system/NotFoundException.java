package io.decisioning.service.system;

import io.decisioning.rules.engine.Sentence;

/** Something asked for does not exist, or is outside the caller's branch (which must not leak). */
public class NotFoundException extends ProblemException {

    public NotFoundException(Sentence detail) {
        super(detail);
    }

    /** With a detail that reads the same in both languages. */
    public NotFoundException(String detail) {
        this(Sentence.of(detail));
    }
}
