package io.decisioning.service.duelist;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The due list checked against DESIGN.md section 11's wording computed apart: a book generated at random (seeded)
 * around a month's edges (instalments of every status on the days before, in and after the month, policies of every
 * status ending around it, instalments whose policy is another customer's, customers with and without assessments,
 * churn scores, reasons, parties and account managers), its list generated through the API, and the items compared
 * field by field with those a separate query of this test finds: "one item per DUE instalment with due_date in the
 * month and per ACTIVE policy with end_date in the month", with the customer's tier, churn score, account manager,
 * branch and reasons. The order is checked on its own: churn score descending (none last), amount descending, id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DueListIndependentSqlTests {

    private static final long SEED = Long.getLong("duelist.seed", System.nanoTime());
    private static final String[] POLICY_STATUSES = {"ACTIVE", "ACTIVE", "LAPSED", "CANCELLED", "EXPIRED"};
    private static final String[] INSTALMENT_STATUSES = {"DUE", "DUE", "PAID", "WAIVED", "CANCELLED"};
    private static final String[] TIERS = {"PLATINUM", "GOLD", "SILVER", "STANDARD", "RESTRICTED"};
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theListsItemsAreExactlyThoseTheSectionDescribesFieldByField() {
        Random random = new Random(SEED);
        YearMonth month = DueBook.monthsAhead(15);
        DueBook book = craft(new DueBook(jdbc), month, random);
        ApiClient api = new ApiClient(port);

        assertThat(api.post("/api/v1/due-lists/" + month, null, "admin").status()).isEqualTo(200);
        List<JsonNode> actual = new ArrayList<>();
        for (int page = 0; actual.size() % 500 == 0; page++) {
            List<JsonNode> items = api.getJson("/api/v1/due-lists/" + month + "?size=500&page=" + page + "&branch=" + book.branch,
                    "analyst").get("items").valueStream().toList();
            actual.addAll(items);
            if (items.isEmpty()) {
                break;
            }
        }
        List<Item> expected = expected(month, book.branch);

        String seed = "seed " + SEED + " (-Dduelist.seed=" + SEED + " replays it)";
        assertThat(expected).as("enough items to compare, " + seed).hasSizeGreaterThan(15);
        assertThat(actual.stream().map(DueListIndependentSqlTests::item).sorted(Item.CANONICAL).toList()).as(seed)
                .containsExactlyElementsOf(expected.stream().sorted(Item.CANONICAL).toList());
        assertThat(actual).as(seed).allSatisfy(item -> {
            assertThat(item.get("outcome").isNull()).isTrue();
            assertThat(item.get("outcomeNote").isNull()).isTrue();
        });
        assertThat(actual).as("the list's order, " + seed).isSortedAccordingTo(Comparator
                .comparing((JsonNode item) -> item.get("churnScore").isNull() ? null : item.get("churnScore").asInt(),
                        Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(item -> new BigDecimal(item.get("amount").asString()), Comparator.reverseOrder())
                .thenComparing(item -> item.get("id").asLong()));
    }

    /** Customers of the book's branch and sub-branch with policies, instalments and assessments around the month. */
    private static DueBook craft(DueBook book, YearMonth month, Random random) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        LocalDate[] days = {first.minusDays(1), first, first.plusDays(random.nextInt(27)), first.plusDays(random.nextInt(27)),
                last, last.plusDays(1), first.minusMonths(2), last.plusMonths(3)};
        List<Long> customers = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String branch = random.nextBoolean() ? book.branch : book.subBranch;
            String manager = random.nextInt(4) == 0 ? null : book.manager(random.nextInt(3));
            long customer = book.customer(branch, manager, "客户" + i);
            customers.add(customer);
            if (random.nextInt(5) > 0) {
                book.assessment(customer, TIERS[random.nextInt(TIERS.length)],
                        random.nextInt(4) == 0 ? null : random.nextInt(101),
                        random.nextInt(3) == 0 ? null : random.ints(random.nextInt(3), 0, 5)
                                .mapToObj(n -> List.of("2 missed payments in 12 months", "premium -35% on last year",
                                        "逾期 61 天", "1 policy lapsed in 24 months", "only 1 product line").get(n))
                                .toList());
            }
            if (random.nextInt(3) == 0) {
                book.party(customer, 800_000_000L + customer);
            }
        }
        for (long customer : customers) {
            for (int p = random.nextInt(4); p > 0; p--) {
                long policy = book.policy(customer, POLICY_STATUSES[random.nextInt(POLICY_STATUSES.length)],
                        days[random.nextInt(days.length)], amount(random));
                for (int n = random.nextInt(5); n > 0; n--) {
                    // now and then an instalment whose policy is another customer's: never listed
                    long payer = random.nextInt(10) == 0 ? customers.get(random.nextInt(customers.size())) : customer;
                    book.installment(policy, payer, n, days[random.nextInt(days.length)], amount(random),
                            INSTALMENT_STATUSES[random.nextInt(INSTALMENT_STATUSES.length)]);
                }
            }
        }
        return book;
    }

    private static String amount(Random random) {
        // few distinct amounts, so that the order's ties on churn score and amount come up
        return (random.nextInt(8) * 250 + 100) + "." + (random.nextBoolean() ? "00" : "50");
    }

    /** Section 11 in a query of its own, for the customers of {@code branch} and its sub-branches. */
    private List<Item> expected(YearMonth month, String branch) {
        return jdbc.sql("""
                        SELECT x.kind, c.customer_no, pm.party_no, x.policy_no, x.due_date, x.amount, a.tier, a.churn_score,
                               c.account_manager, c.branch_code, a.retention_reasons
                          FROM (SELECT 'INSTALLMENT' AS kind, d.customer_id, p.policy_no, d.due_date, d.amount
                                  FROM premium_due d
                                  JOIN policy p ON p.id = d.policy_id
                                 WHERE d.status = 'DUE' AND DATE_FORMAT(d.due_date, '%Y-%m') = :month
                                   AND p.customer_id = d.customer_id
                                UNION ALL
                                SELECT 'RENEWAL', p.customer_id, p.policy_no, p.end_date, p.premium
                                  FROM policy p
                                 WHERE p.status = 'ACTIVE' AND DATE_FORMAT(p.end_date, '%Y-%m') = :month) x
                          JOIN customer c ON c.id = x.customer_id
                          LEFT JOIN assessment a ON a.customer_id = c.id
                          LEFT JOIN party_member pm ON pm.customer_id = c.id
                         WHERE c.branch_code = :branch OR c.branch_code LIKE CONCAT(:branch, '-%')
                        """)
                .param("month", month.toString())
                .param("branch", branch)
                .query()
                .listOfRows()
                .stream()
                .map(DueListIndependentSqlTests::item)
                .toList();
    }

    private static Item item(Map<String, Object> row) {
        String reasons = (String) row.get("retention_reasons");
        return new Item((String) row.get("kind"), (String) row.get("customer_no"), number(row.get("party_no")),
                (String) row.get("policy_no"), row.get("due_date").toString(), ((BigDecimal) row.get("amount")).setScale(2),
                (String) row.get("tier"), number(row.get("churn_score")), (String) row.get("account_manager"),
                (String) row.get("branch_code"),
                reasons == null ? List.of() : List.of(JSON.readValue(reasons, String[].class)));
    }

    private static Item item(JsonNode item) {
        return new Item(item.get("kind").asString(), item.get("customerNo").asString(), text(item.get("partyNo")) == null ? null
                : item.get("partyNo").asLong(), item.get("policyNo").asString(), item.get("dueDate").asString(),
                new BigDecimal(item.get("amount").asString()).setScale(2), text(item.get("tier")),
                text(item.get("churnScore")) == null ? null : item.get("churnScore").asLong(), text(item.get("accountManager")),
                item.get("branchCode").asString(), item.get("reasons").valueStream().map(JsonNode::asString).toList());
    }

    private static @Nullable String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asString();
    }

    private static @Nullable Long number(@Nullable Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    /** The contract's fields of an item but its id and feedback. */
    record Item(String kind, String customerNo, @Nullable Long partyNo, String policyNo, String dueDate, BigDecimal amount,
                @Nullable String tier, @Nullable Long churnScore, @Nullable String accountManager, String branchCode,
                List<String> reasons) {

        static final Comparator<Item> CANONICAL = Comparator.comparing(Item::toString);
    }
}
