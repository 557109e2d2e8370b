package io.decisioning.service.manager;

import static io.decisioning.service.ProblemAssertions.assertInvalid;
import static io.decisioning.service.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.Await;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.customer.CrmFixtures;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Contacts over real HTTP on the real database (DESIGN.md section 12): an account manager logs them for their own
 * customers (another's is 404, a date in the future 400), the CRM for any; a contact resolves the VISIT_OVERDUE
 * warning it answers through the event path; entitlements show in the assessment.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContactApiTests {

    static final String PASSWORD = "a long passphrase";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    ManagerBook book;
    String manager;
    String other;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        book = new ManagerBook(jdbc);
        manager = book.code(1);
        other = book.code(2);
        book.manager(manager, "SENIOR", 100, "ACTIVE");
        book.manager(other, "SENIOR", 100, "ACTIVE");
        user(manager, "ACCOUNT_MANAGER");
        user(other, "ACCOUNT_MANAGER");
    }

    private void user(String username, String role) {
        Response created = api.post("/api/v1/users", """
                {"username": "%s", "password": "%s", "roles": ["%s"], "branchCode": "%s"}"""
                .formatted(username, PASSWORD, role, book.branch), "admin");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private Response log(String customerNo, String body, String user) {
        return api.withPassword(PASSWORD).post("/api/v1/customers/" + customerNo + "/contacts", body, user);
    }

    /** A key account (PLATINUM) managed by {@link #manager}. */
    private String platinum() {
        long id = book.person(null, manager);
        LocalDate d = CrmFixtures.today();
        book.crm.policy(id, "ACTIVE", d.minusMonths(1), d.plusMonths(11), "900000.00");
        return book.customerNo(id);
    }

    private List<String> openWarnings(String customerNo) {
        return jdbc.sql("""
                        SELECT w.type FROM warning w JOIN customer c ON c.id = w.customer_id
                         WHERE c.customer_no = :no AND w.status IN ('OPEN', 'ACKNOWLEDGED')""")
                .param("no", customerNo).query(String.class).list();
    }

    @Test
    void aVisitLoggedByTheManagerResolvesTheOverdueVisitThroughTheEventPath() {
        String customerNo = platinum();
        JsonNode assessment = api.post("/api/v1/customers/" + customerNo + "/evaluate", null, "admin").json();
        assertThat(assessment.get("tier").asString()).isEqualTo("PLATINUM");
        assertThat(assessment.get("entitlements").valueStream().map(JsonNode::asString)).containsExactly(
                "DEDICATED_MANAGER", "FAST_ONSITE_SURVEY", "GREEN_CHANNEL_CLAIMS", "RENEWAL_REMINDER", "ANNUAL_RISK_REVIEW");
        assertThat(assessment.get("profile").get("managerStatus").asString()).isEqualTo("ACTIVE");
        assertThat(assessment.get("profile").get("daysSinceLastVisit").isNull()).isTrue();
        assertThat(openWarnings(customerNo)).contains("VISIT_OVERDUE").doesNotContain("NO_ACCOUNT_MANAGER");

        // the first second of the service's today: never in the future, and a visit today whatever the hour of the run
        Response logged = log(customerNo, """
                {"kind": "VISIT", "occurredAt": "%s", "note": "上门拜访"}""".formatted(
                CrmFixtures.today().atStartOfDay().atOffset(ZoneOffset.ofHours(8)).plusSeconds(1)), manager);

        assertThat(logged.status()).as(logged.body()).isEqualTo(201);
        assertThat(logged.json().get("by").asString()).isEqualTo(manager);
        assertThat(logged.json().get("kind").asString()).isEqualTo("VISIT");
        long stored = System.nanoTime();
        Await.until(Duration.ofSeconds(10), () -> !openWarnings(customerNo).contains("VISIT_OVERDUE"));
        System.out.printf("VISIT_OVERDUE resolved %d ms after the contact was stored%n", (System.nanoTime() - stored) / 1_000_000);
        JsonNode after = api.getJson("/api/v1/customers/" + customerNo + "/assessment", "admin");
        assertThat(after.get("profile").get("daysSinceLastVisit").asInt()).isZero();
        assertThat(after.get("trigger").asString()).isEqualTo("EVENT");
        JsonNode contacts = api.getJson("/api/v1/customers/" + customerNo + "/contacts", "underwriter");
        assertThat(contacts.valueStream().map(c -> c.get("note").asString())).containsExactly("上门拜访");
    }

    @Test
    void aManagerAssignedResolvesTheMissingManagerThroughTheEventPath() {
        long id = book.person(null, null);
        LocalDate d = CrmFixtures.today();
        book.crm.policy(id, "ACTIVE", d.minusMonths(1), d.plusMonths(11), "900000.00");
        String customerNo = book.customerNo(id);
        api.post("/api/v1/customers/" + customerNo + "/evaluate", null, "admin");
        assertThat(openWarnings(customerNo)).contains("NO_ACCOUNT_MANAGER");

        // the CRM applies an assignment and says so
        jdbc.sql("UPDATE customer SET account_manager = :m WHERE id = :id").param("m", manager).param("id", id).update();
        long posted = System.nanoTime();
        Response event = api.post("/api/v1/events", """
                {"eventId": "%s", "type": "CUSTOMER_UPDATED", "customerNo": "%s", "occurredAt": "%s"}""".formatted(
                "EV-" + java.util.UUID.randomUUID(), customerNo, OffsetDateTime.now(ZoneOffset.UTC)), "admin");
        assertThat(event.status()).as(event.body()).isEqualTo(202);

        Await.until(Duration.ofSeconds(10), () -> !openWarnings(customerNo).contains("NO_ACCOUNT_MANAGER"));
        System.out.printf("NO_ACCOUNT_MANAGER resolved %d ms after the CRM's event%n", (System.nanoTime() - posted) / 1_000_000);
        assertThat(api.getJson("/api/v1/customers/" + customerNo + "/assessment", "admin").get("profile")
                .get("managerStatus").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void anotherManagersCustomerIsNotFoundAndNothingIsStored() {
        String customerNo = platinum();
        Response refused = log(customerNo, """
                {"kind": "PHONE", "occurredAt": "2026-01-05T10:00:00+08:00"}""", other);

        assertProblem(refused, 404);
        assertProblem(api.withPassword(PASSWORD).get("/api/v1/customers/" + customerNo + "/contacts", other), 404);
        assertThat(contactsOf(customerNo)).isZero();
        assertProblem(log("NO-SUCH-CUSTOMER", """
                {"kind": "PHONE", "occurredAt": "2026-01-05T10:00:00+08:00"}""", manager), 404);
    }

    @Test
    void badContactsAreRefusedNamingTheField() {
        String customerNo = platinum();
        assertInvalid(log(customerNo, """
                {"kind": "VISIT", "occurredAt": "%s"}""".formatted(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)), manager),
                "occurredAt");
        assertInvalid(log(customerNo, """
                {"kind": "SURVEY", "occurredAt": "2026-01-05T10:00:00+08:00"}""", manager), "satisfaction");
        assertInvalid(log(customerNo, """
                {"kind": "SURVEY", "occurredAt": "2026-01-05T10:00:00+08:00", "satisfaction": 6}""", manager), "satisfaction");
        assertInvalid(log(customerNo, """
                {"kind": "PHONE", "occurredAt": "2026-01-05T10:00:00+08:00", "satisfaction": 4}""", manager), "satisfaction");
        assertInvalid(log(customerNo, """
                {"kind": "LUNCH", "occurredAt": "2026-01-05T10:00:00+08:00"}""", manager), "kind");
        assertInvalid(log(customerNo, """
                {"kind": "PHONE"}""", manager), "occurredAt");
        assertThat(contactsOf(customerNo)).isZero();

        Response survey = log(customerNo, """
                {"kind": "SURVEY", "occurredAt": "2026-01-05T10:00:00+08:00", "satisfaction": 5}""", manager);
        assertThat(survey.status()).as(survey.body()).isEqualTo(201);
        assertThat(survey.json().get("satisfaction").asInt()).isEqualTo(5);
    }

    @Test
    void theCrmPostsContactsForAnyCustomerAndUnderwritersCannotLogThem() {
        String customerNo = platinum();
        user("crm." + book.branch.toLowerCase(java.util.Locale.ROOT), "INTEGRATION");
        Response posted = log(customerNo, """
                {"kind": "CARE", "occurredAt": "2026-01-05T10:00:00+08:00", "note": "生日贺卡"}""",
                "crm." + book.branch.toLowerCase(java.util.Locale.ROOT));
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertProblem(api.post("/api/v1/customers/" + customerNo + "/contacts", """
                {"kind": "CARE", "occurredAt": "2026-01-05T10:00:00+08:00"}""", "underwriter"), 403);
        assertThat(contactsOf(customerNo)).isEqualTo(1);
    }

    private long contactsOf(String customerNo) {
        return jdbc.sql("SELECT COUNT(*) FROM customer_contact WHERE customer_no = :no").param("no", customerNo)
                .query(Long.class).single();
    }
}
