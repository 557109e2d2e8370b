package io.decisioning.service.assessment;

import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.Sentence;
import io.decisioning.service.system.NotFoundException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link AssessmentPipeline#assess} did: the customers it evaluated and stored, in id order,
 * how many of them changed (or had no assessment), and the customers the rules could not evaluate.
 */
public record Assessed(List<One> assessed, int changed, List<Failure> failures) {

    static final Assessed NONE = new Assessed(List.of(), 0, List.of());

    public Assessed {
        assessed = List.copyOf(assessed);
        failures = List.copyOf(failures);
    }

    /** Customers evaluated or attempted. */
    public int processed() {
        return assessed.size() + failures.size();
    }

    public Set<Long> failedIds() {
        Set<Long> ids = new HashSet<>();
        failures.forEach(f -> ids.add(f.subject().customerId()));
        return ids;
    }

    /**
     * The one customer of a selection of one; the rules' exception when they could not evaluate it, so
     * that a caller answering for one customer fails closed.
     *
     * @throws NotFoundException when the customer does not exist
     */
    public One single() {
        if (!failures.isEmpty()) {
            RuntimeException error = failures.get(0).error();
            throw error;
        }
        if (assessed.isEmpty()) {
            throw new NotFoundException(new Sentence("No such customer.", "客户不存在。"));
        }
        return assessed.get(0);
    }

    /**
     * The customer with this number, of a selection that named it (the other records of its party may have
     * been evaluated with it); the rules' exception when they could not evaluate it, so that a caller
     * answering for one customer fails closed.
     *
     * @throws NotFoundException when it was not evaluated (it does not exist)
     */
    public One one(String customerNo) {
        for (Failure failure : failures) {
            if (failure.subject().customerNo().equals(customerNo)) {
                throw failure.error();
            }
        }
        return assessed.stream().filter(one -> one.subject().customerNo().equals(customerNo)).findFirst()
                .orElseThrow(() -> new NotFoundException(new Sentence("No such customer.", "客户不存在。")));
    }

    /** A customer evaluated and stored. */
    public record One(Subject subject, Evaluation evaluation, Assessment assessment) {
    }

    /** A customer the rules could not evaluate; its previous assessment stays. */
    public record Failure(Subject subject, RuntimeException error) {

        public String message() {
            return String.valueOf(error.getMessage());
        }
    }
}
