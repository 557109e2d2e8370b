package io.decisioning.service.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Customer search and a customer's page over HTTP, against the real database: matching, masking, scope. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomerDirectoryTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    CrmFixtures crm;
    String name;
    String customerNo;
    String idNumber;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        crm = new CrmFixtures(jdbc);
        name = "欧阳" + UUID.randomUUID().toString().substring(0, 8);
        idNumber = "4401" + UUID.randomUUID().toString().replaceAll("\\D", "").substring(0, 8) + "123X";
        long id = crm.customer("PERSON", "RESIDENT_ID", idNumber, "GD-SZ");
        jdbc.sql("UPDATE customer SET name = :name, phone = '+86 139 1234 5678', account_manager = 'mgr-7' WHERE id = :id")
                .param("name", name).param("id", id).update();
        customerNo = crm.customerNo(id);
    }

    @Test
    void aPartOfTheNameFindsTheCustomerWithNumbersMaskedForThoseWhoOnlyLook() {
        JsonNode page = search(name.substring(1, 6), "underwriter");

        assertThat(page.get("total").asLong()).isEqualTo(1);
        JsonNode found = page.get("items").get(0);
        assertThat(found.propertyNames()).containsExactlyInAnyOrder("customerNo", "customerType", "name", "idType",
                "idNumber", "phone", "branchCode", "accountManager", "grade", "tier", "vip", "blacklisted", "valueScore", "riskScore",
                "decision", "evaluatedAt");
        assertThat(found.get("customerNo").asString()).isEqualTo(customerNo);
        assertThat(found.get("name").asString()).isEqualTo(name);
        assertThat(found.get("idNumber").asString()).endsWith("123X").doesNotContain(idNumber.substring(0, 8));
        assertThat(found.get("phone").asString()).endsWith("5678").doesNotContain("139");
        assertThat(found.get("grade").isNull()).isTrue();

        JsonNode asApprover = search(name, "approver").get("items").get(0);
        assertThat(asApprover.get("idNumber").asString()).isEqualTo(idNumber);
        assertThat(asApprover.get("phone").asString()).isEqualTo("+86 139 1234 5678");
    }

    @Test
    void theCustomerNumberPrefixTheIdentityNumberAndThePhoneFindTheCustomer() {
        assertThat(numbers(search(customerNo, "underwriter"))).containsExactly(customerNo);
        assertThat(numbers(search(customerNo.substring(0, customerNo.length() - 1), "underwriter"))).contains(customerNo);
        assertThat(numbers(search(idNumber.toLowerCase(), "underwriter"))).containsExactly(customerNo);
        assertThat(numbers(search("+86 139 1234 5678", "underwriter"))).contains(customerNo);
        assertThat(search("no such customer " + UUID.randomUUID(), "underwriter").get("total").asLong()).isZero();
    }

    @Test
    void aCustomersPageShowsTheIdentityAndIsHiddenOutsideTheBranch() {
        api.post("/api/v1/customers/" + customerNo + "/evaluate", null, "admin");

        Response response = api.get("/api/v1/customers/" + customerNo, "underwriter");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode profile = response.json();
        assertThat(profile.get("name").asString()).isEqualTo(name);
        assertThat(profile.get("branchCode").asString()).isEqualTo("GD-SZ");
        assertThat(profile.get("accountManager").asString()).isEqualTo("mgr-7");
        assertThat(profile.get("birthDate").asString()).isEqualTo("1980-01-01");
        assertThat(profile.get("idNumber").asString()).endsWith("123X").isNotEqualTo(idNumber);
        assertThat(profile.get("blacklistHits").isArray()).isTrue();
        assertThat(profile.get("openWarnings").asLong()).isZero();

        String shanghai = "sh-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/users", """
                {"username": "%s", "password": "shanghai secret", "roles": ["UNDERWRITER"], "branchCode": "SH"}
                """.formatted(shanghai), "admin");
        Response hidden = api.withPassword("shanghai secret").get("/api/v1/customers/" + customerNo, shanghai);
        Response unknown = api.get("/api/v1/customers/NO-SUCH-CUSTOMER", "underwriter");
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(api.withPassword("shanghai secret").get("/api/v1/customers?query=" + customerNo, shanghai)
                .json().get("total").asLong()).isZero();
    }

    @Test
    void aPageSizeOutOfRangeIsRefusedNamingTheParameter() {
        Response response = api.get("/api/v1/customers?size=1000", "underwriter");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains("size");
    }

    private JsonNode search(String query, String user) {
        return api.getJson("/api/v1/customers?query=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8), user);
    }

    private static java.util.List<String> numbers(JsonNode page) {
        return page.get("items").valueStream().map(item -> item.get("customerNo").asString()).toList();
    }
}
