package io.decisioning.service.manager;

import static io.decisioning.service.ProblemAssertions.assertConflict;
import static io.decisioning.service.ProblemAssertions.assertInvalid;
import static io.decisioning.service.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The register of account managers over real HTTP on the real database (DESIGN.md section 12): administrators add and
 * change managers, bad input is refused naming the field and stores nothing, readers see their branch's managers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountManagerApiTests {

    static final List<String> FIELDS = List.of("code", "name", "branchCode", "level", "capacity", "status", "qualifiedUntil");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    ManagerBook book;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        book = new ManagerBook(jdbc);
        book.person(null, null);   // the branch is one the CRM knows
    }

    private String body(String code, String branch, String level, int capacity, String status) {
        return """
                {"code": "%s", "name": "王经理", "branchCode": "%s", "level": "%s", "capacity": %d, "status": "%s",
                 "qualifiedUntil": "2027-06-30"}""".formatted(code, branch, level, capacity, status);
    }

    private long stored(String code) {
        return jdbc.sql("SELECT COUNT(*) FROM account_manager WHERE code = :code").param("code", code).query(Long.class).single();
    }

    @Test
    void anAdministratorAddsAManagerWithTheContractsFieldsAndChangesThem() {
        String code = book.code(1);
        long managed = book.person(null, code);

        Response added = api.post("/api/v1/account-managers", body(code, book.branch, "SENIOR", 120, "ACTIVE"), "admin");

        assertThat(added.status()).as(added.body()).isEqualTo(201);
        JsonNode manager = added.json();
        assertThat(List.copyOf(manager.propertyNames())).containsAll(FIELDS);
        assertThat(manager.get("level").asString()).isEqualTo("SENIOR");
        assertThat(manager.get("capacity").asInt()).isEqualTo(120);
        assertThat(manager.get("qualifiedUntil").asString()).isEqualTo("2027-06-30");
        assertThat(manager.get("customers").asLong()).isEqualTo(1);
        assertThat(api.getJson("/api/v1/account-managers/" + code, "analyst").get("name").asString()).isEqualTo("王经理");
        assertThat(api.getJson("/api/v1/account-managers?branch=" + book.branch, "approver").valueStream()
                .map(m -> m.get("code").asString())).containsExactly(code);

        Response changed = api.put("/api/v1/account-managers/" + code, """
                {"name": "王经理", "branchCode": "%s", "level": "PRINCIPAL", "capacity": 200, "status": "ON_LEAVE"}"""
                .formatted(book.branch), "admin");

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("level").asString()).isEqualTo("PRINCIPAL");
        assertThat(changed.json().get("status").asString()).isEqualTo("ON_LEAVE");
        assertThat(changed.json().get("qualifiedUntil").isNull()).isTrue();
        // the change of status is the customer's to know: an ACCOUNT_MANAGER_CHANGED event queued for them
        assertThat(jdbc.sql("SELECT COUNT(*) FROM event_inbox WHERE customer_no = :no AND type = 'ACCOUNT_MANAGER_CHANGED'")
                .param("no", book.customerNo(managed)).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE target_type = 'ACCOUNT_MANAGER' AND target_id = :code")
                .param("code", code).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
        String code = book.code(2);
        assertInvalid(api.post("/api/v1/account-managers", body(code, book.branch, "SENIOR", -1, "ACTIVE"), "admin"), "capacity");
        assertInvalid(api.post("/api/v1/account-managers", body(code, book.branch, "BOSS", 10, "ACTIVE"), "admin"), "level");
        assertInvalid(api.post("/api/v1/account-managers", body(code, book.branch, "SENIOR", 10, "RETIRED"), "admin"), "status");
        assertInvalid(api.post("/api/v1/account-managers", body(code, book.branch + "-NOWHERE", "SENIOR", 10, "ACTIVE"),
                "admin"), "branchCode");
        assertInvalid(api.post("/api/v1/account-managers", body(code, "gd sz", "SENIOR", 10, "ACTIVE"), "admin"), "branchCode");
        assertInvalid(api.post("/api/v1/account-managers", """
                {"name": "王经理", "branchCode": "%s", "level": "SENIOR", "capacity": 10}""".formatted(book.branch), "admin"),
                "code");
        assertThat(stored(code)).isZero();

        assertThat(api.post("/api/v1/account-managers", body(code, book.branch, "SENIOR", 10, "ACTIVE"), "admin").status())
                .isEqualTo(201);
        assertConflict(api.post("/api/v1/account-managers", body(code, book.branch, "JUNIOR", 10, "ACTIVE"), "admin"));
        assertInvalid(api.put("/api/v1/account-managers/" + code, body(code, book.branch, "SENIOR", -5, "ACTIVE"), "admin"),
                "capacity");
        assertInvalid(api.put("/api/v1/account-managers/" + code, body(book.code(3), book.branch, "SENIOR", 5, "ACTIVE"),
                "admin"), "code");
        assertProblem(api.put("/api/v1/account-managers/" + book.code(4), body(book.code(4), book.branch, "SENIOR", 5,
                "ACTIVE"), "admin"), 404);
        assertThat(api.getJson("/api/v1/account-managers/" + code, "admin").get("capacity").asInt()).isEqualTo(10);
    }

    @Test
    void onlyAdministratorsKeepTheRegister() {
        String code = book.code(5);
        assertProblem(api.post("/api/v1/account-managers", body(code, book.branch, "SENIOR", 10, "ACTIVE"), "approver"), 403);
        assertProblem(api.post("/api/v1/account-managers", body(code, book.branch, "SENIOR", 10, "ACTIVE"), "underwriter"), 403);
        assertThat(stored(code)).isZero();
        assertProblem(api.get("/api/v1/account-managers", "auditor"), 403);
        assertProblem(api.get("/api/v1/account-managers", null), 401);
    }
}
