package io.decisioning.service.assessment;

import io.decisioning.service.system.BulkSql;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The customers an evaluation takes, by ascending id (an applicant alone), and the date it is as of.
 *
 * @param range   the id range they were selected by (a nightly chunk), so a source can read the range
 *                with one BETWEEN; null when they were selected otherwise
 * @param parties the records of the subjects' parties of more than one record, by party number, ascending
 *                ids (DESIGN.md section 10: their facts are the party's); empty when all are alone
 */
public record Subjects(List<Subject> all, LocalDate asOf, @Nullable IdRange range,
                       Map<Long, List<Party.Member>> parties) {

    public Subjects {
        all = List.copyOf(all);
        Objects.requireNonNull(asOf, "asOf");
        parties = Map.copyOf(parties);
    }

    public Subjects(List<Subject> all, LocalDate asOf, @Nullable IdRange range) {
        this(all, asOf, range, Map.of());
    }

    /** The records of the subject's party, itself included; just itself when it is alone. */
    public List<Party.Member> membersOf(Subject subject) {
        List<Party.Member> members = subject.party() == null ? null : parties.get(subject.party().partyNo());
        return members != null ? members
                : List.of(new Party.Member(subject.customerId(), subject.customerNo(),
                        subject.branchCode() == null ? "" : subject.branchCode(), subject.keys(),
                        subject.party() == null ? 0 : subject.party().candidates()));
    }

    /** The records of the subjects' parties that are not subjects themselves (whose facts count all the same). */
    public List<Long> membersOutside() {
        Set<Long> subjects = new HashSet<>(customerIds());
        List<Long> outside = new ArrayList<>();
        for (List<Party.Member> members : parties.values()) {
            for (Party.Member member : members) {
                if (!subjects.contains(member.customerId())) {
                    outside.add(member.customerId());
                }
            }
        }
        return outside;
    }

    /** The ids of the customers among them (not the applicant's). */
    public List<Long> customerIds() {
        return all.stream().filter(s -> !s.applicant()).map(Subject::customerId).toList();
    }

    public boolean hasCustomers() {
        return all.stream().anyMatch(s -> !s.applicant());
    }

    /**
     * A condition on {@code column} (a customer id column) that holds for exactly these customers:
     * the selected range as one BETWEEN, else the ids as few BETWEENs or an IN list ({@link BulkSql#ids}).
     * Call only when {@link #hasCustomers()}.
     *
     * @param prefix the parameters' name prefix, unique within the statement
     */
    public Condition customersIn(String column, String prefix) {
        if (range != null) {
            return new Condition(column + " BETWEEN :" + prefix + "From AND :" + prefix + "To",
                    Map.of(prefix + "From", range.fromId(), prefix + "To", range.toId()));
        }
        BulkSql.IdCondition ids = BulkSql.ids(column, customerIds(), prefix);
        return new Condition(ids.sql(), ids.params());
    }

    /**
     * A condition on {@code column} that holds for these customers and the records of their parties that are
     * not subjects themselves ({@link #membersOutside}), whose facts count for the party all the same. Call
     * only when {@link #hasCustomers()}.
     */
    public Condition customersAndMembersIn(String column, String prefix) {
        Condition condition = customersIn(column, prefix);
        List<Long> outside = membersOutside();
        if (outside.isEmpty()) {
            return condition;
        }
        BulkSql.IdCondition members = BulkSql.ids(column, outside, prefix + "m");
        Map<String, Object> params = new HashMap<>(condition.params());
        params.putAll(members.params());
        return new Condition("(" + condition.sql() + " OR " + members.sql() + ")", params);
    }

    /** A SQL condition with its named parameters. */
    public record Condition(String sql, Map<String, Object> params) {

        public Condition {
            params = Map.copyOf(params);
        }
    }
}
