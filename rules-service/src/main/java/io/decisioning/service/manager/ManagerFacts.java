package io.decisioning.service.manager;

import io.decisioning.rules.ManagerStatus;
import io.decisioning.service.assessment.CustomerColumns;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.assessment.FactSource;
import io.decisioning.service.assessment.Facts;
import io.decisioning.service.assessment.Party;
import io.decisioning.service.assessment.Subject;
import io.decisioning.service.assessment.Subjects;
import io.decisioning.service.system.BulkSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The account-manager figures of DESIGN.md section 12, as of the evaluation date D: the party's manager (its primary
 * record's, else the first record's that names one) as the register knows them, days since the latest visit and
 * contact logged for any of its records, days to the person's next birthday, and the distinct managers its records
 * name.
 *
 * <p>A customer alone in its party (most) costs no statement: the manager's row of the register and the customer's
 * contact summary (one row each, by primary key) are joined to the statement that reads the customers. The records
 * of larger parties are read with one statement for all of them. As of a past date (a back-test), the contacts up to
 * D are read from {@code customer_contact} itself; the register is today's (it keeps no history).
 */
@Component
@Order(ManagerFacts.ORDER)
class ManagerFacts implements FactSource {

    /** After the retention figures, before the book's. */
    static final int ORDER = 160;

    private static final String JOIN_REGISTER = "LEFT JOIN account_manager amr ON amr.code = c.account_manager";
    private static final String JOIN_SUMMARY = " LEFT JOIN customer_contact_summary ccs ON ccs.customer_id = c.id";
    private static final String COLUMNS = "c.account_manager AS am_code, amr.status AS am_status, amr.level AS am_level, "
            + "c.birth_date AS am_birth, ";
    private static final String SUMMARY_COLUMNS = "ccs.last_visit_at AS am_visit, ccs.last_contact_at AS am_contact";
    private static final String PAST_COLUMNS = """
            (SELECT MAX(x.occurred_at) FROM customer_contact x
              WHERE x.customer_id = c.id AND x.kind = 'VISIT' AND x.occurred_at < :amNext) AS am_visit,
            (SELECT MAX(x.occurred_at) FROM customer_contact x
              WHERE x.customer_id = c.id AND x.occurred_at < :amNext) AS am_contact""";

    private final JdbcClient jdbc;
    private final EvaluationDate evaluationDate;

    ManagerFacts(JdbcClient jdbc, EvaluationDate evaluationDate) {
        this.jdbc = jdbc;
        this.evaluationDate = evaluationDate;
    }

    @Override
    public CustomerColumns customerColumns(LocalDate asOf) {
        boolean today = !asOf.isBefore(evaluationDate.today());
        Map<String, Object> params = today ? Map.of() : Map.of("amNext", next(asOf));
        return new CustomerColumns(today ? JOIN_REGISTER + JOIN_SUMMARY : JOIN_REGISTER,
                COLUMNS + (today ? SUMMARY_COLUMNS : PAST_COLUMNS), params, (row, subject, facts) -> {
                    Record own = Record.of(row);
                    set(facts, subject, asOf, own, own.code() == null ? 0 : 1, own.birthDate());
                });
    }

