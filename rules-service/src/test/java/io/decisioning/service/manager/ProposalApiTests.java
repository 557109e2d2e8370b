package io.decisioning.service.manager;

import static io.decisioning.service.ProblemAssertions.assertConflict;
import static io.decisioning.service.ProblemAssertions.assertInvalid;
import static io.decisioning.service.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.export.Download;
import io.decisioning.service.system.Role;
import io.decisioning.service.system.UserAccount;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Assignment proposals on the real database (DESIGN.md section 12): what a nightly run proposes, a manager who leaves
 * (the whole book at once, open proposals to them withdrawn and proposed again), accepting, rejecting, the CRM applying
 * one, and the VIPs nobody can take.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProposalApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProposalService proposals;

    @Autowired
    TransactionTemplate tx;

    ApiClient api;
    ManagerBook book;
    LocalDate d;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        book = new ManagerBook(jdbc);
        d = CrmFixtures.today();
    }

    /** A customer of the book with this manager, evaluated: a key account (PLATINUM), else a STANDARD one. */
    private long customer(String manager, boolean platinum) {
        long id = book.person(null, manager);
        book.crm.policy(id, "ACTIVE", d.minusMonths(1), d.plusMonths(11), platinum ? "900000.00" : "1000.00");
        Response evaluated = api.post("/api/v1/customers/" + book.customerNo(id) + "/evaluate", null, "admin");
        assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(200);
        return id;
    }

    private List<Map<String, Object>> proposalsOf(long customerId) {
        return jdbc.sql("SELECT to_manager, reason, status, from_manager, note FROM assignment_proposal WHERE customer_id = :id ORDER BY id")
                .param("id", customerId).query().listOfRows();
    }

    private long pendingId(long customerId) {
        return jdbc.sql("SELECT id FROM assignment_proposal WHERE customer_id = :id AND status = 'PENDING'")
                .param("id", customerId).query(Long.class).single();
    }

    @Test
    void afterARunEachVipWithoutAnActiveManagerOfItsLevelIsProposedToOneWithRoomNeverOverCapacity() {
        book.manager(book.code(1), "SENIOR", 1, "ACTIVE");      // room for one
        book.manager(book.code(2), "PRINCIPAL", 10, "ACTIVE");  // room for ten
        book.manager(book.code(5), "PRINCIPAL", 0, "ACTIVE");   // no room at all
        book.manager(book.code(3), "JUNIOR", 50, "ACTIVE");     // too junior for a PLATINUM customer
        book.manager(book.code(4), "SENIOR", 50, "ON_LEAVE");
        long noManager = customer(null, true);
        long tooJunior = customer(book.code(3), true);
        long onLeave = customer(book.code(4), true);
        long standard = customer(null, false);                  // not a VIP: no proposal

        ProposalService.Plan plan = proposals.proposeForBook();

        assertThat(plan.proposed()).isGreaterThanOrEqualTo(3);
        assertThat(proposalsOf(noManager)).singleElement().satisfies(p -> {
            assertThat(p.get("reason")).isEqualTo("NO_MANAGER");
            assertThat(p.get("status")).isEqualTo("PENDING");
        });
        assertThat(proposalsOf(tooJunior)).singleElement().satisfies(p -> {
            assertThat(p.get("reason")).isEqualTo("LEVEL_TOO_LOW");
            assertThat(p.get("from_manager")).isEqualTo(book.code(3));
        });
        assertThat(proposalsOf(onLeave)).singleElement().satisfies(p -> assertThat(p.get("reason")).isEqualTo("NO_MANAGER"));
        assertThat(proposalsOf(standard)).isEmpty();
        // the most free capacity first, never over capacity: all three to the principal with room for ten
        assertThat(List.of(noManager, tooJunior, onLeave)).allSatisfy(c ->
                assertThat(proposalsOf(c).get(0).get("to_manager")).isEqualTo(book.code(2)));
        // a second planning proposes nothing again for them
        proposals.proposeForBook();
        assertThat(proposalsOf(noManager)).hasSize(1);
    }

    @Test
    void approversAcceptOrRejectAPendingProposalAndTheCrmAppliesIt() {
        book.manager(book.code(1), "SENIOR", 10, "ACTIVE");
        long a = customer(null, true);
        long b = customer(null, true);
        proposals.proposeForBook();

        Response accepted = api.post("/api/v1/assignment-proposals/" + pendingId(a) + "/accept", null, "approver");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.json().get("toManager").asString()).isEqualTo(book.code(1));
        long rejectedId = pendingId(b);
        Response rejected = api.post("/api/v1/assignment-proposals/" + rejectedId + "/reject", """
                {"note": "客户要求换人"}""", "admin");
        assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
        assertConflict(api.post("/api/v1/assignment-proposals/" + rejectedId + "/accept", null, "admin"));
        assertProblem(api.post("/api/v1/assignment-proposals/" + rejectedId + "/accept", null, "analyst"), 403);
        assertProblem(api.post("/api/v1/assignment-proposals/999999999/accept", null, "admin"), 404);

        // the CRM applies the accepted one: APPLIED at the next planning
        jdbc.sql("UPDATE customer SET account_manager = :m WHERE id = :id").param("m", book.code(1)).param("id", a).update();
        proposals.proposeForBook();
        assertThat(proposalsOf(a)).singleElement().satisfies(p -> assertThat(p.get("status")).isEqualTo("APPLIED"));
        // the rejected one's manager is not proposed again for that customer (another may be: the shared database's
        // head-office managers serve every branch)
        assertThat(proposalsOf(b)).filteredOn(p -> "PENDING".equals(p.get("status")))
                .allSatisfy(p -> assertThat(p.get("to_manager")).isNotEqualTo(book.code(1)));
        // with nobody else possible (every other manager away, in a transaction rolled back) the customer is unplaced
        tx.executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.sql("DELETE FROM assignment_proposal WHERE customer_id = :id AND status = 'PENDING'").param("id", b).update();
            jdbc.sql("UPDATE account_manager SET status = 'ON_LEAVE' WHERE code <> :m").param("m", book.code(1)).update();
            proposals.proposeForBook();
            assertThat(proposalsOf(b)).extracting(p -> p.get("status")).containsExactly("REJECTED");
            assertThat(proposals.unplaced(new UserAccount("approver", "", Set.of(Role.APPROVER), "HQ")))
                    .extracting(ProposalService.Unplaced::customerNo).contains(book.customerNo(b));
        });
        JsonNode unplaced = api.getJson("/api/v1/assignment-proposals/unplaced", "approver");
        assertThat(unplaced.isArray()).isTrue();
        JsonNode page = api.getJson("/api/v1/assignment-proposals?status=APPLIED&size=200", "admin");
        assertThat(page.get("items").valueStream().map(p -> p.get("customerNo").asString())).contains(book.customerNo(a));
    }

    @Test
    void aManagerWhoLeavesHasTheWholeBookProposedAtOnceAndTheProposalsToThemWithdrawn() {
        String leaving = book.code(1);
        book.manager(leaving, "SENIOR", 10, "ACTIVE");
        book.manager(book.code(2), "PRINCIPAL", 50, "ACTIVE");
        long vip = customer(leaving, true);
        long standard = customer(leaving, false);
        long waiting = customer(null, true);
        // a proposal to the leaving manager, pending: the register had only them with room for a moment
        jdbc.sql("""
                        INSERT INTO assignment_proposal (customer_id, customer_no, from_manager, to_manager, reason, status, created_at)
                        VALUES (:id, :no, NULL, :to, 'NO_MANAGER', 'PENDING', NOW(3))""")
                .param("id", waiting).param("no", book.customerNo(waiting)).param("to", leaving).update();

        // and many more, scattered (records far apart are read with an IN list rather than ranges of ids)
        List<Long> scattered = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long waitingToo = book.person(null, null);
            book.person(null, null);
            scattered.add(waitingToo);
            jdbc.sql("""
                            INSERT INTO assignment_proposal (customer_id, customer_no, from_manager, to_manager, reason, status, created_at)
                            VALUES (:id, :no, NULL, :to, 'NO_MANAGER', 'PENDING', NOW(3))""")
                    .param("id", waitingToo).param("no", book.customerNo(waitingToo)).param("to", leaving).update();
        }

        Response left = api.put("/api/v1/account-managers/" + leaving, """
                {"name": "张经理", "branchCode": "%s", "level": "SENIOR", "capacity": 10, "status": "LEFT"}"""
                .formatted(book.branch), "admin");

        assertThat(left.status()).as(left.body()).isEqualTo(200);
        for (long customer : List.of(vip, standard)) {
            assertThat(proposalsOf(customer)).singleElement().satisfies(p -> {
                assertThat(p.get("reason")).isEqualTo("MANAGER_LEFT");
                assertThat(p.get("from_manager")).isEqualTo(leaving);
                assertThat(p.get("to_manager")).isEqualTo(book.code(2));
            });
        }
        assertThat(proposalsOf(waiting)).hasSize(2).satisfies(list -> {
            assertThat(list.get(0).get("status")).isEqualTo("REJECTED");
            assertThat(list.get(0).get("note")).isEqualTo("withdrawn: the manager left");
            assertThat(list.get(1).get("status")).isEqualTo("PENDING");
            assertThat(list.get(1).get("to_manager")).isEqualTo(book.code(2));
            assertThat(list.get(1).get("reason")).isEqualTo("NO_MANAGER");
        });
        assertThat(scattered).allSatisfy(customer -> assertThat(proposalsOf(customer)).extracting(p -> p.get("status"))
                .containsExactly("REJECTED", "PENDING"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment_proposal WHERE to_manager = :m AND status IN ('PENDING', 'ACCEPTED')")
                .param("m", leaving).query(Long.class).single()).as("never left pointing at them").isZero();
    }

    @Test
    void theUnplacedVipsOfTheCallersBranchExportAsTheJsonListHasThem() throws java.io.IOException {
        // a branch with one manager, too junior for a key account and full: both VIPs wait, the standard customer not
        book.manager(book.code(1), "JUNIOR", 0, "ACTIVE");
        long noManager = customer(null, true);
        long tooJunior = customer(book.code(1), true);
        customer(null, false);
        String approver = book.code(9);
        Response created = api.post("/api/v1/users", """
                {"username": "%s", "password": "a long passphrase", "roles": ["APPROVER"], "branchCode": "%s"}"""
                .formatted(approver, book.branch), "admin");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ApiClient branchApprover = api.withPassword("a long passphrase");

        JsonNode listed = branchApprover.getJson("/api/v1/assignment-proposals/unplaced", approver);
        assertThat(listed.valueStream().map(u -> u.get("customerNo").asString()))
                .containsExactly(book.customerNo(noManager), book.customerNo(tooJunior));

        ApiClient.Download csv = branchApprover.download("/api/v1/assignment-proposals/unplaced", "text/csv", approver);
        assertThat(csv.status()).as(csv.text()).isEqualTo(200);
        assertThat(csv.contentDisposition()).contains("unplaced-vips.csv");
        assertThat(csv.body()).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(csv.text().lines().toList()).containsExactly(
                "\uFEFFcustomerNo,branchCode,tier,accountManager,reason",
                book.customerNo(noManager) + "," + book.branch + ",PLATINUM,,NO_MANAGER",
                book.customerNo(tooJunior) + "," + book.branch + ",PLATINUM," + book.code(1) + ",LEVEL_TOO_LOW");

        ApiClient.Download xlsx = branchApprover.download("/api/v1/assignment-proposals/unplaced", Download.XLSX, approver);
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.contentDisposition()).contains("unplaced-vips.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("reason");
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo(book.customerNo(tooJunior));
            assertThat(sheet.getRow(2).getCell(3).getStringCellValue()).isEqualTo(book.code(1));
            assertThat(sheet.getRow(2).getCell(4).getStringCellValue()).isEqualTo("LEVEL_TOO_LOW");
        }
        // the roles that may not read the list may not export it either
        assertProblem(api.get("/api/v1/assignment-proposals/unplaced", "underwriter"), 403);

        // a principal with room joins the branch: the next planning proposes both, and the queue exports as listed
        book.manager(book.code(2), "PRINCIPAL", 10, "ACTIVE");
        proposals.proposeForBook();
        JsonNode queue = branchApprover.getJson("/api/v1/assignment-proposals?status=PENDING", approver);
        assertThat(queue.get("total").asLong()).isEqualTo(2);
        ApiClient.Download proposalsCsv = branchApprover.download("/api/v1/assignment-proposals?status=PENDING", "text/csv",
                approver);
        assertThat(proposalsCsv.status()).as(proposalsCsv.text()).isEqualTo(200);
        assertThat(proposalsCsv.contentDisposition()).contains("assignment-proposals.csv");
        List<String> lines = proposalsCsv.text().lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFFid,customerNo,fromManager,toManager,reason,status,createdAt,decidedBy,"
                + "decidedAt,note,branchCode");
        assertThat(lines.subList(1, lines.size())).as("newest first, as the JSON list").containsExactly(
                queue.get("items").get(0).get("id").asLong() + "," + book.customerNo(tooJunior) + "," + book.code(1) + ","
                        + book.code(2) + ",LEVEL_TOO_LOW,PENDING," + queue.get("items").get(0).get("createdAt").asString()
                        + ",,,," + book.branch,
                queue.get("items").get(1).get("id").asLong() + "," + book.customerNo(noManager) + ",," + book.code(2)
                        + ",NO_MANAGER,PENDING," + queue.get("items").get(1).get("createdAt").asString() + ",,,," + book.branch);
        assertThat(branchApprover.download("/api/v1/assignment-proposals?status=APPLIED", "text/csv", approver).text()
                .lines()).as("a header and nothing else").hasSize(1);
        ApiClient.Download refused = branchApprover.download("/api/v1/assignment-proposals?status=WAITING", "text/csv", approver);
        assertInvalid(new Response(refused.status(), refused.contentType(), refused.text()), "status");
    }
}
