package io.decisioning.rules;

import java.util.Objects;

/** Outcome: a grading rule gave the customer this grade. Exactly one per customer. */
public record GradeAssigned(String customerNo, Grade grade) {
    public GradeAssigned {
        Objects.requireNonNull(customerNo, "customerNo");
        Objects.requireNonNull(grade, "grade");
    }
}
