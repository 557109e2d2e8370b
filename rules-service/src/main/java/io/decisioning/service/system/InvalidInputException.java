package io.decisioning.service.system;

import java.util.List;

/** Input that breaks a business rule (e.g. a wrong check digit), naming each field at fault. */
public class InvalidInputException extends RuntimeException {

    private final List<FieldProblem> errors;

    public InvalidInputException(List<FieldProblem> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse("invalid input"));
        this.errors = List.copyOf(errors);
    }

    /** With {@code detail} as the problem's detail instead of the fields' messages joined. */
    public InvalidInputException(String detail, List<FieldProblem> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** One invalid field and what is wrong with it. */
    public record FieldProblem(String field, String message) {
    }
}
