package io.decisioning.service.duelist;

import static io.decisioning.service.ProblemAssertions.assertInvalid;
import static io.decisioning.service.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The monthly due list (DESIGN.md section 11) over real HTTP on the real database: lists generated from crafted
 * instalments, policies and assessments, read with filters, within branch scope and by account managers, and the
 * feedback on their items. Each test reads the items of its own branch ({@link DueBook}), as a month's list holds
 * whatever else the shared database has for that month.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DueListApiTests {

    /** The contract's fields of an item, in the contract's order (DESIGN.md section 11). */
    static final List<String> ITEM_FIELDS = List.of("id", "customerNo", "partyNo", "policyNo", "kind", "dueDate", "amount",
            "tier", "churnScore", "accountManager", "branchCode", "reasons", "outcome", "outcomeNote");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    ApiClient api;
    DueBook book;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        book = new DueBook(jdbc);
    }

    /** A book of three customers around month {@code month}; see {@link #generationListsEachDueInstalment...}. */
    private Crafted craft(YearMonth month) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        Crafted c = new Crafted();
        c.gold = book.customer(book.subBranch, book.manager(1), "王小明");
        book.assessment(c.gold, "GOLD", 80, List.of("2 missed payments in 12 months", "premium -35% on last year"));
        book.party(c.gold, 900_000_000L + c.gold);
        long goldPolicy = book.policy(c.gold, "ACTIVE", month.plusMonths(6).atDay(10), "2400.00");
        c.goldPolicy = book.policyNo(goldPolicy);
        book.installment(goldPolicy, c.gold, 1, first, "1000.00", "DUE");
        book.installment(goldPolicy, c.gold, 2, last, "500.00", "DUE");
        book.installment(goldPolicy, c.gold, 3, first.minusDays(1), "100.00", "DUE");     // the month before
        book.installment(goldPolicy, c.gold, 4, last.plusDays(1), "100.00", "DUE");       // the month after
        book.installment(goldPolicy, c.gold, 5, first.plusDays(3), "100.00", "PAID");
        book.installment(goldPolicy, c.gold, 6, first.plusDays(4), "100.00", "WAIVED");
        book.installment(goldPolicy, c.gold, 7, first.plusDays(5), "100.00", "CANCELLED");

        c.standard = book.customer(book.branch, book.manager(2), "李四");
        book.assessment(c.standard, "STANDARD", null, null);
        long renewing = book.policy(c.standard, "ACTIVE", first.plusDays(14), "3000.00");
        c.renewingPolicy = book.policyNo(renewing);
        book.installment(renewing, c.standard, 12, first.plusDays(9), "250.00", "DUE");
        book.policy(c.standard, "LAPSED", first.plusDays(14), "9000.00");                // not ACTIVE
        book.policy(c.standard, "ACTIVE", last.plusDays(1), "9000.00");                   // ends the month after
        book.policy(c.standard, "ACTIVE", first.minusDays(1), "9000.00");                 // ends the month before

        c.unassessed = book.customer(book.branch, null, "赵六");
        long cancelled = book.policy(c.unassessed, "CANCELLED", month.plusMonths(3).atDay(1), "700.00");
        c.cancelledPolicy = book.policyNo(cancelled);
        book.installment(cancelled, c.unassessed, 3, first.plusDays(20), "700.00", "DUE");
        return c;
    }

    private static final class Crafted {
        long gold;
        long standard;
        long unassessed;
        String goldPolicy;
        String renewingPolicy;
        String cancelledPolicy;
    }

    @Test
    void generationListsEachDueInstalmentAndEachActivePolicyEndingInTheMonthWithTheAssessmentsTierChurnAndReasons() {
        YearMonth month = DueBook.monthsAhead(3);
        Crafted c = craft(month);

        Response generated = api.post("/api/v1/due-lists/" + month, null, "admin");

        assertThat(generated.status()).as(generated.body()).isEqualTo(200);
        assertThat(generated.json().get("month").asString()).isEqualTo(month.toString());
        assertThat(generated.json().get("generatedBy").asString()).isEqualTo("admin");
        assertThat(generated.json().get("installments").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(generated.json().get("renewals").asInt()).isGreaterThanOrEqualTo(1);

        JsonNode list = page(month, "branch=" + book.branch, "admin");
        assertThat(list.get("month").asString()).isEqualTo(month.toString());
        assertThat(list.get("generatedAt").asString()).isNotBlank();
        assertThat(list.get("total").asLong()).isEqualTo(5);
        assertThat(List.copyOf(list.propertyNames()).subList(0, 4)).containsExactly("month", "generatedAt", "items", "total");
        List<JsonNode> items = list.get("items").valueStream().toList();
        assertThat(items).allSatisfy(item -> assertThat(List.copyOf(item.propertyNames()).subList(0, ITEM_FIELDS.size()))
                .containsExactlyElementsOf(ITEM_FIELDS));
        // churn score descending, none last; then amount descending
        assertThat(items).extracting(item -> item.get("kind").asString() + " " + amount(item))
                .containsExactly("INSTALLMENT 1000.00", "INSTALLMENT 500.00", "RENEWAL 3000.00", "INSTALLMENT 700.00",
                        "INSTALLMENT 250.00");

        JsonNode goldFirst = items.get(0);
        assertThat(goldFirst.get("customerNo").asString()).isEqualTo(book.customerNo(c.gold));
        assertThat(goldFirst.get("partyNo").asLong()).isEqualTo(900_000_000L + c.gold);
        assertThat(goldFirst.get("policyNo").asString()).isEqualTo(c.goldPolicy);
        assertThat(goldFirst.get("dueDate").asString()).isEqualTo(month.atDay(1).toString());
        assertThat(goldFirst.get("tier").asString()).isEqualTo("GOLD");
        assertThat(goldFirst.get("churnScore").asInt()).isEqualTo(80);
        assertThat(goldFirst.get("accountManager").asString()).isEqualTo(book.manager(1));
        assertThat(goldFirst.get("branchCode").asString()).isEqualTo(book.subBranch);
        assertThat(goldFirst.get("reasons").valueStream().map(JsonNode::asString))
                .containsExactly("2 missed payments in 12 months", "premium -35% on last year");
        assertThat(goldFirst.get("outcome").isNull()).isTrue();
        assertThat(goldFirst.get("outcomeNote").isNull()).isTrue();
        assertThat(goldFirst.get("customerName").asString()).isEqualTo("王小明");
        assertThat(items.get(1).get("dueDate").asString()).isEqualTo(month.atEndOfMonth().toString());

        JsonNode renewal = items.get(2);
        assertThat(renewal.get("policyNo").asString()).isEqualTo(c.renewingPolicy);
        assertThat(renewal.get("dueDate").asString()).isEqualTo(month.atDay(15).toString());
        assertThat(renewal.get("tier").asString()).isEqualTo("STANDARD");
        assertThat(renewal.get("churnScore").isNull()).isTrue();
        assertThat(renewal.get("reasons").isArray()).isTrue();
        assertThat(renewal.get("reasons")).isEmpty();
        assertThat(renewal.get("partyNo").isNull()).isTrue();
        assertThat(renewal.get("branchCode").asString()).isEqualTo(book.branch);

        JsonNode unassessed = items.get(3);
        assertThat(unassessed.get("policyNo").asString()).isEqualTo(c.cancelledPolicy);
        assertThat(unassessed.get("tier").isNull()).isTrue();
        assertThat(unassessed.get("accountManager").isNull()).isTrue();
        assertThat(items.get(4).get("policyNo").asString()).isEqualTo(c.renewingPolicy);
        assertThat(items.get(4).get("kind").asString()).isEqualTo("INSTALLMENT");
    }

    @Test
    void theListIsFilteredByBranchAccountManagerAndKindAndPagedInItsOrder() {
        YearMonth month = DueBook.monthsAhead(4);
        craft(month);
        generate(month);

        List<Long> all = ids(page(month, "branch=" + book.branch, "analyst"));
        assertThat(all).hasSize(5);
        assertThat(ids(page(month, "branch=" + book.subBranch, "analyst"))).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(ids(page(month, "branch=" + book.branch + "&accountManager=" + book.manager(2), "analyst")))
                .containsExactly(all.get(2), all.get(4));
        assertThat(ids(page(month, "branch=" + book.branch + "&kind=RENEWAL", "analyst"))).containsExactly(all.get(2));
        assertThat(ids(page(month, "branch=" + book.branch + "&kind=INSTALLMENT&accountManager=" + book.manager(2), "analyst")))
                .containsExactly(all.get(4));
        assertThat(ids(page(month, "accountManager=" + book.manager(1), "analyst"))).containsExactlyElementsOf(all.subList(0, 2));

        JsonNode second = page(month, "branch=" + book.branch + "&size=2&page=1", "approver");
        assertThat(ids(second)).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(second.get("total").asLong()).isEqualTo(5);
        assertThat(ids(page(month, "branch=" + book.branch + "&size=2&page=3", "approver"))).isEmpty();
    }

    @Test
    void regeneratingKeepsTheFeedbackOnItemsStillDueRefreshesThemAndDropsTheOthers() {
        YearMonth month = DueBook.monthsAhead(5);
        Crafted c = craft(month);
        generate(month);
        List<JsonNode> before = page(month, "branch=" + book.branch, "admin").get("items").valueStream().toList();
        long kept = before.get(0).get("id").asLong();          // the gold customer's first instalment
        long paidSince = before.get(1).get("id").asLong();     // the gold customer's last instalment
        assertThat(outcome(month, kept, "PROMISED", "Pays on the 3rd", "approver").status()).isEqualTo(200);
        assertThat(outcome(month, paidSince, "CONTACTED", null, "approver").status()).isEqualTo(200);
        JsonNode promised = item(month, kept);

        jdbc.sql("UPDATE premium_due SET status = 'PAID' WHERE customer_id = :id AND installment_no = 2")
                .param("id", c.gold).update();
        book.assessment(c.gold, "SILVER", 95, List.of("3 missed payments in 12 months"));
        long newPolicy = book.policy(c.standard, "ACTIVE", month.plusMonths(8).atDay(1), "100.00");
        book.installment(newPolicy, c.standard, 1, month.atDay(2), "80.00", "DUE");
        Response regenerated = api.post("/api/v1/due-lists/" + month, null, "admin");
        assertThat(regenerated.status()).as(regenerated.body()).isEqualTo(200);

        List<JsonNode> after = page(month, "branch=" + book.branch, "admin").get("items").valueStream().toList();
        assertThat(after).extracting(item -> item.get("id").asLong()).doesNotContain(paidSince).contains(kept).hasSize(5);
        JsonNode refreshed = after.get(0);
        assertThat(refreshed.get("id").asLong()).isEqualTo(kept);
        assertThat(refreshed.get("outcome").asString()).isEqualTo("PROMISED");
        assertThat(refreshed.get("outcomeNote").asString()).isEqualTo("Pays on the 3rd");
        assertThat(refreshed.get("outcomeBy").asString()).isEqualTo("approver");
        assertThat(refreshed.get("outcomeAt").asString()).isEqualTo(promised.get("outcomeAt").asString());
        assertThat(refreshed.get("tier").asString()).isEqualTo("SILVER");
        assertThat(refreshed.get("churnScore").asInt()).isEqualTo(95);
        assertThat(refreshed.get("reasons").valueStream().map(JsonNode::asString)).containsExactly("3 missed payments in 12 months");
        assertThat(after).filteredOn(item -> amount(item).equals("80.00")).hasSize(1)
                .allSatisfy(item -> assertThat(item.get("outcome").isNull()).isTrue());
        assertThat(after).filteredOn(item -> item.get("id").asLong() != kept)
                .allSatisfy(item -> assertThat(item.get("outcome").isNull()).isTrue());
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE action = 'DUE_LIST_GENERATE' AND target_id = :month "
                        + "ORDER BY id DESC LIMIT 1")
                .param("month", month.toString()).query(String.class).single()).contains("\"dropped\":1");
    }

    @Test
    void anInstalmentWhosePolicyIsUnknownOrAnotherCustomersIsSkippedAndCountedNeverFailingTheRun() throws Exception {
        YearMonth month = DueBook.monthsAhead(6);
        long owner = book.customer(book.branch, null, "policy owner");
        long other = book.customer(book.branch, null, "someone else");
        long policy = book.policy(owner, "ACTIVE", month.plusMonths(5).atDay(1), "500.00");
        book.installment(policy, owner, 1, month.atDay(5), "50.00", "DUE");
        book.installment(policy, other, 2, month.atDay(6), "60.00", "DUE");     // the policy is another customer's
        long unknownPolicy = Long.MAX_VALUE - System.nanoTime() % 1_000_000_000L;
        long orphan;
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("SET foreign_key_checks = 0");
            statement.executeUpdate("INSERT INTO premium_due (policy_id, customer_id, installment_no, due_date, amount, status) "
                    + "VALUES (" + unknownPolicy + ", " + owner + ", 1, '" + month.atDay(7) + "', 70.00, 'DUE')");
            statement.execute("SET foreign_key_checks = 1");
            connection.commit();
        }
        orphan = jdbc.sql("SELECT id FROM premium_due WHERE policy_id = :policy").param("policy", unknownPolicy)
                .query(Long.class).single();
        try {
            Response generated = api.post("/api/v1/due-lists/" + month, null, "admin");

            assertThat(generated.status()).as(generated.body()).isEqualTo(200);
            assertThat(generated.json().get("skippedUnknownPolicy").asInt()).isEqualTo(skippedBySql(month)).isGreaterThanOrEqualTo(2);
            JsonNode list = page(month, "branch=" + book.branch, "admin");
            assertThat(list.get("items").valueStream().map(DueListApiTests::amount))
                    .containsExactly("50.00");
            assertThat(list.get("skippedUnknownPolicy").asInt()).isEqualTo(generated.json().get("skippedUnknownPolicy").asInt());
        } finally {
            jdbc.sql("DELETE FROM premium_due WHERE id = :id").param("id", orphan).update();
        }
    }

    /** The section's wording, counted apart: DUE instalments of the month without a policy of their own customer. */
    private int skippedBySql(YearMonth month) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM premium_due d
                          LEFT JOIN policy p ON p.id = d.policy_id
                         WHERE d.status = 'DUE' AND DATE_FORMAT(d.due_date, '%Y-%m') = :month
                           AND (p.id IS NULL OR p.customer_id <> d.customer_id)
                        """).param("month", month.toString()).query(Integer.class).single();
    }

    @Test
    void anAccountManagerSeesOnlyTheirOwnItemsAnswersForThemAndAnotherManagersItemIs404() {
        YearMonth month = DueBook.monthsAhead(7);
        craft(month);
        generate(month);
        List<JsonNode> all = page(month, "branch=" + book.branch, "admin").get("items").valueStream().toList();
        long own = all.get(0).get("id").asLong();
        long othersItem = all.get(2).get("id").asLong();
        String manager = DueBook.user(api, book.manager(1), book.branch, "ACCOUNT_MANAGER");
        ApiClient asManager = api.withPassword(DueBook.PASSWORD);

        JsonNode mine = asManager.getJson("/api/v1/due-lists/" + month, manager);
        assertThat(ids(mine)).containsExactly(own, all.get(1).get("id").asLong());
        assertThat(mine.get("total").asLong()).isEqualTo(2);
        assertThat(mine.get("items").get(0).get("phone").asString()).doesNotContain("*");
        assertThat(ids(asManager.getJson("/api/v1/due-lists/" + month + "?accountManager=" + book.manager(2), manager))).isEmpty();
        assertThat(all.get(0).get("phone").asString()).doesNotContain("*");        // an administrator's view
        assertThat(page(month, "branch=" + book.branch, "analyst").get("items").get(0).get("phone").asString())
                .startsWith("*******");                                             // an analyst only looks

        Response refused = asManager.post("/api/v1/due-lists/" + month + "/items/" + othersItem + "/outcome",
                "{\"outcome\": \"CONTACTED\"}", manager);
        assertProblem(refused, 404);
        assertThat(item(month, othersItem).get("outcome").isNull()).isTrue();
        Response answered = asManager.post("/api/v1/due-lists/" + month + "/items/" + own + "/outcome",
                "{\"outcome\": \"PAID\", \"note\": \"已缴费\"}", manager);
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().get("outcomeBy").asString()).isEqualTo(manager);
        assertThat(answered.json().get("outcomeNote").asString()).isEqualTo("已缴费");

        assertThat(asManager.post("/api/v1/due-lists/" + month, null, manager).status()).isEqualTo(403);
        assertThat(asManager.get("/api/v1/warnings", manager).status()).isEqualTo(403);
        assertThat(asManager.get("/api/v1/customers/" + all.get(0).get("customerNo").asString(), manager).status()).isEqualTo(403);
        JsonNode me = asManager.getJson("/api/v1/me", manager);
        assertThat(me.get("roles").valueStream().map(JsonNode::asString)).containsExactly("ACCOUNT_MANAGER");

        String elsewhere = DueBook.user(api, book.manager(1) + ".bj", "BJ", "ACCOUNT_MANAGER");
        jdbc.sql("UPDATE due_list_item SET account_manager = :m WHERE id = :id").param("m", elsewhere).param("id", own).update();
        assertThat(ids(asManager.getJson("/api/v1/due-lists/" + month, elsewhere))).as("outside their branch").isEmpty();
        assertProblem(asManager.post("/api/v1/due-lists/" + month + "/items/" + own + "/outcome",
                "{\"outcome\": \"PAID\"}", elsewhere), 404);
    }

    @Test
    void readersSeeAndApproversAnswerOnlyForItemsOfTheirBranchSubtree() {
        YearMonth month = DueBook.monthsAhead(8);
        craft(month);
        generate(month);
        List<Long> all = ids(page(month, "branch=" + book.branch, "admin"));
        ApiClient users = api.withPassword(DueBook.PASSWORD);
        String shenzhen = DueBook.user(api, "analyst." + book.subBranch.toLowerCase(), book.subBranch, "ANALYST");
        String whole = DueBook.user(api, "approver." + book.branch.toLowerCase(), book.branch, "APPROVER");
        String beijing = DueBook.user(api, "approver.bj." + book.branch.toLowerCase(), "BJ", "APPROVER");

        assertThat(ids(users.getJson("/api/v1/due-lists/" + month + "?size=500", shenzhen))).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(ids(users.getJson("/api/v1/due-lists/" + month + "?branch=" + book.branch, shenzhen)))
                .containsExactlyElementsOf(all.subList(0, 2));
        assertThat(ids(users.getJson("/api/v1/due-lists/" + month + "?branch=" + book.branch, whole))).containsExactlyElementsOf(all);
        assertThat(users.getJson("/api/v1/due-lists/" + month + "?branch=" + book.branch, beijing).get("total").asLong()).isZero();

        assertProblem(users.post("/api/v1/due-lists/" + month + "/items/" + all.get(0) + "/outcome",
                "{\"outcome\": \"REFUSED\"}", beijing), 404);
        assertThat(users.post("/api/v1/due-lists/" + month + "/items/" + all.get(0) + "/outcome",
                "{\"outcome\": \"REFUSED\"}", whole).status()).isEqualTo(200);
        assertThat(users.post("/api/v1/due-lists/" + month + "/items/" + all.get(0) + "/outcome",
                "{\"outcome\": \"REFUSED\"}", shenzhen).status()).as("analysts read, never answer").isEqualTo(403);
    }

    @Test
    void feedbackIsRecordedReturnedAndAuditedWithWhoWhatBeforeAndAfter() {
        YearMonth month = DueBook.monthsAhead(9);
        Crafted c = craft(month);
        generate(month);
        long id = ids(page(month, "branch=" + book.branch, "admin")).get(2);

        Response first = outcome(month, id, "UNREACHABLE", "  No answer twice  ", "approver");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode item = first.json();
        assertThat(item.get("id").asLong()).isEqualTo(id);
        assertThat(item.get("outcome").asString()).isEqualTo("UNREACHABLE");
        assertThat(item.get("outcomeNote").asString()).isEqualTo("No answer twice");
        assertThat(item.get("outcomeBy").asString()).isEqualTo("approver");
        assertThat(item.get("outcomeAt").asString()).isNotBlank();
        assertThat(item.get("policyNo").asString()).isEqualTo(c.renewingPolicy);
        assertThat(item(month, id)).isEqualTo(item);
        Response second = outcome(month, id, "PROMISED", null, "admin");
        assertThat(second.json().get("outcomeNote").isNull()).isTrue();

        List<Map<String, Object>> audit = jdbc.sql("""
                        SELECT actor, action, detail FROM audit_event
                         WHERE target_type = 'DUE_LIST_ITEM' AND target_id = :id ORDER BY id
                        """).param("id", Long.toString(id)).query().listOfRows();
        assertThat(audit).extracting(row -> row.get("action")).containsExactly("DUE_LIST_OUTCOME", "DUE_LIST_OUTCOME");
        assertThat(audit).extracting(row -> row.get("actor")).containsExactly("approver", "admin");
        assertThat((String) audit.get(0).get("detail")).contains("\"month\":\"" + month + "\"",
                "\"customerNo\":\"" + book.customerNo(c.standard) + "\"", "\"policyNo\":\"" + c.renewingPolicy + "\"",
                "\"kind\":\"RENEWAL\"", "\"from\":null", "\"to\":\"UNREACHABLE\"", "\"note\":\"No answer twice\"");
        assertThat((String) audit.get(1).get("detail")).contains("\"from\":\"UNREACHABLE\"", "\"fromNote\":\"No answer twice\"",
                "\"to\":\"PROMISED\"", "\"note\":null");
        assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE action = 'DUE_LIST_GENERATE' AND target_type = 'DUE_LIST' "
                + "AND target_id = :month").param("month", month.toString()).query(String.class).list()).contains("admin");
    }

    @Test
    void anOutcomeOutsideTheListOrMissingIs400NamingOutcomeAndANoteTooLongNamesNote() {
        YearMonth month = DueBook.monthsAhead(10);
        craft(month);
        generate(month);
        long id = ids(page(month, "branch=" + book.branch, "admin")).get(0);

        assertInvalid(outcome(month, id, "CALLED", null, "approver"), "outcome");
        assertInvalid(api.post(path(month, id), "{\"note\": \"hi\"}", "approver"), "outcome");
        assertInvalid(api.post(path(month, id), "{\"outcome\": null}", "approver"), "outcome");
        assertInvalid(api.post(path(month, id), "{\"outcome\": \"PAID\", \"note\": \"" + "x".repeat(1001) + "\"}", "approver"),
                "note");
        assertInvalid(api.post(path(month, id), "{\"outcome\": \"PAID\", \"by\": \"me\"}", "approver"), "by");
        assertThat(item(month, id).get("outcome").isNull()).isTrue();
        assertThat(api.post(path(month, id), "{\"outcome\": \"PAID\", \"note\": \"" + "x".repeat(1000) + "\"}", "approver")
                .status()).isEqualTo(200);
        assertProblem(api.post("/api/v1/due-lists/" + month + "/items/" + Long.MAX_VALUE + "/outcome",
                "{\"outcome\": \"PAID\"}", "admin"), 404);
        assertProblem(api.post("/api/v1/due-lists/" + month.plusMonths(1) + "/items/" + id + "/outcome",
                "{\"outcome\": \"PAID\"}", "admin"), 404);
    }

    @Test
    void aMonthThatIsNoMonthOrMoreThan24MonthsAwayIs400NamingMonthAndNothingIsStored() {
        YearMonth now = DueBook.monthsAhead(0);
        Map<String, Object> before = stored();
        for (String month : List.of("2027-13", "2027-00", "2027-1", "27-01", "202701", "2027-01-01", "january",
                now.plusMonths(25).toString(), now.minusMonths(25).toString())) {
            assertInvalid(api.get("/api/v1/due-lists/" + month, "analyst"), "month");
            assertInvalid(api.post("/api/v1/due-lists/" + month, null, "admin"), "month");
            assertInvalid(api.post("/api/v1/due-lists/" + month + "/items/1/outcome", "{\"outcome\": \"PAID\"}", "admin"),
                    "month");
        }
        assertThat(stored()).as("no list, lock, item, feedback or audit event").isEqualTo(before);
        assertThat(api.post("/api/v1/due-lists/" + now.plusMonths(24), null, "admin").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/due-lists/" + now.minusMonths(24), null, "admin").status()).isEqualTo(200);
    }

    @Test
    void aMonthNotGeneratedIs404AndBadFiltersAre400NamingThem() {
        YearMonth never = DueBook.monthsAhead(-23);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM due_list WHERE month = :m").param("m", never.toString())
                .query(Integer.class).single()).as("no test generates this month").isZero();

        Response missing = api.get("/api/v1/due-lists/" + never, "analyst");
        assertProblem(missing, 404);
        assertThat(missing.json().get("type").asString()).endsWith("/not-found");
        assertProblem(api.post("/api/v1/due-lists/" + never + "/items/1/outcome", "{\"outcome\": \"PAID\"}", "admin"), 404);

        YearMonth month = DueBook.monthsAhead(11);
        generate(month);
        assertInvalid(api.get("/api/v1/due-lists/" + month + "?kind=LAPSE", "analyst"), "kind");
        assertInvalid(api.get("/api/v1/due-lists/" + month + "?size=501", "analyst"), "size");
        assertInvalid(api.get("/api/v1/due-lists/" + month + "?size=0", "analyst"), "size");
        assertInvalid(api.get("/api/v1/due-lists/" + month + "?page=-1", "analyst"), "page");
        assertInvalid(api.get("/api/v1/due-lists/" + month + "?branch=GD%25", "analyst"), "branch");
        assertThat(api.get("/api/v1/due-lists/" + month + "?kind=RENEWAL&size=500", "analyst").status()).isEqualTo(200);
    }

    @Test
    void onlyTheirReadersReadDueListsAndOnlyAdministratorsGenerateThem() {
        YearMonth month = DueBook.monthsAhead(11);
        for (String user : List.of("underwriter", "auditor", "crm")) {
            assertThat(api.get("/api/v1/due-lists/" + month, user).status()).as(user).isEqualTo(403);
            assertThat(api.get("/api/v1/due-lists", user).status()).as(user).isEqualTo(403);
        }
        for (String user : List.of("underwriter", "analyst", "approver", "auditor")) {
            assertThat(api.post("/api/v1/due-lists/" + month, null, user).status()).as(user).isEqualTo(403);
        }
        for (String user : List.of("underwriter", "analyst", "auditor")) {
            assertThat(api.post("/api/v1/due-lists/" + month + "/items/1/outcome", "{\"outcome\": \"PAID\"}", user).status())
                    .as(user).isEqualTo(403);
        }
        assertThat(api.get("/api/v1/due-lists/" + month, null).status()).isEqualTo(401);
    }

    @Test
    void theGeneratedListsAreListedLatestMonthFirstWithTheirFigures() {
        YearMonth month = DueBook.monthsAhead(12);
        craft(month);
        JsonNode generated = api.post("/api/v1/due-lists/" + month, null, "admin").json();

        JsonNode lists = api.getJson("/api/v1/due-lists", "am.gdsz.03");
        List<String> months = lists.valueStream().map(list -> list.get("month").asString()).toList();
        assertThat(months).contains(month.toString()).isSortedAccordingTo((a, b) -> b.compareTo(a));
        JsonNode listed = lists.valueStream().filter(list -> list.get("month").asString().equals(month.toString())).findFirst()
                .orElseThrow();
        assertThat(listed).isEqualTo(generated);
        assertThat(listed.propertyNames()).containsExactly("month", "generatedAt", "generatedBy", "installments", "renewals",
                "skippedUnknownPolicy");
    }

    @Test
    void concurrentGenerationsOfOneMonthRunOneAfterAnotherAndKeepTheFeedback() throws Exception {
        YearMonth month = DueBook.monthsAhead(13);
        craft(month);
        generate(month);
        long id = ids(page(month, "branch=" + book.branch, "admin")).get(0);
        outcome(month, id, "CONTACTED", "first call", "approver");
        int generations = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();

        ExecutorService pool = Executors.newFixedThreadPool(generations);
        try {
            for (int i = 0; i < generations; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/v1/due-lists/" + month, null, "admin").status();
                }));
            }
            start.countDown();
            for (Future<Integer> status : statuses) {
                assertThat(status.get(120, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> details = jdbc.sql("SELECT detail FROM audit_event WHERE action = 'DUE_LIST_GENERATE' AND target_id = :m")
                .param("m", month.toString()).query(String.class).list();
        assertThat(details).hasSize(generations + 1);
        assertThat(details.stream().map(detail -> detail.replaceAll(".*\"generation\":(\\d+).*", "$1")).distinct())
                .as("each generation numbered after the one before").hasSize(generations + 1);
        JsonNode list = page(month, "branch=" + book.branch, "admin");
        assertThat(list.get("total").asLong()).isEqualTo(5);
        assertThat(list.get("items").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(list.get("items").get(0).get("outcomeNote").asString()).isEqualTo("first call");
    }

    /** What generations and feedback write: lists, month locks, items, feedback given, and their audit events. */
    private Map<String, Object> stored() {
        return jdbc.sql("""
                        SELECT (SELECT COUNT(*) FROM due_list) AS lists, (SELECT COUNT(*) FROM due_list_lock) AS locks,
                               (SELECT COUNT(*) FROM due_list_item) AS items,
                               (SELECT COUNT(*) FROM due_list_item WHERE outcome IS NOT NULL) AS feedback,
                               (SELECT COUNT(*) FROM audit_event WHERE action LIKE 'DUE!_LIST!_%' ESCAPE '!') AS audited
                        """).query().singleRow();
    }

    private void generate(YearMonth month) {
        Response generated = api.post("/api/v1/due-lists/" + month, null, "admin");
        assertThat(generated.status()).as(generated.body()).isEqualTo(200);
    }

    private JsonNode page(YearMonth month, String query, String user) {
        return api.getJson("/api/v1/due-lists/" + month + "?" + (query.contains("size=") ? "" : "size=500&") + query, user);
    }

    private JsonNode item(YearMonth month, long id) {
        return page(month, "branch=" + book.branch, "admin").get("items").valueStream()
                .filter(item -> item.get("id").asLong() == id).findFirst().orElseThrow();
    }

    private Response outcome(YearMonth month, long id, String outcome, String note, String user) {
        return api.post(path(month, id), note == null ? "{\"outcome\": \"%s\"}".formatted(outcome)
                : "{\"outcome\": \"%s\", \"note\": \"%s\"}".formatted(outcome, note), user);
    }

    private static String path(YearMonth month, long id) {
        return "/api/v1/due-lists/" + month + "/items/" + id + "/outcome";
    }

    /** An item's amount with its two decimals, however the client's JSON parser read the number. */
    static String amount(JsonNode item) {
        return new java.math.BigDecimal(item.get("amount").asString()).setScale(2).toPlainString();
    }

    static List<Long> ids(JsonNode page) {
        return page.get("items").valueStream().map(item -> item.get("id").asLong()).toList();
    }
}
