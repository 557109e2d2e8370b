package io.decisioning.service.complaint;

import io.decisioning.rules.Complaint;
import io.decisioning.rules.ComplaintCategory;
import io.decisioning.rules.ComplaintChannel;
import io.decisioning.rules.ComplaintComplexity;
import io.decisioning.rules.ComplaintStatus;
import io.decisioning.service.assessment.CustomerColumns;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.assessment.FactSource;
import io.decisioning.service.assessment.Facts;
import io.decisioning.service.assessment.Party;
import io.decisioning.service.assessment.Subject;
import io.decisioning.service.assessment.Subjects;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The complaints of DESIGN.md section 13, as of the evaluation date D: every complaint of the party received by D, a
 * {@link Complaint} fact of the customer evaluated, and the figures {@code openComplaints} and {@code complaints12m}.
 *
 * <p>The CRM's {@code complaint} table is optional. Whether it holds any row is read with the customers themselves
 * (an uncorrelated {@code EXISTS}, evaluated once per statement): while it is empty no customer gets complaint
 * figures, this source runs no statement, and the {@code complaints} pack ({@code needs=complaint}) does not run, so
 * every assessment is what it was before complaints existed. Otherwise one statement reads the complaints of all the
 * subjects and the other records of their parties through {@code ix_complaint_customer}; most customers have none.
 *
 * <p>A channel, category or complexity the service does not know reads null (the complaint is then unclassified: no
 * time limit), never a failed evaluation; a complaint of a status it does not know is no fact at all (the work queue
 * shows it unclassified). As of a past date (a back-test), a complaint decided after D was still open on D; one
 * withdrawn is taken as withdrawn (the CRM keeps no date for it).
 */
@Component
@Order(ComplaintFacts.ORDER)
class ComplaintFacts implements FactSource {

    /** After the account-manager figures. */
    static final int ORDER = 170;

    private static final String KEPT = "(SELECT EXISTS (SELECT 1 FROM complaint)) AS complaints_kept";
    private static final String COMPLAINTS = """
            SELECT k.customer_id, k.complaint_no, k.channel, k.category, k.complexity, k.received_at, k.status, k.decided_at
              FROM complaint k
             WHERE %s AND k.received_at < :kNext""";

    private final JdbcClient jdbc;
    private final EvaluationDate evaluationDate;

    ComplaintFacts(JdbcClient jdbc, EvaluationDate evaluationDate) {
        this.jdbc = jdbc;
        this.evaluationDate = evaluationDate;
    }

    /** Whether the CRM keeps complaints, read with the customers: each then starts with none (zeros). */
    @Override
    public CustomerColumns customerColumns(LocalDate asOf) {
        return new CustomerColumns("", KEPT, Map.of(), (row, subject, facts) -> {
            if (row.getBoolean("complaints_kept")) {
                facts.profile(subject).complaints(List.of(), 0, 0);
            }
        });
    }

    @Override
    public void read(Subjects subjects, Facts facts) {
        if (!subjects.hasCustomers() || !kept(subjects, facts)) {
            return;
        }
        LocalDate d = subjects.asOf();
        Subjects.Condition customers = subjects.customersAndMembersIn("k.customer_id", "k");
        Map<Long, List<Row>> byCustomer = new HashMap<>();
        jdbc.sql(COMPLAINTS.formatted(customers.sql()))
                .params(customers.params())
                .param("kNext", startOfNextDay(d))
                .query((RowCallbackHandler) rs -> byCustomer.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>(2))
                        .add(Row.of(rs)));
        if (byCustomer.isEmpty()) {
            return;
        }
        LocalDate yearAgo = d.minusMonths(12);
        for (Subject subject : subjects.all()) {
            if (subject.applicant()) {
                continue;
            }
            List<Complaint> complaints = null;
            for (Party.Member member : subjects.membersOf(subject)) {
                for (Row row : byCustomer.getOrDefault(member.customerId(), List.of())) {
                    Complaint complaint = row.asOf(subject.customerNo(), d, evaluationDate);
                    if (complaint != null) {
                        if (complaints == null) {
                            complaints = new ArrayList<>(2);
                        }
                        complaints.add(complaint);
                    }
                }
            }
            if (complaints != null) {
                int open = 0;
                int received12m = 0;
                for (Complaint complaint : complaints) {
                    open += complaint.open() ? 1 : 0;
                    received12m += complaint.receivedDate().isAfter(yearAgo) ? 1 : 0;
                }
                facts.profile(subject).complaints(complaints, open, received12m);
            }
        }
    }

    /** Whether the customers were read with the CRM keeping complaints (the first customer tells for all). */
    private static boolean kept(Subjects subjects, Facts facts) {
        for (Subject subject : subjects.all()) {
            if (!subject.applicant()) {
                return facts.profile(subject).keepsComplaints();
            }
        }
        return false;
    }

    /** The first instant (UTC) after D in the configured zone: what was received before it was received by D. */
    private LocalDateTime startOfNextDay(LocalDate d) {
        return d.plusDays(1).atStartOfDay(evaluationDate.zone()).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    /** One row of the CRM's complaint table, as stored. */
    record Row(String complaintNo, String channel, @Nullable String category, String complexity,
               LocalDateTime receivedAt, String status, @Nullable LocalDateTime decidedAt) {

        static Row of(ResultSet rs) throws SQLException {
            return new Row(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getObject(6, LocalDateTime.class), rs.getString(7), rs.getObject(8, LocalDateTime.class));
        }

        /**
         * The complaint as a fact of {@code customerNo} as of D; null for a status the service does not know. Decided
         * after D: still open on D.
         */
        @Nullable Complaint asOf(@Nullable String customerNo, LocalDate d, EvaluationDate dates) {
            ComplaintStatus known = constant(ComplaintStatus.class, status);
            if (known == null) {
                return null;
            }
            LocalDate received = dates.dateOf(receivedAt);
            LocalDate decided = decidedAt == null ? null : dates.dateOf(decidedAt);
            if (decided != null && decided.isAfter(d)) {
                known = ComplaintStatus.OPEN;
                decided = null;
            }
            if (known == ComplaintStatus.OPEN || known == ComplaintStatus.WITHDRAWN) {
                decided = null; // a date the CRM left on a reopened or withdrawn case decides nothing
            }
            if (decided != null && decided.isBefore(received)) {
                decided = received;
            }
            return Complaint.of(customerNo, complaintNo, constant(ComplaintChannel.class, channel),
                    constant(ComplaintCategory.class, category), constant(ComplaintComplexity.class, complexity),
                    received, known, decided, d.isBefore(received) ? received : d);
        }
    }

    /** The constant of this name, null for a name the enum does not have (a value the service does not know). */
    static <E extends Enum<E>> @Nullable E constant(Class<E> type, @Nullable String name) {
        if (name == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        return null;
    }
}
