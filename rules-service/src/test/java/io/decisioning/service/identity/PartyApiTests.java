package io.decisioning.service.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.export.Download;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import tools.jackson.databind.JsonNode;

/** The party API of DESIGN.md section 10 over real HTTP on the real database: party, review queue, merge, reject, split. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PartyApiTests {

    private static final String PASSWORD = "branch office secret";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    LocalDate birth;
    String name;
    String residentId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        birth = LocalDate.of(1950 + ThreadLocalRandom.current().nextInt(40), 3, 7);
        name = "客" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        residentId = IdentityRecords.residentId(birth);
    }

    @Test
    void aCustomersPartyListsItsRecordsWithHowAndSinceWhenTheyAreLinked() {
        String phone = CrmFixtures.uniquePhone();
        String first = record("RESIDENT_ID", residentId, phone, "GD");
        String second = record("RESIDENT_ID", ResidentId.parse(residentId).fifteenDigits(), null, "HQ");
        evaluate(first);
        evaluate(second);

        JsonNode party = ok(api.get("/api/v1/customers/" + second + "/party", "underwriter"));

        assertThat(party.get("primaryCustomerNo").asString()).isEqualTo(first);
        assertThat(party.get("hiddenMembers").asInt()).isZero();
        assertThat(party.get("members").valueStream().map(m -> m.get("customerNo").asString())).containsExactly(first, second);
        JsonNode member = party.get("members").get(1);
        assertThat(member.get("link").asString()).isEqualTo("AUTO");
        assertThat(member.get("branchCode").asString()).isEqualTo("HQ");
        assertThat(member.get("linkedAt").asString()).isNotBlank();
        assertThat(member.get("evidence").valueStream().map(JsonNode::asString)).contains("ID_NUMBER", "NAME", "BIRTH_DATE");
        JsonNode assessment = ok(api.get("/api/v1/customers/" + second + "/assessment", "underwriter"));
        assertThat(assessment.get("partyNo").asLong()).isEqualTo(party.get("partyNo").asLong());
        assertThat(assessment.get("partyRecords").asInt()).isEqualTo(2);
        assertThat(assessment.get("primaryCustomerNo").asString()).isEqualTo(first);

        String guangdong = userOf("GD", "UNDERWRITER");
        JsonNode fromGuangdong = ok(api.withPassword(PASSWORD).get("/api/v1/customers/" + first + "/party", guangdong));
        assertThat(fromGuangdong.get("members").valueStream().map(m -> m.get("customerNo").asString())).containsExactly(first);
        assertThat(fromGuangdong.get("hiddenMembers").asInt()).as("the HQ record: counted, not shown").isEqualTo(1);
        assertThat(api.withPassword(PASSWORD).get("/api/v1/customers/" + second + "/party", guangdong).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/customers/NOPE-" + UUID.randomUUID().toString().substring(0, 6) + "/party", "underwriter")
                .status()).isEqualTo(404);
        assertThat(api.get("/api/v1/customers/" + first + "/party", "auditor").status()).isEqualTo(403);
    }

    @Test
    void anApproverMergesACandidateKeepsAnotherApartAndSplitsARecordOffAndAllOfItIsAudited() {
        String phone = CrmFixtures.uniquePhone();
        String first = record("RESIDENT_ID", residentId, phone, "GD");
        String bank = record("PASSPORT", "E" + CrmFixtures.uniquePhone(), CrmFixtures.uniquePhone(), "HQ");
        evaluate(first);
        evaluate(bank);
        JsonNode candidate = pendingCandidateOf(first, bank);
        assertThat(candidate.get("evidence").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("NAME", "BIRTH_DATE");
        for (String record : List.of(first, bank)) {
            assertThat(warnings(record)).as("both records of a pending candidate").contains("POSSIBLE_DUPLICATE:DATA:LOW");
        }

        assertThat(api.post("/api/v1/identity/candidates/" + candidate.get("id").asLong() + "/merge", "{\"note\":\"same\"}",
                "analyst").status()).isEqualTo(403);
        JsonNode merged = ok(api.post("/api/v1/identity/candidates/" + candidate.get("id").asLong() + "/merge",
                "{\"note\":\"Same person: the agent called her\"}", "approver"));

        assertThat(merged.get("status").asString()).isEqualTo("MERGED");
        assertThat(merged.get("decidedBy").asString()).isEqualTo("approver");
        JsonNode party = ok(api.get("/api/v1/customers/" + bank + "/party", "approver"));
        assertThat(party.get("members").valueStream().map(m -> m.get("customerNo").asString())).containsExactly(first, bank);
        assertThat(party.get("members").get(1).get("link").asString()).isEqualTo("CONFIRMED");
        assertThat(ok(api.get("/api/v1/customers/" + bank + "/assessment", "approver")).get("partyRecords").asInt())
                .as("evaluated again once the merge committed").isEqualTo(2);
        assertThat(warnings(first)).doesNotContain("POSSIBLE_DUPLICATE:DATA:LOW");
        assertThat(jdbc.sql("""
                        SELECT w.status FROM warning w JOIN customer c ON c.id = w.customer_id
                         WHERE c.customer_no = :no AND w.type = 'POSSIBLE_DUPLICATE'""").param("no", first)
                .query(String.class).list()).as("the warning people saw is resolved by the system").containsExactly("RESOLVED");
        Response again = api.post("/api/v1/identity/candidates/" + candidate.get("id").asLong() + "/merge", "{}", "approver");
        assertThat(again.status()).isEqualTo(409);

        long partyNo = party.get("partyNo").asLong();
        Response notInParty = api.post("/api/v1/parties/" + partyNo + "/split",
                "{\"customerNo\":\"" + record("PASSPORT", "X1" + UUID.randomUUID().toString().substring(0, 6), null, "HQ")
                        + "\",\"reason\":\"x\"}", "approver");
        assertThat(notInParty.status()).isEqualTo(404);
        assertThat(api.post("/api/v1/parties/" + partyNo + "/split", "{\"customerNo\":\"" + bank + "\"}", "approver").status())
                .as("a split needs a reason").isEqualTo(400);
        JsonNode split = ok(api.post("/api/v1/parties/" + partyNo + "/split",
                "{\"customerNo\":\"" + bank + "\",\"reason\":\"Her daughter: same name, other person\"}", "approver"));

        assertThat(split.get("partyNo").asLong()).as("a record split off gets a new number").isNotEqualTo(partyNo);
        assertThat(split.get("members").valueStream().map(m -> m.get("customerNo").asString())).containsExactly(bank);
        assertThat(ok(api.get("/api/v1/customers/" + first + "/party", "approver")).get("partyNo").asLong()).isEqualTo(partyNo);
        assertThat(pending(first, bank)).as("kept apart: not proposed again").isEmpty();
        assertThat(ok(api.get("/api/v1/customers/" + bank + "/assessment", "approver")).get("partyRecords").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE target_id IN (:ids) ORDER BY id")
                .param("ids", List.of(candidate.get("id").asString(), Long.toString(partyNo))).query(String.class).list())
                .contains("IDENTITY_MERGE", "PARTY_SPLIT");
    }

    @Test
    void theReviewQueueExportsAsItIsListedAndADecidedPairMovesToItsStatus() throws java.io.IOException {
        String first = record("RESIDENT_ID", residentId, CrmFixtures.uniquePhone(), "GD");
        String passport = record("PASSPORT", "E" + CrmFixtures.uniquePhone(), CrmFixtures.uniquePhone(), "HQ");
        evaluate(first);
        evaluate(passport);
        JsonNode candidate = pendingCandidateOf(first, passport);
        String row = candidate.get("id").asLong() + "," + candidate.get("customerNoA").asString() + ","
                + candidate.get("customerNoB").asString() + "," + String.join(";", candidate.get("evidence").valueStream()
                .map(JsonNode::asString).toList()) + "," + candidate.get("rule").asString() + ",PENDING,"
                + candidate.get("createdAt").asString() + ",,,";

        long total = ok(api.get("/api/v1/identity/candidates?size=1", "approver")).get("total").asLong();
        ApiClient.Download csv = api.download("/api/v1/identity/candidates", "text/csv", "approver");
        assertThat(csv.status()).as(csv.text()).isEqualTo(200);
        assertThat(csv.contentDisposition()).contains("identity-candidates.csv");
        List<String> lines = csv.text().lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFFid,customerNoA,customerNoB,evidence,rule,status,createdAt,decidedBy,"
                + "decidedAt,note");
        assertThat(lines).as("every pending pair, not a page").hasSize((int) total + 1).contains(row);
        ApiClient.Download xlsx = api.download("/api/v1/identity/candidates", Download.XLSX, "approver");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo((int) total);
        }

        ok(api.post("/api/v1/identity/candidates/" + candidate.get("id").asLong() + "/reject", "{\"note\":\"不同的人\"}",
                "approver"));
        assertThat(api.download("/api/v1/identity/candidates", "text/csv", "approver").text()).doesNotContain(row);
        assertThat(api.download("/api/v1/identity/candidates?status=REJECTED", "text/csv", "approver").text().lines())
                .anyMatch(line -> line.startsWith(candidate.get("id").asLong() + ",") && line.contains(",REJECTED,")
                        && line.contains(",approver,") && line.endsWith(",不同的人"));
        assertThat(api.download("/api/v1/identity/candidates", "text/csv", "underwriter").status())
                .as("the queue's readers only").isEqualTo(api.get("/api/v1/identity/candidates", "underwriter").status());
    }

    @Test
    void aMergeThatWouldJoinTwoDifferentResidentIdsIs409NamingThemAndNothingChanges() {
        String first = record("RESIDENT_ID", residentId, CrmFixtures.uniquePhone(), "GD");
        String passport = record("PASSPORT", "E" + CrmFixtures.uniquePhone(), CrmFixtures.uniquePhone(), "HQ");
        String otherId = IdentityRecords.residentId(birth);
        String other = record("RESIDENT_ID", otherId, CrmFixtures.uniquePhone(), "SH");
        evaluate(first);
        evaluate(passport);
        evaluate(other);
        ok(api.post("/api/v1/identity/candidates/" + pendingCandidateOf(first, passport).get("id").asLong() + "/merge", "{}",
                "approver"));
        JsonNode candidate = pendingCandidateOf(passport, other);

        Response conflict = api.post("/api/v1/identity/candidates/" + candidate.get("id").asLong() + "/merge", "{}", "approver");

        assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
        assertThat(conflict.json().get("detail").asString()).contains(residentId).contains(otherId);
        assertThat(pending(passport, other)).hasSize(1);
        assertThat(ok(api.get("/api/v1/customers/" + other + "/party", "approver")).get("members")).hasSize(1);

        JsonNode rejected = ok(api.post("/api/v1/identity/candidates/" + candidate.get("id").asLong() + "/reject",
                "{\"note\":\"Two people\"}", "approver"));
        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(api.post("/api/v1/identity/candidates/999999999/reject", "{}", "approver").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/identity/candidates?status=REJECTED&size=100", "analyst").json().get("items").valueStream()
                .anyMatch(c -> c.get("id").asLong() == candidate.get("id").asLong())).isTrue();
        assertThat(api.get("/api/v1/identity/candidates?status=LOST", "analyst").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/identity/candidates", "underwriter").status()).isEqualTo(403);
    }

    private List<String> warnings(String customerNo) {
        return ok(api.get("/api/v1/customers/" + customerNo + "/assessment", "approver")).get("warnings").valueStream()
                .map(w -> w.get("type").asString() + ":" + w.get("category").asString() + ":" + w.get("severity").asString())
                .toList();
    }

    private JsonNode pendingCandidateOf(String a, String b) {
        List<JsonNode> found = pending(a, b);
        assertThat(found).as("a pending candidate of %s and %s", a, b).hasSize(1);
        return found.get(0);
    }

    private List<JsonNode> pending(String a, String b) {
        return ok(api.get("/api/v1/identity/candidates?status=PENDING&size=100", "analyst")).get("items").valueStream()
                .filter(c -> List.of(c.get("customerNoA").asString(), c.get("customerNoB").asString()).containsAll(List.of(a, b)))
                .toList();
    }

    private void evaluate(String customerNo) {
        ok(api.post("/api/v1/customers/" + customerNo + "/evaluate", null, "underwriter"));
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private String record(String idType, String idNumber, String phone, String branch) {
        String customerNo = CrmFixtures.uniqueNumber();
        jdbc.sql("""
                        INSERT INTO customer (customer_no, customer_type, name, id_type, id_number, birth_date, phone, branch_code,
                                              created_at)
                        VALUES (:no, 'PERSON', :name, :idType, :idNumber, :birth, :phone, :branch, :at)
                        """)
                .param("no", customerNo).param("name", name).param("idType", idType).param("idNumber", idNumber)
                .param("birth", birth).param("phone", phone).param("branch", branch)
                .param("at", LocalDateTime.of(2020, 1, 1, 9, 0))
                .update(new GeneratedKeyHolder());
        return customerNo;
    }

    private String userOf(String branch, String role) {
        String username = branch.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = api.post("/api/v1/users", """
                {"username":"%s","password":"%s","roles":["%s"],"branchCode":"%s"}
                """.formatted(username, PASSWORD, role, branch), "admin");
        assertThat(created.status()).as(created.body()).isIn(200, 201);
        return username;
    }
}
