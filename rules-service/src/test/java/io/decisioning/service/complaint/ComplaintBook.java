package io.decisioning.service.complaint;

import io.decisioning.service.customer.CrmFixtures;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A test's complaints in the CRM's {@code complaint} table, all of one branch of the test's own, deleted with their
 * clocks when the test ends ({@link #delete}): a complaint left in the shared database would make every later test's
 * CRM one that keeps complaints.
 */
public final class ComplaintBook {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;
    private final String branch;
    private final List<String> complaints = new ArrayList<>();
    private final Set<Long> customers = new LinkedHashSet<>();

    public ComplaintBook(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.branch = "K" + CrmFixtures.uniquePrefix().replace("-", "");
    }

    /** The branch of this test's complaints (and of the customers it makes with {@code customerOfBranch}). */
    public String branch() {
        return branch;
    }

    /** The customers who have a complaint here: evaluate them again after {@link #delete} to clear their warnings. */
    public Set<Long> customers() {
        return customers;
    }

    /** A complaint received at noon of {@code received} (in the service's zone); its number. */
    public String complaint(@Nullable Long customerId, String channel, @Nullable String category, String complexity,
                            LocalDate received, String status, @Nullable LocalDate decided, @Nullable String rootCause) {
        String no = "T" + CrmFixtures.uniqueNumber();
        jdbc.sql("""
                        INSERT INTO complaint (complaint_no, customer_id, channel, category, complexity, branch_code,
                                               received_at, status, decided_at, root_cause)
                        VALUES (:no, :customer, :channel, :category, :complexity, :branch, :received, :status, :decided, :cause)""")
                .param("no", no).param("customer", customerId).param("channel", channel).param("category", category)
                .param("complexity", complexity).param("branch", branch).param("received", noon(received))
                .param("status", status).param("decided", decided == null ? null : noon(decided)).param("cause", rootCause)
                .update();
        complaints.add(no);
        if (customerId != null) {
            customers.add(customerId);
        }
        return no;
    }

    /**
     * A month's complaints whose analysis is worked out by hand in the tests: customer {@code a} a repeat complainant
     * (two complaints received in the month, one the month before, decided in it late), {@code c} one decided in time
     * and one of a complexity the service does not know, and one without a customer.
     */
    public void craftedMonth(YearMonth m, long a, long c) {
        complaint(a, "PHONE", "SERVICE", "SIMPLE", m.atDay(2), "DECIDED", m.atDay(10), "CLAIM_DELAY");
        complaint(a, "LETTER", "PRODUCT", "COMPLEX", m.minusMonths(1).atDay(20), "DECIDED", m.atDay(25), "CLAIM_DELAY");
        complaint(a, "ONLINE", "SERVICE", "SIMPLE", m.atDay(15), "OPEN", null, null);
        complaint(c, "VISIT", "COMPLIANCE", "EXTENDED", m.atDay(1), "CLOSED", m.atDay(20), "MISSELLING");
        complaint(c, "PHONE", null, "URGENT", m.atDay(7), "DECIDED", m.atDay(9), "CLAIM_DELAY");
        complaint(null, "REGULATOR", null, "SIMPLE", m.atDay(5), "DECIDED", m.atDay(6), "DOCUMENTATION");
    }

    /** Deletes the complaints made here and their clocks. */
    public void delete() {
        for (String no : complaints) {
            jdbc.sql("DELETE FROM complaint_clock WHERE complaint_id = (SELECT id FROM complaint WHERE complaint_no = :no)")
                    .param("no", no).update();
            jdbc.sql("DELETE FROM complaint WHERE complaint_no = :no").param("no", no).update();
        }
        complaints.clear();
    }

    /** Noon of the day in the service's zone, as the CRM stores it (UTC). */
    public static LocalDateTime noon(LocalDate day) {
        return day.atTime(12, 0).atZone(ZONE).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
}