    /** The figures of the subjects in parties of several records: their manager, contacts and managers are the party's. */
    @Override
    public void read(Subjects subjects, Facts facts) {
        Set<Long> ids = new LinkedHashSet<>();
        for (Subject subject : subjects.all()) {
            if (subject.inLargerParty()) {
                subjects.membersOf(subject).forEach(member -> ids.add(member.customerId()));
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        LocalDate d = subjects.asOf();
        boolean today = !d.isBefore(evaluationDate.today());
        BulkSql.IdCondition members = BulkSql.ids("c.id", ids, "am");
        Map<Long, Record> byId = new HashMap<>();
        jdbc.sql("SELECT c.id AS am_id, " + COLUMNS + (today ? SUMMARY_COLUMNS : PAST_COLUMNS) + " FROM customer c "
                        + (today ? JOIN_REGISTER + JOIN_SUMMARY : JOIN_REGISTER) + " WHERE " + members.sql())
                .params(members.params())
                .params(today ? Map.of() : Map.of("amNext", next(d)))
                .query((RowCallbackHandler) rs -> byId.put(rs.getLong("am_id"), Record.of(rs)));
        for (Subject subject : subjects.all()) {
            if (!subject.inLargerParty()) {
                continue;
            }
            Party party = subject.party();
            List<Record> records = new ArrayList<>();
            Record primary = null;
            for (Party.Member member : subjects.membersOf(subject)) {
                Record record = byId.get(member.customerId());
                if (record != null) {
                    records.add(record);
                    if (party != null && member.customerId() == party.primaryCustomerId()) {
                        primary = record;
                    }
                }
            }
            Record managed = primary != null && primary.code() != null ? primary
                    : records.stream().filter(r -> r.code() != null).findFirst().orElse(primary);
            if (managed == null) {
                continue;
            }
            Set<String> codes = new HashSet<>();
            LocalDateTime visit = null;
            LocalDateTime contact = null;
            for (Record record : records) {
                if (record.code() != null) {
                    codes.add(record.code());
                }
                visit = later(visit, record.lastVisit());
                contact = later(contact, record.lastContact());
            }
            Record own = byId.get(subject.customerId());
            LocalDate birthDate = own != null && own.birthDate() != null ? own.birthDate()
                    : primary == null ? null : primary.birthDate();
            set(facts, subject, d, new Record(managed.code(), managed.status(), managed.level(), birthDate, visit, contact),
                    codes.size(), birthDate);
        }
    }

    private void set(Facts facts, Subject subject, LocalDate d, Record r, int managers, @Nullable LocalDate birthDate) {
        ManagerStatus status = r.code() == null ? ManagerStatus.NONE
                : r.status() == null ? ManagerStatus.UNKNOWN : ManagerStatus.valueOf(r.status().name());
        // the register keeps a level for every manager (NOT NULL), so an ACTIVE one always has one
        Integer level = status == ManagerStatus.ACTIVE ? java.util.Objects.requireNonNull(r.level()).number() : null;
        facts.profile(subject).manager(status, level, daysSince(r.lastVisit(), d), daysSince(r.lastContact(), d),
                subject.customerType().equals("PERSON") ? daysToBirthday(birthDate, d) : null, managers);
    }

    private @Nullable Integer daysSince(@Nullable LocalDateTime utc, LocalDate d) {
        if (utc == null) {
            return null;
        }
        return (int) Math.max(0, ChronoUnit.DAYS.between(evaluationDate.dateOf(utc), d));
    }

    /** Days from D to the next birthday, 0 on the day; 29 February falls on 28 February in other years. */
    static @Nullable Integer daysToBirthday(@Nullable LocalDate birthDate, LocalDate d) {
        if (birthDate == null) {
            return null;
        }
        MonthDay birthday = MonthDay.from(birthDate);
        LocalDate next = birthday.atYear(d.getYear());
        if (next.isBefore(d)) {
            next = birthday.atYear(d.getYear() + 1);
        }
        return (int) ChronoUnit.DAYS.between(d, next);
    }

    /** The first instant (UTC) after D in the configured zone: contacts before it happened by D. */
    private LocalDateTime next(LocalDate d) {
        return d.plusDays(1).atStartOfDay(evaluationDate.zone()).withZoneSameInstant(java.time.ZoneOffset.UTC)
                .toLocalDateTime();
    }

    private static @Nullable LocalDateTime later(@Nullable LocalDateTime a, @Nullable LocalDateTime b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** One CRM record's manager (as the register knows them), birth date and latest contacts. */
    private record Record(@Nullable String code, @Nullable ManagerState status, @Nullable ManagerLevel level,
                          @Nullable LocalDate birthDate, @Nullable LocalDateTime lastVisit,
                          @Nullable LocalDateTime lastContact) {

        static Record of(ResultSet row) throws SQLException {
            String status = row.getString("am_status");
            String level = row.getString("am_level");
            return new Record(row.getString("am_code"), status == null ? null : ManagerState.valueOf(status),
                    level == null ? null : ManagerLevel.valueOf(level), row.getObject("am_birth", LocalDate.class),
                    row.getObject("am_visit", LocalDateTime.class), row.getObject("am_contact", LocalDateTime.class));
        }
    }
}
