package io.decisioning.service.system;

import io.decisioning.rules.engine.Sentence;

/** An exception answered as a problem, whose detail is in English and Chinese (the answer has the reader's). */
public abstract class ProblemException extends RuntimeException {

    private final Sentence detail;

    protected ProblemException(Sentence detail) {
        super(detail.en());
        this.detail = detail;
    }

    /** The problem's detail, in both languages. */
    public Sentence detail() {
        return detail;
    }
}
