package io.decisioning.service.system;

import io.decisioning.rules.engine.Sentence;
import java.util.List;

/**
 * Input that breaks a business rule (e.g. a wrong check digit), naming each field at fault; the detail and each
 * field's message in English and Chinese.
 */
public class InvalidInputException extends ProblemException {

    private final List<FieldProblem> errors;

    public InvalidInputException(List<FieldProblem> errors) {
        this(joined(errors), errors);
    }

    /** With {@code detail} as the problem's detail instead of the fields' messages joined. */
    public InvalidInputException(Sentence detail, List<FieldProblem> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    /** With a detail that reads the same in both languages (not translated yet). */
    public InvalidInputException(String detail, List<FieldProblem> errors) {
        this(Sentence.of(detail), errors);
    }

    public InvalidInputException(String field, Sentence message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    /** "idNumber: fails the check digit; phone: ..." in each language. */
    private static Sentence joined(List<FieldProblem> errors) {
        if (errors.isEmpty()) {
            return new Sentence("invalid input", "输入无效");
        }
        StringBuilder en = new StringBuilder();
        StringBuilder zh = new StringBuilder();
        for (FieldProblem error : errors) {
            if (!en.isEmpty()) {
                en.append("; ");
                zh.append("；");
            }
            en.append(error.field()).append(": ").append(error.message().en());
            zh.append(error.field()).append("：").append(error.message().zh());
        }
        return new Sentence(en.toString(), zh.toString());
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** One invalid field and what is wrong with it (in the reader's language when answered). */
    public record FieldProblem(String field, Sentence message) {

        /** With a message that reads the same in both languages (not translated yet). */
        public FieldProblem(String field, String message) {
            this(field, Sentence.of(message));
        }
    }
}
