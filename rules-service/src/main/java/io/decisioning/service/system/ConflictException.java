package io.decisioning.service.system;

import io.decisioning.rules.engine.Sentence;

/** A request that is valid but cannot be applied to the current state (e.g. lifting a lifted entry). */
public class ConflictException extends ProblemException {

    public ConflictException(Sentence detail) {
        super(detail);
    }

    /** With a detail that reads the same in both languages. */
    public ConflictException(String detail) {
        this(Sentence.of(detail));
    }
}
