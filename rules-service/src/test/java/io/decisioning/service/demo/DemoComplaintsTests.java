package io.decisioning.service.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.system.RulesProperties;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The complaints of the demo book (DESIGN.md section 13) as a newcomer's service writes them into the CRM's
 * {@code complaint} table at start-up: a year of them, of every channel, category, complexity and status, open ones on
 * track, at risk and overdue by their deadlines (the day received in the service's zone plus 15, 30 or 60 calendar
 * days), repeat complainants, complaints without a customer and values the service does not know. Read from the table
 * with this test's own SQL and dates; what the rules make of them is not this test's concern.
 *
 * <p>The same configuration as {@code DemoDueListTests}, so that both share one service and its demo book. Not for a
 * shared database: the demo book is generated only into an empty CRM (.ci/run leaves it out of the MariaDB 10.11 run).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rules.demo.data=10000", "rules.demo.duplicates=0.03"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoComplaintsTests {

    private static final Set<String> CHANNELS = Set.of("PHONE", "ONLINE", "LETTER", "VISIT", "REGULATOR");
    private static final Set<String> COMPLEXITIES = Set.of("SIMPLE", "COMPLEX", "EXTENDED");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoData demoData;

    @Autowired
    EvaluationDate evaluationDate;

    @Autowired
    RulesProperties properties;

    LocalDate today;
    List<Row> complaints;

    @BeforeAll
    void readTheComplaints() {
        assertThat(demoData.generatedAtStartup()).as("the demo book is generated into an empty CRM at start-up").isTrue();
        today = evaluationDate.today();
        complaints = jdbc.sql("""
                        SELECT k.complaint_no, c.customer_no, c.branch_code AS customer_branch, p.policy_no,
                               pc.customer_no AS policy_customer_no, k.channel, k.category, k.complexity, k.branch_code,
                               k.received_at, k.status, k.decided_at, k.root_cause
                          FROM complaint k
                          LEFT JOIN customer c ON c.id = k.customer_id
                          LEFT JOIN policy p ON p.id = k.policy_id
                          LEFT JOIN customer pc ON pc.id = p.customer_id""")
                .query((rs, n) -> new Row(rs.getString("complaint_no"), rs.getString("customer_no"),
                        rs.getString("customer_branch"), rs.getString("policy_no"), rs.getString("policy_customer_no"),
                        rs.getString("channel"), rs.getString("category"), rs.getString("complexity"),
                        rs.getString("branch_code"), rs.getObject("received_at", LocalDateTime.class), rs.getString("status"),
                        rs.getObject("decided_at", LocalDateTime.class), rs.getString("root_cause")))
                .list();
    }

    @Test
    void theComplaintTableHoldsTheDemoBooksComplaintsFromAFewCustomersInAHundred() {
        long seed = properties.demo().seed();
        DemoBook book = new DemoBook(10_000, seed, today, "", 0.03, seed, true, true);
        List<DemoComplaint> generated = book.customers().flatMap(c -> book.complaints(c).stream()).toList();

        assertThat(complaints.stream().map(Row::complaint).toList()).containsExactlyInAnyOrderElementsOf(generated);
        long complainants = complaints.stream().map(Row::customerNo).filter(no -> no != null).distinct().count();
        assertThat(complainants).as("customers with a complaint, of 10000").isBetween(300L, 500L);
        assertThat(complaints).hasSizeGreaterThan((int) complainants);
    }

    @Test
    void complaintsOfEveryChannelCategoryComplexityAndStatusAndSomeTheServiceDoesNotKnow() {
        assertThat(complaints).extracting(Row::channel).contains(CHANNELS.toArray(String[]::new));
        assertThat(complaints).extracting(Row::complexity).contains(COMPLEXITIES.toArray(String[]::new));
        assertThat(complaints).extracting(Row::category).containsOnly("PRODUCT", "SERVICE", "COMPLIANCE", null)
                .contains("PRODUCT", "SERVICE", "COMPLIANCE", null);
        assertThat(complaints).extracting(Row::status).containsOnly("OPEN", "DECIDED", "CLOSED", "WITHDRAWN")
                .contains("OPEN", "DECIDED", "CLOSED", "WITHDRAWN");
        assertThat(complaints).filteredOn(k -> !CHANNELS.contains(k.channel())).as("channels unknown to the service")
                .hasSizeBetween(1, 20);
        assertThat(complaints).filteredOn(k -> !COMPLEXITIES.contains(k.complexity())).as("complexities unknown to the service")
                .hasSizeBetween(1, 20);
    }

    @Test
    void decidedAndClosedComplaintsHaveADecisionDateAndARootCauseOpenAndWithdrawnOnesNeither() {
        assertThat(complaints).allSatisfy(k -> {
            boolean decided = k.status().equals("DECIDED") || k.status().equals("CLOSED");
            assertThat(k.decidedAt() != null).as("decided: %s", k).isEqualTo(decided);
            assertThat(k.rootCause() != null).as("root cause: %s", k).isEqualTo(decided);
            if (decided) {
                assertThat(k.category()).as("a decided complaint is classified: %s", k).isNotNull();
                assertThat(k.decidedAt()).isAfter(k.receivedAt());
                assertThat(evaluationDate.dateOf(k.decidedAt())).isBefore(today);
            }
        });
        assertThat(complaints).extracting(Row::rootCause).filteredOn(cause -> cause != null)
                .allSatisfy(cause -> assertThat(cause).matches("[A-Z_]{4,64}"))
                .contains("CLAIM_DELAY", "MISSELLING", "STAFF_ATTITUDE", "POLICY_TERMS")
                .hasSizeGreaterThan(100);
    }

    @Test
    void aYearOfComplaintsNumberedByTheDayReceivedSomeReceivedAtNight() {
        assertThat(complaints).allSatisfy(k -> {
            LocalDate received = evaluationDate.dateOf(k.receivedAt());
            assertThat(received).as(k.complaintNo()).isBefore(today).isAfterOrEqualTo(today.minusDays(365));
            assertThat(k.complaintNo()).startsWith("TS" + received.format(DateTimeFormatter.BASIC_ISO_DATE)).hasSize(18);
        });
        assertThat(complaints).extracting(Row::complaintNo).doesNotHaveDuplicates();
        assertThat(complaints).filteredOn(k -> evaluationDate.dateOf(k.receivedAt()).isBefore(today.minusDays(300)))
                .as("received more than 300 days ago").isNotEmpty();
        assertThat(complaints).filteredOn(k -> !evaluationDate.dateOf(k.receivedAt()).equals(k.receivedAt().toLocalDate()))
                .as("received on another day in the service's zone than in UTC").isNotEmpty();
    }

    @Test
    void aHandfulHaveNoCustomerTheOthersTheirCustomersBranchAndPolicy() {
        Set<String> branches = Set.copyOf(DemoBook.branchCodes());
        assertThat(complaints).filteredOn(k -> k.customerNo() == null).hasSizeBetween(3, 30).allSatisfy(k -> {
            assertThat(branches).contains(k.branchCode());
            assertThat(k.policyNo()).isNull();
        });
        assertThat(complaints).filteredOn(k -> k.customerNo() != null).allSatisfy(k -> {
            assertThat(k.branchCode()).isEqualTo(k.customerBranch());
            if (k.policyNo() != null) {
                assertThat(k.policyCustomerNo()).as("the policy of %s", k.complaintNo()).isEqualTo(k.customerNo());
            }
        });
        assertThat(complaints).filteredOn(k -> k.policyNo() != null).hasSizeGreaterThan(complaints.size() / 2);
    }

    @Test
    void openComplaintsAreWithinThreeDaysOfTheirDeadlinePastItAndFurtherMostDecidedOnesWithinIt() {
        List<Row> open = complaints.stream().filter(k -> k.status().equals("OPEN") && k.classified()).toList();
        Map<String, Long> byDaysLeft = open.stream().collect(Collectors.groupingBy(k -> {
            long left = ChronoUnit.DAYS.between(today, k.deadline(evaluationDate));
            return left < 0 ? "past" : left <= 3 ? "within 3 days" : "further";
        }, Collectors.counting()));
        assertThat(byDaysLeft).containsOnlyKeys("past", "within 3 days", "further");
        assertThat(byDaysLeft.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(5));
        assertThat(open).filteredOn(k -> k.channel().equals("REGULATOR")).as("open complaints by the regulator").isNotEmpty();
        assertThat(open).extracting(Row::complexity).contains(COMPLEXITIES.toArray(String[]::new));

        List<Row> decided = complaints.stream().filter(k -> k.decidedAt() != null && k.classified()).toList();
        long late = decided.stream().filter(k -> evaluationDate.dateOf(k.decidedAt()).isAfter(k.deadline(evaluationDate)))
                .count();
        assertThat(late).as("decided after the deadline").isPositive().isLessThan(decided.size() / 4);
    }

    @Test
    void someCustomersComplainedThreeTimesOrMoreIn12Months() {
        LocalDate yearAgo = today.minusMonths(12);
        Map<String, Long> received12m = complaints.stream()
                .filter(k -> k.customerNo() != null && evaluationDate.dateOf(k.receivedAt()).isAfter(yearAgo))
                .collect(Collectors.groupingBy(Row::customerNo, Collectors.counting()));

        assertThat(received12m.values()).filteredOn(count -> count >= 3).as("repeat complainants").hasSizeGreaterThan(5);
    }

    /** A complaint as stored, with the number and branch of its customer and the customer of its policy. */
    record Row(String complaintNo, @Nullable String customerNo, @Nullable String customerBranch, @Nullable String policyNo,
               @Nullable String policyCustomerNo, String channel, @Nullable String category, String complexity,
               String branchCode, LocalDateTime receivedAt, String status, @Nullable LocalDateTime decidedAt,
               @Nullable String rootCause) {

        DemoComplaint complaint() {
            return new DemoComplaint(complaintNo, customerNo, policyNo, channel, category, complexity, branchCode, receivedAt,
                    status, decidedAt, rootCause);
        }

        /** Whether the service knows its channel and complexity, so that a time limit runs. */
        boolean classified() {
            return CHANNELS.contains(channel) && COMPLEXITIES.contains(complexity);
        }

        /** Section 13's default time limit in calendar days; 0 for a complexity the service does not know. */
        int timeLimit() {
            return switch (complexity) {
                case "SIMPLE" -> 15;
                case "COMPLEX" -> 30;
                case "EXTENDED" -> 60;
                default -> 0;
            };
        }

        /** The day received in the service's zone plus the time limit. */
        LocalDate deadline(EvaluationDate dates) {
            return dates.dateOf(receivedAt).plusDays(timeLimit());
        }
    }
}
