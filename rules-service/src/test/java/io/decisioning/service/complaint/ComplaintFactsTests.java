package io.decisioning.service.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.Complaint;
import io.decisioning.rules.ComplaintChannel;
import io.decisioning.rules.ComplaintComplexity;
import io.decisioning.rules.ComplaintStatus;
import io.decisioning.rules.engine.EvaluationInput;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.assessment.Trigger;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.system.DatabaseTest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The complaints of DESIGN.md section 13 as the evaluation pipeline reads them from the real database (each complaint
 * of the party a fact, the counts, a CRM's unknown values, a back-test's date) and the clocks it keeps. Every test
 * runs in a transaction rolled back: a complaint left in the shared database would make every later test's CRM one
 * that keeps complaints.
 */
@DatabaseTest
class ComplaintFactsTests {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Autowired
    AssessmentPipeline pipeline;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    CrmFixtures crm;
    LocalDate d;

    @BeforeEach
    void setUp() {
        crm = new CrmFixtures(jdbc);
        d = CrmFixtures.today();
    }

    private void rolledBack(Runnable test) {
        tx.executeWithoutResult(status -> {
            status.setRollbackOnly();
            test.run();
        });
    }

    /** A complaint received at noon of the day {@code days} ago (in the service's zone), decided {@code decidedDay} days after. */
    private String complaint(@Nullable Long customerId, String channel, String complexity, int days, String status,
                             @Nullable Integer decidedDay) {
        String no = "CP" + CrmFixtures.uniqueNumber();
        LocalDate received = d.minusDays(days);
        jdbc.sql("""
                        INSERT INTO complaint (complaint_no, customer_id, channel, category, complexity, branch_code,
                                               received_at, status, decided_at)
                        VALUES (:no, :customer, :channel, 'SERVICE', :complexity, 'HQ', :received, :status, :decided)""")
                .param("no", no).param("customer", customerId).param("channel", channel).param("complexity", complexity)
                .param("received", utcNoon(received)).param("status", status)
                .param("decided", decidedDay == null ? null : utcNoon(received.plusDays(decidedDay)))
                .update();
        return no;
    }

    private static LocalDateTime utcNoon(LocalDate day) {
        return day.atTime(12, 0).atZone(ZONE).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    private EvaluationInput read(long customerId, LocalDate asOf) {
        List<EvaluationInput> read = pipeline.read(Selection.ids(List.of(customerId)), asOf).inputs();
        assertThat(read).hasSize(1);
        return read.get(0);
    }

    @Test
    void aCrmWithoutComplaintsGivesNoFiguresAndTheCustomerNoComplaintsPack() {
        Long kept = jdbc.sql("SELECT COUNT(*) FROM complaint").query(Long.class).single();
        org.junit.jupiter.api.Assumptions.assumeTrue(kept == 0, "another test left complaints in the shared database");
        long customer = crm.customer();

        EvaluationInput input = read(customer, d);

        assertThat(input.profile().hasComplaints()).isFalse();
        assertThat(input.complaints()).isEmpty();
        rolledBack(() -> assertThat(pipeline.assess(Selection.ids(List.of(customer)), Trigger.MANUAL, d).single()
                .evaluation().rulePacks()).doesNotContainKey("complaints"));
    }

    @Test
    void eachComplaintOfThePartyIsAFactOfTheCustomerWithTheCounts() {
        rolledBack(() -> {
            long customer = crm.customer();
            long other = crm.customer();
            String open = complaint(customer, "PHONE", "SIMPLE", 12, "OPEN", null);
            String decided = complaint(customer, "LETTER", "COMPLEX", 100, "DECIDED", 30);
            String old = complaint(customer, "ONLINE", "SIMPLE", 400, "CLOSED", 5);
            complaint(other, "PHONE", "SIMPLE", 1, "OPEN", null);

            EvaluationInput input = read(customer, d);

            assertThat(input.complaints()).extracting(Complaint::complaintNo).containsExactlyInAnyOrder(open, decided, old);
            assertThat(input.complaints()).allSatisfy(c -> assertThat(c.customerNo()).isEqualTo(crm.customerNo(customer)));
            Complaint simple = input.complaint(open);
            assertThat(simple).extracting(Complaint::channel, Complaint::complexity, Complaint::status,
                    Complaint::daysSinceReceived, Complaint::daysToDecision, Complaint::receivedDate)
                    .containsExactly(ComplaintChannel.PHONE, ComplaintComplexity.SIMPLE, ComplaintStatus.OPEN, 12, null,
                            d.minusDays(12));
            assertThat(input.complaint(decided).daysToDecision()).isEqualTo(30);
            assertThat(input.profile().openComplaints()).isEqualTo(1);
            assertThat(input.profile().complaints12m()).isEqualTo(2);
            assertThat(read(crm.customer(), d).profile()).extracting(p -> p.openComplaints(), p -> p.complaints12m())
                    .containsExactly(0, 0);
        });
    }

    @Test
    void unknownValuesMakeAComplaintUnclassifiedNeverAFailedEvaluation() {
        rolledBack(() -> {
            long customer = crm.customer();
            String urgent = complaint(customer, "WECHAT", "URGENT", 20, "OPEN", null);
            String odd = complaint(customer, "PHONE", "SIMPLE", 20, "ESCALATED", null);
            String known = complaint(customer, "PHONE", "SIMPLE", 20, "OPEN", null);

            var assessed = pipeline.assess(Selection.ids(List.of(customer)), Trigger.MANUAL, d).single();

            assertThat(assessed.evaluation().complaints()).extracting(c -> c.complaintNo(), c -> c.state() == null ? null : c.state().name())
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(urgent, null),
                            org.assertj.core.groups.Tuple.tuple(known, "OVERDUE"));
            assertThat(clock(urgent)).containsEntry("state", "UNCLASSIFIED").containsEntry("time_limit_days", null);
            assertThat(clock(odd)).isEmpty();
            assertThat(clock(known)).containsEntry("state", "OVERDUE").containsEntry("time_limit_days", 15)
                    .containsEntry("deadline", java.sql.Date.valueOf(d.minusDays(5))).containsEntry("queue_rank", 0);
            assertThat(clock(known).get("rule_id").toString()).startsWith("CMP-020");
            assertThat(assessed.evaluation().warnings()).extracting(w -> w.type().name()).contains("COMPLAINT_OVERDUE");
        });
    }

