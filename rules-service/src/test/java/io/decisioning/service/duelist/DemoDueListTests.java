package io.decisioning.service.duelist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.assessment.EvaluationDate;
import io.decisioning.service.demo.DemoBooks;
import io.decisioning.service.demo.DemoData;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Next month's due list of the demo book, every item checked against DESIGN.md section 11 read apart in this test's
 * own SQL. The service starts as a newcomer's does, on an empty embedded database of its own, which it fills with the
 * demo book (10000 customers of the default seed, 3 in 100 entered a second time, as the README's demo does, so that
 * some parties have two records); a nightly run assesses the book; the list of the month after today's is generated
 * and read whole. Then, for each item: it is one of the month's DUE instalments or ACTIVE policies ending in it, with
 * its CRM fields; its tier is the customer's assessment's; its churn score is the default CHURN scorecard's points for
 * section 11's figures of the customer's party as of today (and its complaints in 12 months, section 13: the demo
 * book has complaints), computed here from the CRM tables; its reasons are the
 * sentences of the points given and of the retention warnings those figures raise. The demo schedules are dated from
 * the day the book is generated, so next month always has instalments and renewals.
 *
 * <p>Not for a shared database: the demo book is generated only into an empty CRM (so .ci/run leaves this class out
 * of its run against MariaDB 10.11, as it does the browser tests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rules.demo.data=10000", "rules.demo.duplicates=0.03"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDueListTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoData demoData;

    @Autowired
    EvaluationDate evaluationDate;

    LocalDate today;
    YearMonth month;
    JsonNode generated;
    List<JsonNode> items;

    @BeforeAll
    void assessTheDemoBookAndGenerateNextMonthsList() {
        assertThat(demoData.generatedAtStartup()).as("the demo book is generated into an empty CRM at start-up").isTrue();
        ApiClient api = new ApiClient(port);
        today = evaluationDate.today();
        month = YearMonth.from(today).plusMonths(1);
        DemoBooks.runTheNight(api);
        Response answer = api.post("/api/v1/due-lists/" + month, null, "admin");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        generated = answer.json();
        items = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<JsonNode> read = api.getJson("/api/v1/due-lists/" + month + "?size=500&page=" + page, "admin")
                    .get("items").valueStream().toList();
            items.addAll(read);
            if (read.size() < 500) {
                break;
            }
        }
        assumeTrue(evaluationDate.today().equals(today), "the day changed while the book was assessed and listed");
    }

    @Test
    void theListHoldsOneItemPerDueInstalmentAndPerActivePolicyEndingInTheMonthWithItsCrmFields() {
        Map<String, Item> expected = expectedItems().stream().collect(Collectors.toMap(Item::key, Function.identity()));
        Map<String, Item> actual = items.stream().map(DemoDueListTests::item)
                .collect(Collectors.toMap(Item::key, Function.identity()));

        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        List<String> disagreements = new ArrayList<>();
        actual.forEach((key, item) -> {
            if (!item.equals(expected.get(key))) {
                disagreements.add("listed " + item + ", section 11 reads " + expected.get(key));
            }
        });
        assertThat(disagreements).isEmpty();

        long installments = actual.values().stream().filter(item -> item.kind().equals("INSTALLMENT")).count();
        long renewals = actual.values().stream().filter(item -> item.kind().equals("RENEWAL")).count();
        assertThat(installments).as("instalments of " + month).isGreaterThan(100);
        assertThat(renewals).as("renewals of " + month).isGreaterThan(100);
        assertThat(generated.get("installments").asLong()).isEqualTo(installments);
        assertThat(generated.get("renewals").asLong()).isEqualTo(renewals);
        assertThat(generated.get("skippedUnknownPolicy").asLong()).isZero();
        assertThat(items).allSatisfy(item -> assertThat(item.get("outcome").isNull()).isTrue());
    }

    @Test
    void eachItemsTierIsItsCustomersAssessmentsAndItsChurnScoreAndReasonsThoseOfItsPartysFiguresComputedApart() {
        Map<String, String> tiers = jdbc.sql("SELECT c.customer_no, a.tier FROM customer c JOIN assessment a ON a.customer_id = c.id")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, Figures> figures = figures();

        List<String> disagreements = new ArrayList<>();
        int parties = 0;
        int scored = 0;
        for (JsonNode item : items) {
            String customerNo = item.get("customerNo").asString();
            Figures f = figures.get(customerNo);
            String tier = tiers.get(customerNo);
            Integer churnScore = item.get("churnScore").isNull() ? null : item.get("churnScore").asInt();
            List<String> reasons = item.get("reasons").valueStream().map(JsonNode::asString).sorted().toList();
            List<String> expectedReasons = f.reasons(tier).stream().sorted().toList();
            if (tier == null || !tier.equals(item.get("tier").asString()) || churnScore == null
                    || churnScore != f.churnScore() || !reasons.equals(expectedReasons)) {
                disagreements.add(customerNo + " " + item.get("policyNo").asString() + ": listed tier " + item.get("tier")
                        + ", churn " + churnScore + ", reasons " + reasons + "; assessed tier " + tier + ", figures " + f
                        + " give churn " + f.churnScore() + ", reasons " + expectedReasons);
            }
            parties += f.records() > 1 ? 1 : 0;
            scored += f.churnScore() > 0 ? 1 : 0;
        }

        assertThat(disagreements).as("of " + items.size() + " items").isEmpty();
        assertThat(items).as("items checked").hasSizeGreaterThan(200);
        assertThat(parties).as("items of a party of several records").isPositive();
        assertThat(scored).as("items with churn points").isGreaterThan(items.size() / 10);
    }

    @Test
    void theListIsOrderedByChurnScoreThenAmountDescending() {
        assertThat(items).isSortedAccordingTo(Comparator
                .comparing((JsonNode item) -> item.get("churnScore").isNull() ? null : item.get("churnScore").asInt(),
                        Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(item -> new BigDecimal(item.get("amount").asString()), Comparator.reverseOrder()));
        assertThat(items.stream().map(item -> item.get("churnScore").asInt()).distinct().count())
                .as("churn scores to order by").isGreaterThan(3);
    }

    /** Runs the nightly evaluation of the whole book now and waits for it. */
    /**
     * Section 11's items of the month read apart: "one item per DUE instalment with due_date in the month (kind
     * INSTALLMENT) and per ACTIVE policy with end_date in the month (RENEWAL)", the amount the instalment's or the
     * policy's premium, with the customer's number, party, account manager and branch.
     */
    private List<Item> expectedItems() {
        return jdbc.sql("""
                        SELECT x.kind, c.customer_no, pm.party_no, x.policy_no, x.due_date, x.amount, c.account_manager,
                               c.branch_code
                          FROM (SELECT 'INSTALLMENT' AS kind, d.customer_id, p.policy_no, d.due_date, d.amount
                                  FROM premium_due d
                                  JOIN policy p ON p.id = d.policy_id
                                 WHERE d.status = 'DUE' AND YEAR(d.due_date) = :year AND MONTH(d.due_date) = :month
                                UNION ALL
                                SELECT 'RENEWAL', p.customer_id, p.policy_no, p.end_date, p.premium
                                  FROM policy p
                                 WHERE p.status = 'ACTIVE' AND YEAR(p.end_date) = :year AND MONTH(p.end_date) = :month) x
                          JOIN customer c ON c.id = x.customer_id
                          LEFT JOIN party_member pm ON pm.customer_id = c.id
                        """)
                .param("year", month.getYear())
                .param("month", month.getMonthValue())
                .query((rs, row) -> new Item(rs.getString("kind"), rs.getString("customer_no"),
                        rs.getObject("party_no", Long.class), rs.getString("policy_no"),
                        rs.getObject("due_date", LocalDate.class).toString(), rs.getBigDecimal("amount").setScale(2),
                        rs.getString("account_manager"), rs.getString("branch_code")))
                .list();
    }

    /**
     * Section 11's figures as of today for every customer, each over the customer's party (its record alone when it
     * has no party), with tenure and product lines in force of section 4, by customer number.
     */
    private Map<String, Figures> figures() {
        Map<String, Figures> figures = new HashMap<>();
        jdbc.sql("""
                        WITH member AS (
                            SELECT c.id AS customer_id, c.customer_no, COALESCE(pm.party_no, -c.id) AS party
                              FROM customer c
                              LEFT JOIN party_member pm ON pm.customer_id = c.id
                        ),
                        parties AS (
                            SELECT party, COUNT(*) AS records FROM member GROUP BY party
                        ),
                        instalments AS (
                            SELECT m.party,
                                   SUM(d.status = 'DUE' AND d.due_date < :d) AS overdue_installments,
                                   MAX(CASE WHEN d.status = 'DUE' AND d.due_date < :d THEN DATEDIFF(:d, d.due_date) END)
                                       AS max_days_overdue,
                                   MIN(CASE WHEN d.status = 'DUE' AND d.due_date >= :d THEN DATEDIFF(d.due_date, :d) END)
                                       AS next_due_days,
                                   SUM(d.due_date > DATE_SUB(:d, INTERVAL 12 MONTH) AND d.due_date <= DATE_SUB(:d, INTERVAL 30 DAY)
                                       AND (d.status = 'DUE' OR d.status = 'PAID' AND DATEDIFF(d.paid_at, d.due_date) > 30))
                                       AS missed_payments_12m
                              FROM premium_due d
                              JOIN member m ON m.customer_id = d.customer_id
                             GROUP BY m.party
                        ),
                        policies AS (
                            SELECT m.party,
                                   SUM(CASE WHEN p.status = 'ACTIVE' AND p.start_date <= :d AND p.end_date > :d
                                            THEN p.premium ELSE 0 END) AS annual_premium,
                                   SUM(CASE WHEN p.status <> 'CANCELLED' AND p.start_date <= DATE_SUB(:d, INTERVAL 1 YEAR)
                                                 AND p.end_date > DATE_SUB(:d, INTERVAL 1 YEAR)
                                            THEN p.premium ELSE 0 END) AS premium_year_ago,
                                   COUNT(DISTINCT CASE WHEN p.status = 'ACTIVE' AND p.start_date <= :d AND p.end_date > :d
                                                       THEN p.product_line END) AS product_lines,
                                   MIN(p.start_date) AS first_start,
                                   SUM(p.status = 'ACTIVE' AND p.end_date >= :d AND p.end_date <= DATE_ADD(:d, INTERVAL 60 DAY))
                                       AS renewals_due_60d,
                                   SUM(p.status = 'LAPSED' AND p.end_date > DATE_SUB(:d, INTERVAL 24 MONTH) AND p.end_date <= :d)
                                       AS lapsed_24m
                              FROM policy p
                              JOIN member m ON m.customer_id = p.customer_id
                             GROUP BY m.party
                        ),
                        claims AS (
                            SELECT m.party,
                                   SUM(k.status = 'DENIED' AND k.loss_date > DATE_SUB(:d, INTERVAL 12 MONTH) AND k.loss_date <= :d)
                                       AS denied_claims_12m
                              FROM claim k
                              JOIN member m ON m.customer_id = k.customer_id
                             GROUP BY m.party
                        ),
                        complaints AS (
                            SELECT m.party,
                                   SUM(DATE(k.received_at + INTERVAL :offset SECOND) > DATE_SUB(:d, INTERVAL 12 MONTH)
                                       AND DATE(k.received_at + INTERVAL :offset SECOND) <= :d
                                       AND k.status IN ('OPEN', 'DECIDED', 'CLOSED', 'WITHDRAWN')) AS complaints_12m
                              FROM complaint k
                              JOIN member m ON m.customer_id = k.customer_id
                             GROUP BY m.party
                        )
                        SELECT m.customer_no, n.records, i.overdue_installments, i.max_days_overdue, i.next_due_days,
                               i.missed_payments_12m, p.renewals_due_60d, p.lapsed_24m, p.annual_premium, p.premium_year_ago,
                               k.denied_claims_12m, p.first_start, p.product_lines, x.complaints_12m
                          FROM member m
                          JOIN parties n ON n.party = m.party
                          LEFT JOIN instalments i ON i.party = m.party
                          LEFT JOIN policies p ON p.party = m.party
                          LEFT JOIN claims k ON k.party = m.party
                          LEFT JOIN complaints x ON x.party = m.party
                        """)
                .param("d", today)
                .param("offset", evaluationDate.zone().getRules().getOffset(today.atStartOfDay()).getTotalSeconds())
                .query((RowCallbackHandler) rs -> {
                    LocalDate firstStart = rs.getObject("first_start", LocalDate.class);
                    figures.put(rs.getString("customer_no"), new Figures(rs.getInt("records"),
                            rs.getInt("overdue_installments"), rs.getInt("max_days_overdue"),
                            rs.getObject("next_due_days", Integer.class), rs.getInt("missed_payments_12m"),
                            rs.getInt("renewals_due_60d"), rs.getInt("lapsed_24m"), money(rs.getBigDecimal("annual_premium")),
                            money(rs.getBigDecimal("premium_year_ago")), rs.getInt("denied_claims_12m"),
                            firstStart == null ? 0 : Math.max(0, Period.between(firstStart, today).getYears()),
                            rs.getInt("product_lines"), rs.getInt("complaints_12m")));
                });
        return figures;
    }

    private static BigDecimal money(@Nullable BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }

    private static Item item(JsonNode item) {
        return new Item(item.get("kind").asString(), item.get("customerNo").asString(),
                item.get("partyNo").isNull() ? null : item.get("partyNo").asLong(), item.get("policyNo").asString(),
                item.get("dueDate").asString(), new BigDecimal(item.get("amount").asString()).setScale(2),
                item.get("accountManager").isNull() ? null : item.get("accountManager").asString(),
                item.get("branchCode").asString());
    }

    /** An item's fields that come from the CRM. */
    record Item(String kind, String customerNo, @Nullable Long partyNo, String policyNo, String dueDate, BigDecimal amount,
                @Nullable String accountManager, String branchCode) {

        /** What an item is of: an instalment (its policy and due date) or a renewal (its policy). */
        String key() {
            return kind + " " + policyNo + " " + dueDate;
        }
    }

    /**
     * Section 11's figures of a party as of today, with the section 4 features the CHURN scorecard reads: tenure in
     * whole years and the product lines in force; and section 13's complaints received in 12 months (the demo book's CRM
     * keeps complaints), of a status the service knows, each on its day in the service's zone.
     */
    record Figures(int records, int overdueInstallments, int maxDaysOverdue, @Nullable Integer nextDueDays,
                   int missedPayments12m, int renewalsDue60d, int lapsed24m, BigDecimal annualPremium,
                   BigDecimal premiumYearAgo, int deniedClaims12m, int tenureYears, int productLines,
                   int complaints12m) {

        /** premiumChangePct <= -30, exactly: 100 * (annualPremium - P) / P <= -30 is 10 * annualPremium <= 7 * P. */
        boolean premiumDown30() {
            return premiumYearAgo.signum() > 0
                    && annualPremium.multiply(BigDecimal.TEN).compareTo(premiumYearAgo.multiply(BigDecimal.valueOf(7))) <= 0;
        }

        /** The default CHURN scorecard of sections 11 and 13, clamped to 0-100. */
        int churnScore() {
            int points = 0;
            points += missedPayments12m == 1 ? 15 : missedPayments12m >= 2 ? 30 : 0;
            points += maxDaysOverdue >= 1 ? 20 : 0;
            points += premiumDown30() ? 15 : 0;
            points += tenureYears < 1 ? 10 : tenureYears <= 2 ? 5 : 0;
            points += productLines <= 1 ? 10 : 0;
            points += lapsed24m >= 1 ? 15 : 0;
            points += deniedClaims12m >= 1 ? 10 : 0;
            points += complaints12m >= 1 ? 10 : 0;
            return Math.min(100, points);
        }

        /**
         * What a salesperson reads: the sentence of each scorecard bin that gave points (the default pack's wording),
         * then the messages of the RETENTION warnings of section 11 the figures raise for a customer of this tier.
         */
        List<String> reasons(@Nullable String tier) {
            List<String> reasons = new ArrayList<>();
            if (missedPayments12m == 1) {
                reasons.add("1 missed payment in 12 months");
            } else if (missedPayments12m >= 2) {
                reasons.add(missedPayments12m + " missed payments in 12 months");
            }
            if (maxDaysOverdue >= 1) {
                reasons.add("instalments overdue: " + overdueInstallments + ", the oldest " + maxDaysOverdue + " days");
            }
            if (premiumDown30()) {
                reasons.add("premium " + premiumChangePct() + "% on last year");
            }
            if (tenureYears < 1) {
                reasons.add("a customer for less than a year");
            } else if (tenureYears <= 2) {
                reasons.add("tenure under 3 years: " + tenureYears);
            }
            if (productLines <= 1) {
                reasons.add("product lines in force: " + productLines);
            }
            if (lapsed24m >= 1) {
                reasons.add("policies lapsed in 24 months: " + lapsed24m);
            }
            if (deniedClaims12m >= 1) {
                reasons.add("claims denied in 12 months: " + deniedClaims12m);
            }
            if (complaints12m >= 1) {
                reasons.add("complaints received in 12 months: " + complaints12m);
            }
            if (maxDaysOverdue >= 1 && maxDaysOverdue <= 60) {
                reasons.add("premium " + maxDaysOverdue + " days overdue, within the 60 days of grace");
            } else if (maxDaysOverdue > 60) {
                reasons.add("premium " + maxDaysOverdue + " days overdue: past the 60 days of grace, the policy is suspended");
            }
            boolean paymentComing = nextDueDays != null && nextDueDays <= 60;
            if (churnScore() >= 50 && (paymentComing || renewalsDue60d >= 1)) {
                List<String> why = new ArrayList<>();
                if (paymentComing) {
                    why.add("next instalment due in " + nextDueDays + " days <= 60");
                }
                if (renewalsDue60d >= 1) {
                    why.add(renewalsDue60d + " policies to renew within 60 days >= 1");
                }
                reasons.add(String.join("; ", why));
            }
            if (("PLATINUM".equals(tier) || "GOLD".equals(tier)) && renewalsDue60d >= 1) {
                reasons.add("policies to renew within 60 days: " + renewalsDue60d);
            }
            return reasons;
        }

        /** The premium change on last year as a reason shows it: to one decimal, "-35" or "-35.4". */
        private String premiumChangePct() {
            return annualPremium.subtract(premiumYearAgo).multiply(BigDecimal.valueOf(100))
                    .divide(premiumYearAgo, 1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        }
    }
}
