package io.decisioning.service.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.customer.CrmFixtures;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Branch scope over real HTTP (DESIGN.md section 6): a user sees only customers whose branch is
 * theirs or below it ("GD" sees "GD" and "GD-SZ", not "GDX"); head office sees all. A customer
 * outside the user's branch is answered exactly like one that does not exist: 404, never 403, with
 * the same body. Users are made through the users API; customers of branches GD, GD-SZ, GDX and SH
 * each with an open warning, evaluated by the (head office) admin.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BranchScopeTests {

    private static final String PASSWORD = "branch office secret";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    ApiClient branchUsers;
    CrmFixtures crm;
    LocalDate today;

    String guangdongUser;
    String shanghaiUser;
    BranchCustomer guangdong;
    BranchCustomer shenzhen;
    BranchCustomer lookalike;
    BranchCustomer shanghai;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        branchUsers = api.withPassword(PASSWORD);
        crm = CrmFixtures.inALargeBook(jdbc);
        today = CrmFixtures.today();
        guangdongUser = underwriterOf("GD");
        shanghaiUser = underwriterOf("SH");
        guangdong = customerWithAWarning("GD");
        shenzhen = customerWithAWarning("GD-SZ");
        lookalike = customerWithAWarning("GDX");
        shanghai = customerWithAWarning("SH");
    }

    @Test
    void aBranchUserSeesTheCustomersOfTheirBranchAndItsSubBranches() {
        for (BranchCustomer customer : List.of(guangdong, shenzhen)) {
            assertSees(branchUsers, guangdongUser, customer);
        }
        assertSees(branchUsers, shanghaiUser, shanghai);
    }

    @Test
    void headOfficeSeesTheCustomersOfEveryBranch() {
        for (BranchCustomer customer : List.of(guangdong, shenzhen, lookalike, shanghai)) {
            assertSees(api, "underwriter", customer);
        }
    }

    @Test
    void aCustomerOfAnotherBranchIs404ExactlyLikeACustomerThatDoesNotExist() {
        Map<String, List<BranchCustomer>> hidden = Map.of(
                guangdongUser, List.of(lookalike, shanghai),
                shanghaiUser, List.of(guangdong, shenzhen, lookalike));
        String nobody = CrmFixtures.uniqueNumber();
        List<BiFunction<String, String, Response>> requests = List.of(
                (no, user) -> branchUsers.get("/api/v1/customers/" + no + "/assessment", user),
                (no, user) -> branchUsers.get("/api/v1/customers/" + no + "/assessments", user),
                (no, user) -> branchUsers.post("/api/v1/customers/" + no + "/evaluate", null, user),
                (no, user) -> branchUsers.post("/api/v1/checks/pre-bind", "{\"customerNo\": \"" + no + "\"}", user));

        hidden.forEach((user, customers) -> {
            for (BiFunction<String, String, Response> request : requests) {
                Response unknown = request.apply(nobody, user);
                assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
                for (BranchCustomer customer : customers) {
                    assertSameAnswer(request.apply(customer.no(), user), customer.no(), unknown, nobody);
                }
            }
        });
    }

    @Test
    void theDashboardCountsOnlyTheCustomersAndWarningsOfTheUsersBranchTree() {
        String region = "R" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        customerWithAWarning(region);
        customerWithAWarning(region + "-A");
        customerWithAWarning(region + "X");
        String regionUser = underwriterOf(region);

        Response response = branchUsers.get("/api/v1/dashboard", regionUser);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode dashboard = response.json();
        assertThat(dashboard.get("customers").asLong()).isEqualTo(2);
        assertThat(dashboard.get("assessed").asLong()).isEqualTo(2);
        assertThat(dashboard.get("grades").valueStream().mapToLong(g -> g.get("count").asLong()).sum()).isEqualTo(2);
        assertThat(dashboard.get("tiers").valueStream().mapToLong(g -> g.get("count").asLong()).sum()).isEqualTo(2);
        assertThat(dashboard.get("openWarnings").valueStream()
                .filter(w -> w.get("type").asString().equals("REPEAT_CLAIMANT"))
                .mapToLong(w -> w.get("count").asLong()).sum()).isEqualTo(2);
        assertThat(dashboard.get("rulePacks").valueStream().map(p -> p.get("name").asString()))
                .contains("grading", "warnings", "scoring", "tiering", "decision");

        JsonNode headOffice = api.get("/api/v1/dashboard", "underwriter").json();
        assertThat(headOffice.get("customers").asLong())
                .isEqualTo(jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single());
        assertThat(headOffice.get("assessed").asLong())
                .isEqualTo(jdbc.sql("SELECT COUNT(*) FROM assessment").query(Long.class).single());
    }

    @Test
    void theWarningQueueFiltersByABranchTreeWithinTheUsersOwnScope() {
        String region = "R" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        BranchCustomer main = customerWithAWarning(region);
        BranchCustomer sub = customerWithAWarning(region + "-A");
        customerWithAWarning(region + "X");

        JsonNode headOffice = api.get("/api/v1/warnings?size=500&branch=" + region, "underwriter").json();
        assertThat(ids(headOffice.get("items").valueStream().toList())).containsExactlyInAnyOrder(main.warning(), sub.warning());
        assertThat(headOffice.get("total").asLong()).isEqualTo(2);

        JsonNode subOnly = api.get("/api/v1/warnings?branch=" + region + "-A", "underwriter").json();
        assertThat(ids(subOnly.get("items").valueStream().toList())).containsExactly(sub.warning());

        Response outside = branchUsers.get("/api/v1/warnings?branch=" + region, shanghaiUser);
        assertThat(outside.status()).as(outside.body()).isEqualTo(200);
        assertThat(outside.json().get("total").asLong()).isZero();

        Response invalid = api.get("/api/v1/warnings?branch=G%25D", "underwriter");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("branch");
    }

    @Test
    void theWarningsOfAnotherBranchAreNeitherListedNorShown() {
        String nobody = CrmFixtures.uniqueNumber();
        Response unknownCustomer = branchUsers.get("/api/v1/warnings?customerNo=" + nobody, guangdongUser);
        assertThat(unknownCustomer.status()).as(unknownCustomer.body()).isEqualTo(200);
        assertThat(unknownCustomer.json().get("total").asLong()).isZero();
        long noWarning = Long.MAX_VALUE;
        Response unknownWarning = branchUsers.get("/api/v1/warnings/" + noWarning, guangdongUser);
        assertThat(unknownWarning.status()).isEqualTo(404);

        for (BranchCustomer customer : List.of(lookalike, shanghai)) {
            assertSameAnswer(branchUsers.get("/api/v1/warnings?customerNo=" + customer.no(), guangdongUser), customer.no(),
                    unknownCustomer, nobody);
            assertSameAnswer(branchUsers.get("/api/v1/warnings/" + customer.warning(), guangdongUser),
                    Long.toString(customer.warning()), unknownWarning, Long.toString(noWarning));
        }
    }

    @Test
    void theWarningsListWithoutACustomerHoldsOnlyWarningsOfTheUsersBranchAndBelow() {
        List<JsonNode> seenInGuangdong = allWarnings(guangdongUser);
        assertThat(ids(seenInGuangdong)).contains(guangdong.warning(), shenzhen.warning())
                .doesNotContain(lookalike.warning(), shanghai.warning());
        assertThat(branchesOf(seenInGuangdong)).allSatisfy(branch -> assertThat(branch).matches("GD(-.+)?"));

        List<JsonNode> seenInShanghai = allWarnings(shanghaiUser);
        assertThat(ids(seenInShanghai)).contains(shanghai.warning())
                .doesNotContain(guangdong.warning(), shenzhen.warning(), lookalike.warning());
        assertThat(branchesOf(seenInShanghai)).allSatisfy(branch -> assertThat(branch).matches("SH(-.+)?"));
    }

    @Test
    void anApplicantWhoIsACustomerOfAnotherBranchIsCheckedWithoutNamingTheCustomer() {
        String passport = "E" + CrmFixtures.uniqueNumber().replace("-", "");
        long id = crm.customer("PERSON", "PASSPORT", passport, "SH");
        String customerNo = crm.customerNo(id);
        String check = """
                {"applicant": {"idType": "PASSPORT", "idNumber": "%s"}, "productLine": "AUTO", "premium": 1000}
                """.formatted(passport);

        Response inGuangdong = branchUsers.post("/api/v1/checks/pre-bind", check, guangdongUser);
        Response inShanghai = branchUsers.post("/api/v1/checks/pre-bind", check, shanghaiUser);

        assertThat(inGuangdong.status()).as(inGuangdong.body()).isEqualTo(200);
        assertThat(inGuangdong.json().get("customerNo").isNull()).as(inGuangdong.body()).isTrue();
        assertThat(inGuangdong.body()).doesNotContain(customerNo);
        assertThat(inShanghai.status()).as(inShanghai.body()).isEqualTo(200);
        assertThat(inShanghai.json().get("customerNo").asString()).isEqualTo(customerNo);
    }

    /** The user gets the customer's assessment, history, a pre-bind check and its warning. */
    @Test
    void eventsOfAnotherBranchsCustomersAreNeitherListedNorShown() {
        String analyst = branch("GD", "ANALYST");
        Map<BranchCustomer, String> events = new java.util.LinkedHashMap<>();
        for (BranchCustomer customer : List.of(guangdong, shenzhen, lookalike, shanghai)) {
            String eventId = "branch-" + UUID.randomUUID();
            Response posted = api.post("/api/v1/events", """
                    {"eventId": "%s", "type": "CLAIM_REPORTED", "customerNo": "%s", "occurredAt": "2026-11-20T09:30:00+08:00"}
                    """.formatted(eventId, customer.no()), "crm");
            assertThat(posted.status()).as(posted.body()).isEqualTo(202);
            events.put(customer, eventId);
        }

        for (Map.Entry<BranchCustomer, String> event : events.entrySet()) {
            boolean visible = event.getKey().branch().equals("GD") || event.getKey().branch().equals("GD-SZ");
            Response one = branchUsers.get("/api/v1/events/" + event.getValue(), analyst);
            assertThat(one.status()).as(event.getKey().branch()).isEqualTo(visible ? 200 : 404);
            JsonNode listed = branchUsers.get("/api/v1/events?customerNo=" + event.getKey().no(), analyst).json();
            assertThat(listed.get("total").asLong()).as(event.getKey().branch()).isEqualTo(visible ? 1 : 0);
            assertThat(api.get("/api/v1/events/" + event.getValue(), "analyst").status()).as("head office").isEqualTo(200);
        }
        List<String> branches = new ArrayList<>();
        for (JsonNode item : branchUsers.get("/api/v1/events?size=500", analyst).json().get("items")) {
            branches.add(jdbc.sql("SELECT branch_code FROM customer WHERE customer_no = :no")
                    .param("no", item.get("customerNo").asString()).query(String.class).single());
        }
        assertThat(branches).isNotEmpty().allMatch(b -> b.equals("GD") || b.startsWith("GD-"));
    }

    private void assertSees(ApiClient client, String user, BranchCustomer customer) {
        String as = user + " on " + customer;
        Response assessment = client.get("/api/v1/customers/" + customer.no() + "/assessment", user);
        assertThat(assessment.status()).as(as + ": " + assessment.body()).isEqualTo(200);
        assertThat(assessment.json().get("customerNo").asString()).as(as).isEqualTo(customer.no());

        Response history = client.get("/api/v1/customers/" + customer.no() + "/assessments", user);
        assertThat(history.status()).as(as + ": " + history.body()).isEqualTo(200);
        assertThat(history.json().valueStream().map(row -> row.get("customerNo").asString())).as(as)
                .isNotEmpty().containsOnly(customer.no());

        Response check = client.post("/api/v1/checks/pre-bind", "{\"customerNo\": \"" + customer.no() + "\"}", user);
        assertThat(check.status()).as(as + ": " + check.body()).isEqualTo(200);
        assertThat(check.json().get("customerNo").asString()).as(as).isEqualTo(customer.no());

        Response warnings = client.get("/api/v1/warnings?customerNo=" + customer.no(), user);
        assertThat(warnings.status()).as(as + ": " + warnings.body()).isEqualTo(200);
        assertThat(ids(warnings.json().get("items").valueStream().toList())).as(as).contains(customer.warning());
        Response warning = client.get("/api/v1/warnings/" + customer.warning(), user);
        assertThat(warning.status()).as(as + ": " + warning.body()).isEqualTo(200);
        assertThat(warning.json().get("customerNo").asString()).as(as).isEqualTo(customer.no());
    }

    /**
     * The answer about something hidden is the answer about something that does not exist: same
     * status, same body once the one's number stands where the other's did (in its texts, such as
     * {@code detail} and {@code instance}).
     */
    private static void assertSameAnswer(Response hidden, String hiddenNo, Response unknown, String unknownNo) {
        assertThat(hidden.status()).as(hidden.body()).isEqualTo(unknown.status()).isNotEqualTo(403);
        assertThat(hidden.contentType()).isEqualTo(unknown.contentType());
        assertThat(fields(hidden, hiddenNo)).as(hidden.body()).isEqualTo(fields(unknown, unknownNo));
    }

    /** The body's fields, each as text, with {@code number} in their texts replaced by "{no}". */
    private static Map<String, String> fields(Response response, String number) {
        Map<String, String> fields = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : response.json().properties()) {
            JsonNode value = field.getValue();
            fields.put(field.getKey(), value.isString() ? value.asString().replace(number, "{no}") : value.toString());
        }
        return fields;
    }

    /** Every warning the user may list, page by page. */
    private List<JsonNode> allWarnings(String user) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            Response response = branchUsers.get("/api/v1/warnings?size=500&page=" + page, user);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            List<JsonNode> items = response.json().get("items").valueStream().toList();
            all.addAll(items);
            if (items.isEmpty() || all.size() >= response.json().get("total").asLong()) {
                return all;
            }
        }
    }

    /** The branches of the customers the warnings are about, read from the CRM table. */
    private Set<String> branchesOf(List<JsonNode> warnings) {
        Set<String> customerNos = new HashSet<>();
        warnings.forEach(warning -> customerNos.add(warning.get("customerNo").asString()));
        if (customerNos.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT DISTINCT branch_code FROM customer WHERE customer_no IN (:nos)")
                .param("nos", customerNos)
                .query(String.class)
                .list());
    }

    private String underwriterOf(String branch) {
        return branch(branch, "UNDERWRITER");
    }

    private String branch(String branch, String role) {
        String name = branch.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = api.post("/api/v1/users", """
                {"username": "%s", "password": "%s", "roles": ["%s"], "branchCode": "%s"}
                """.formatted(name, PASSWORD, role, branch), "admin");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return name;
    }

    /**
     * A customer of the branch with three claims in the last year (REPEAT_CLAIMANT), evaluated by
     * the admin, and the id of the warning that raised.
     */
    private BranchCustomer customerWithAWarning(String branch) {
        long id = crm.customerOfBranch(branch);
        long policy = crm.policy(id, "ACTIVE", today.minusMonths(11), "3000.00");
        for (int month = 1; month <= 3; month++) {
            crm.claim(id, policy, today.minusMonths(month), "OPEN");
        }
        String customerNo = crm.customerNo(id);
        Response evaluated = api.post("/api/v1/customers/" + customerNo + "/evaluate", null, "admin");
        assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(200);
        long warning = jdbc.sql("SELECT id FROM warning WHERE customer_id = :id AND status = 'OPEN'")
                .param("id", id)
                .query(Long.class)
                .single();
        return new BranchCustomer(branch, customerNo, warning);
    }

    private static List<Long> ids(List<JsonNode> warnings) {
        return warnings.stream().map(warning -> warning.get("id").asLong()).toList();
    }

    /** A customer made for a test: its branch, number and open warning. */
    private record BranchCustomer(String branch, String no, long warning) {
    }
}