    @Test
    void aStoredEvaluationKeepsEachComplaintsClockAndADecisionMovesIt() {
        rolledBack(() -> {
            long customer = crm.customer();
            String near = complaint(customer, "REGULATOR", "COMPLEX", 28, "OPEN", null);
            String withdrawn = complaint(customer, "PHONE", "SIMPLE", 28, "WITHDRAWN", null);

            pipeline.assess(Selection.ids(List.of(customer)), Trigger.MANUAL, d);
            assertThat(clock(near)).containsEntry("state", "AT_RISK").containsEntry("queue_rank", 1)
                    .containsEntry("clocked_on", java.sql.Date.valueOf(d));
            assertThat(clock(withdrawn)).containsEntry("state", "WITHDRAWN").containsEntry("queue_rank", 6);

            jdbc.sql("UPDATE complaint SET status = 'DECIDED', decided_at = :at WHERE complaint_no = :no")
                    .param("at", utcNoon(d)).param("no", near).update();
            var assessed = pipeline.assess(Selection.ids(List.of(customer)), Trigger.EVENT, d).single();

            assertThat(clock(near)).containsEntry("state", "MET").containsEntry("queue_rank", 5);
            assertThat(assessed.evaluation().warnings()).extracting(w -> w.type().name())
                    .doesNotContain("COMPLAINT_DEADLINE_NEAR", "REGULATOR_COMPLAINT");
        });
    }

    @Test
    void asOfAPastDateAComplaintDecidedSinceWasOpenAndOneReceivedSinceIsNone() {
        rolledBack(() -> {
            long customer = crm.customer();
            String decided = complaint(customer, "PHONE", "SIMPLE", 20, "DECIDED", 18);
            complaint(customer, "PHONE", "SIMPLE", 1, "OPEN", null);

            EvaluationInput then = read(customer, d.minusDays(5));

            assertThat(then.complaints()).extracting(Complaint::complaintNo).containsExactly(decided);
            assertThat(then.complaint(decided)).extracting(Complaint::status, Complaint::daysSinceReceived,
                    Complaint::decidedDate).containsExactly(ComplaintStatus.OPEN, 15, null);
            assertThat(then.profile().openComplaints()).isEqualTo(1);
        });
    }

    private Map<String, Object> clock(String complaintNo) {
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT k.state, k.queue_rank, k.time_limit_days, k.deadline, k.rule_id, k.clocked_on
                          FROM complaint_clock k JOIN complaint c ON c.id = k.complaint_id
                         WHERE c.complaint_no = :no""")
                .param("no", complaintNo).query().listOfRows();
        if (rows.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> row = new java.util.HashMap<>(rows.get(0));
        row.computeIfPresent("queue_rank", (k, v) -> ((Number) v).intValue());
        return row;
    }
}
