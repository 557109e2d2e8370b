package io.decisioning.service.identity;

import static io.decisioning.service.ProblemAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.customer.CrmFixtures;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import tools.jackson.databind.JsonNode;

/**
 * The unified view of a party over real HTTP on the real database: {@code GET /api/v1/customers/{customerNo}/party/policies}
 * lists the policies and claims of every record of the customer's party that the caller's branch may see.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PartyPoliciesApiTests {

    private static final String PASSWORD = "branch office secret";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    CrmFixtures crm;
    LocalDate birth;
    String name;
    String residentId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        crm = new CrmFixtures(jdbc);
        birth = LocalDate.of(1950 + ThreadLocalRandom.current().nextInt(40), 5, 11);
        name = "客" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String first17 = "4403%02d%s%03d".formatted(ThreadLocalRandom.current().nextInt(1, 100),
                birth.toString().replace("-", ""), ThreadLocalRandom.current().nextInt(1000));
        residentId = first17 + ResidentId.checkCharacter(first17);
    }

    @Test
    void thePoliciesAndClaimsOfBothRecordsOfAPartyAreListedEachWithItsRecord() {
        Record agent = record(residentId, "GD");
        Record bank = record(ResidentId.parse(residentId).fifteenDigits(), "HQ");
        long agentAuto = crm.policy(agent.id(), "AUTO", "ACTIVE", LocalDate.of(2024, 3, 1), LocalDate.of(2025, 3, 1), "3200.00");
        long bankLife = crm.policy(bank.id(), "LIFE", "ACTIVE", LocalDate.of(2025, 6, 1), LocalDate.of(2045, 6, 1), "12000.00");
        crm.policy(bank.id(), "HEALTH", "LAPSED", LocalDate.of(2023, 1, 1), LocalDate.of(2024, 1, 1), "900.00");
        crm.claim(agent.id(), agentAuto, LocalDate.of(2024, 8, 9), "PAID", "1500.00");
        crm.claim(bank.id(), bankLife, LocalDate.of(2025, 9, 2), "OPEN", "0");
        evaluate(agent.no());
        evaluate(bank.no());

        JsonNode view = ok(api.get("/api/v1/customers/" + agent.no() + "/party/policies", "underwriter"));

        JsonNode party = ok(api.get("/api/v1/customers/" + agent.no() + "/party", "underwriter"));
        assertThat(view.get("partyNo").asLong()).isEqualTo(party.get("partyNo").asLong());
        assertThat(view.get("customerNos").valueStream().map(JsonNode::asString)).containsExactly(agent.no(), bank.no());
        assertThat(view.get("hiddenMembers").asInt()).isZero();
        assertThat(view.get("totalPolicies").asLong()).isEqualTo(3);
        assertThat(view.get("policies").valueStream().map(p -> p.get("customerNo").asString() + ":" + p.get("productLine").asString()
                        + ":" + p.get("status").asString() + ":" + p.get("claims").asLong()))
                .as("newest first, each with its record and its claims")
                .containsExactly(bank.no() + ":LIFE:ACTIVE:1", agent.no() + ":AUTO:ACTIVE:1", bank.no() + ":HEALTH:LAPSED:0");
        JsonNode life = view.get("policies").get(0);
        assertThat(life.get("premium").decimalValue()).isEqualByComparingTo("12000");
        assertThat(life.get("startDate").asString()).isEqualTo("2025-06-01");
        assertThat(view.get("totalClaims").asLong()).isEqualTo(2);
        assertThat(view.get("claims").valueStream().map(c -> c.get("customerNo").asString() + ":" + c.get("status").asString()))
                .containsExactly(bank.no() + ":OPEN", agent.no() + ":PAID");
        JsonNode paid = view.get("claims").get(1);
        assertThat(paid.get("policyNo").asString()).isEqualTo(view.get("policies").get(1).get("policyNo").asString());
        assertThat(paid.get("paidAmount").decimalValue()).isEqualByComparingTo("1500");
        assertThat(paid.get("lossDate").asString()).isEqualTo("2024-08-09");
        assertThat(ok(api.get("/api/v1/customers/" + bank.no() + "/party/policies", "analyst")).get("totalPolicies").asLong())
                .as("the same from the other record").isEqualTo(3);

        JsonNode newest = ok(api.get("/api/v1/customers/" + agent.no() + "/party/policies?limit=1", "underwriter"));
        assertThat(newest.get("policies")).hasSize(1);
        assertThat(newest.get("claims")).hasSize(1);
        assertThat(newest.get("totalPolicies").asLong()).as("the total, not the page").isEqualTo(3);
    }

    @Test
    void membersOutsideTheCallersBranchAreCountedNotListedAndTheirCustomersAreNotFound() {
        Record guangdong = record(residentId, "GD");
        Record headOffice = record(ResidentId.parse(residentId).fifteenDigits(), "HQ");
        crm.policy(guangdong.id(), "AUTO", "ACTIVE", LocalDate.of(2024, 3, 1), LocalDate.of(2025, 3, 1), "3200.00");
        long hidden = crm.policy(headOffice.id(), "CARGO", "ACTIVE", LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1), "9000.00");
        crm.claim(headOffice.id(), hidden, LocalDate.of(2025, 2, 2), "PAID", "700.00");
        evaluate(guangdong.no());
        evaluate(headOffice.no());
        String user = userOf("GD");

        JsonNode view = ok(api.withPassword(PASSWORD).get("/api/v1/customers/" + guangdong.no() + "/party/policies", user));

        assertThat(view.get("customerNos").valueStream().map(JsonNode::asString)).containsExactly(guangdong.no());
        assertThat(view.get("hiddenMembers").asInt()).isEqualTo(1);
        assertThat(view.get("policies").valueStream().map(p -> p.get("productLine").asString())).containsExactly("AUTO");
        assertThat(view.get("totalPolicies").asLong()).isEqualTo(1);
        assertThat(view.get("claims")).isEmpty();
        assertThat(view.get("totalClaims").asLong()).isZero();
        Response outside = api.withPassword(PASSWORD).get("/api/v1/customers/" + headOffice.no() + "/party/policies", user);
        assertThat(outside.status()).as("a customer outside the branch is not found").isEqualTo(404);
        assertThat(outside.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aRecordNeverResolvedIsResolvedAndShowsItsOwnPolicies() {
        Record alone = record(residentId, "SH");
        crm.policy(alone.id(), "PROPERTY", "EXPIRED", LocalDate.of(2022, 4, 1), LocalDate.of(2023, 4, 1), "800.00");

        JsonNode view = ok(api.get("/api/v1/customers/" + alone.no() + "/party/policies", "approver"));

        assertThat(view.get("customerNos").valueStream().map(JsonNode::asString)).containsExactly(alone.no());
        assertThat(view.get("policies").valueStream().map(p -> p.get("customerNo").asString() + ":" + p.get("status").asString()))
                .containsExactly(alone.no() + ":EXPIRED");
        assertThat(view.get("partyNo").asLong()).isEqualTo(ok(api.get("/api/v1/customers/" + alone.no() + "/party", "approver"))
                .get("partyNo").asLong());
    }

    @Test
    void unknownCustomersAreNotFoundBadLimitsAreNamedAndOnlyReadersMayLook() {
        Record record = record(residentId, "GD");
        Response unknown = api.get("/api/v1/customers/NOPE-" + UUID.randomUUID().toString().substring(0, 6) + "/party/policies",
                "underwriter");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertInvalid(api.get("/api/v1/customers/" + record.no() + "/party/policies?limit=0", "underwriter"), "limit");
        assertInvalid(api.get("/api/v1/customers/" + record.no() + "/party/policies?limit=501", "underwriter"), "limit");
        assertInvalid(api.get("/api/v1/customers/" + record.no() + "/party/policies?limit=many", "underwriter"), "limit");
        for (String role : List.of("auditor", "crm")) {
            assertThat(api.get("/api/v1/customers/" + record.no() + "/party/policies", role).status()).as(role).isEqualTo(403);
        }
        assertThat(api.get("/api/v1/customers/" + record.no() + "/party/policies", null).status()).isEqualTo(401);
    }

    private record Record(long id, String no) {
    }

    private Record record(String idNumber, String branch) {
        String customerNo = CrmFixtures.uniqueNumber();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO customer (customer_no, customer_type, name, id_type, id_number, birth_date, phone, branch_code,
                                              created_at)
                        VALUES (:no, 'PERSON', :name, 'RESIDENT_ID', :idNumber, :birth, :phone, :branch, :at)
                        """)
                .params(Map.of("no", customerNo, "name", name, "idNumber", idNumber, "birth", birth,
                        "phone", CrmFixtures.uniquePhone(), "branch", branch, "at", LocalDateTime.of(2020, 1, 1, 9, 0)))
                .update(key);
        return new Record(key.getKey().longValue(), customerNo);
    }

    private void evaluate(String customerNo) {
        ok(api.post("/api/v1/customers/" + customerNo + "/evaluate", null, "underwriter"));
    }

    private String userOf(String branch) {
        String username = branch.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = api.post("/api/v1/users", """
                {"username":"%s","password":"%s","roles":["UNDERWRITER"],"branchCode":"%s"}
                """.formatted(username, PASSWORD, branch), "admin");
        assertThat(created.status()).as(created.body()).isIn(200, 201);
        return username;
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
