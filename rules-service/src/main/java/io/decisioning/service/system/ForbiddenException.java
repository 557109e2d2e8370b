package io.decisioning.service.system;

import io.decisioning.rules.engine.Sentence;

/** The user may not do this to this thing, whatever their role allows elsewhere (answered 403). */
public class ForbiddenException extends ProblemException {

    public ForbiddenException(Sentence detail) {
        super(detail);
    }

    /** With a detail that reads the same in both languages. */
    public ForbiddenException(String detail) {
        this(Sentence.of(detail));
    }
}
