package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.identity.IdentityRecords;
import io.decisioning.service.identity.ResidentId;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One customer, one ID in the browser (DESIGN.md section 10): a customer's party with the policies and claims
 * of all its records, the review queue with each pair side by side, merging, keeping apart, splitting off, and
 * who is offered which. A demo book of its own, where one customer in twenty has a second record (D-numbers,
 * {@code rules.demo.duplicates}), so that the other browser tests keep the book they count; besides it, each
 * test writes the records it needs into the CRM tables: two records of one person (an 18-digit resident ID and
 * its old 15-digit form) that the identity pack links, or two that share only a name and a birth date, which it
 * sends to review.
 */
@BrowserTest
@TestPropertySource(properties = "rules.demo.duplicates=0.05")
class IdentityBrowserTests {

    @RegisterExtension
    static final Browser ui = new Browser();

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    CrmFixtures crm;

    @BeforeEach
    void setUp() {
        api = new ApiClient(ui.port());
        crm = new CrmFixtures(jdbc);
    }

    @Test
    void theDemoBooksSecondRecordOfACustomerIsShownWithItAndThePoliciesOfBoth() {
        List<String> seconds = jdbc.sql("""
                        SELECT d.customer_no FROM customer d
                         WHERE d.customer_no LIKE 'D%' AND EXISTS (SELECT 1 FROM policy p WHERE p.customer_id = d.id)
                         ORDER BY d.id LIMIT 20""")
                .query(String.class).list();
        assertThat(seconds).as("second records with policies in the demo book").isNotEmpty();
        String first = null;
        String second = null;
        for (String candidate : seconds) {
            String original = "C" + candidate.substring(1);
            evaluate(new Record(0, original, null), new Record(0, candidate, null));
            if (party(candidate).get("members").size() == 2) {
                first = original;
                second = candidate;
                break;
            }
        }
        assertThat(second).as("a second record linked to its customer among " + seconds).isNotNull();

        ui.signIn("underwriter");
        ui.open("customers/" + first);

        ui.waitFor(By.cssSelector(".party-card tr.member[data-customer='" + second + "']"));
        assertThat(memberNumbers()).containsExactlyInAnyOrder(first, second);
        assertThat(rows(".party-policies", "record")).contains(first, second);
    }

    @Test
    void anUnderwriterSeesBothRecordsOfACustomerAndThePoliciesAndClaimsOfBoth() {
        Person person = person();
        Record agent = record(person, "RESIDENT_ID", person.residentId(), "GD");
        Record bank = record(person, "RESIDENT_ID", ResidentId.parse(person.residentId()).fifteenDigits(), "HQ");
        long auto = crm.policy(agent.id(), "AUTO", "ACTIVE", LocalDate.of(2024, 3, 1), LocalDate.of(2025, 3, 1), "3200.00");
        long life = crm.policy(bank.id(), "LIFE", "ACTIVE", LocalDate.of(2025, 6, 1), LocalDate.of(2045, 6, 1), "12000.00");
        crm.claim(agent.id(), auto, LocalDate.of(2024, 8, 9), "PAID", "1500.00");
        crm.claim(bank.id(), life, LocalDate.of(2025, 9, 2), "OPEN", "0");
        evaluate(agent, bank);

        ui.signIn("underwriter");
        ui.open("customers/" + agent.no());

        WebElement party = ui.waitFor(By.cssSelector(".party-card tr.member[data-customer='" + bank.no() + "']"));
        assertThat(party.getText()).contains("HQ").contains("自动归并").contains("证件号相同");
        assertThat(memberNumbers()).containsExactly(agent.no(), bank.no());
        assertThat(ui.driver().findElement(By.cssSelector(".party-card")).getText()).contains("主记录").contains(agent.no());
        assertThat(rows(".party-policies", "record")).containsExactlyInAnyOrder(agent.no(), bank.no());
        assertThat(ui.driver().findElement(By.cssSelector(".party-policies tr[data-record='" + bank.no() + "']")).getText())
                .contains("寿险").contains("有效");
        assertThat(rows(".party-claims", "record")).containsExactlyInAnyOrder(agent.no(), bank.no());
        assertThat(ui.driver().findElement(By.cssSelector(".party-claims tr[data-record='" + agent.no() + "']")).getText())
                .contains("已赔付");
        assertThat(ui.driver().findElements(By.cssSelector("button[data-action=split]")))
                .as("underwriters do not split parties").isEmpty();
        ui.script("arguments[0].scrollIntoView({block: 'start'});", ui.driver().findElement(By.cssSelector(".party-card")));
        ui.screenshot("party");

        ui.click(By.cssSelector(".party-card tr.member[data-customer='" + bank.no() + "'] a"));
        ui.waitForText(By.cssSelector(".page-head h2"), bank.no());
        ui.waitFor(By.cssSelector(".party-card tr.member[data-customer='" + agent.no() + "'] a"));
        assertThat(rows(".party-policies", "record")).containsExactlyInAnyOrder(agent.no(), bank.no());
    }

    @Test
    void aUserOfOneBranchSeesTheRecordOfAnotherBranchCountedButNeitherNamedNorItsPolicies() {
        Person person = person();
        Record guangdong = record(person, "RESIDENT_ID", person.residentId(), "GD");
        Record headOffice = record(person, "RESIDENT_ID", ResidentId.parse(person.residentId()).fifteenDigits(), "HQ");
        crm.policy(guangdong.id(), "AUTO", "ACTIVE", LocalDate.of(2024, 3, 1), LocalDate.of(2025, 3, 1), "3200.00");
        crm.policy(headOffice.id(), "CARGO", "ACTIVE", LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1), "9000.00");
        evaluate(guangdong, headOffice);
        String username = "gd-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = api.post("/api/v1/users", """
                {"username":"%s","password":"branch office secret","roles":["UNDERWRITER"],"branchCode":"GD"}
                """.formatted(username), "admin");
        assertThat(created.status()).as(created.body()).isIn(200, 201);

        ui.signIn(username, "branch office secret");
        ui.waitFor(By.cssSelector("#pages a"));
        ui.open("customers/" + guangdong.no());

        assertThat(ui.waitFor(By.cssSelector(".party-card .hidden-members")).getText()).contains("1");
        assertThat(memberNumbers()).containsExactly(guangdong.no());
        assertThat(rows(".party-policies", "record")).containsExactly(guangdong.no());
        assertThat(ui.driver().findElement(By.cssSelector(".party-card")).getText()).doesNotContain(headOffice.no()).doesNotContain("货运险");
    }

    @Test
    void anApproverComparesPairsSideBySideMergesOneAndKeepsAnotherApart() {
        Pair same = reviewPair();
        Pair different = reviewPair();
        long sameId = pendingCandidate(same);
        long differentId = pendingCandidate(different);

        ui.signIn("approver");
        ui.open("identity");

        WebElement card = ui.waitFor(candidate(sameId));
        assertThat(card.getText()).contains(same.first().no()).contains(same.second().no()).contains("姓名相同").contains("出生日期相同");
        assertThat(compared(sameId, "name")).isEqualTo("agree");
        assertThat(compared(sameId, "birthDate")).isEqualTo("agree");
        assertThat(compared(sameId, "idType")).isEqualTo("differ");
        assertThat(compared(sameId, "idNumber")).isEqualTo("differ");
        assertThat(compared(sameId, "branch")).isEqualTo("differ");
        assertThat(card.findElement(By.cssSelector("tr[data-field=idNumber] td:nth-child(2)")).getText())
                .as("approvers see the number whole").isEqualTo(same.first().idNumber());
        assertThat(ui.driver().findElement(By.cssSelector(".page-identity")).getText()).doesNotContain("null").doesNotContain("ident.");
        ui.screenshot("queue");
        // the queue as a file: the pending pairs, both of these among them
        ui.recordDownloads();
        String csv = new String(ui.download(By.cssSelector(".page-identity button[data-export=csv]")), StandardCharsets.UTF_8);
        assertThat(String.valueOf(ui.fetched(0, "url"))).contains("/api/v1/identity/candidates?status=PENDING");
        assertThat(csv).startsWith("\uFEFFid,customerNoA,customerNoB,evidence,rule,status,");
        assertThat(csv.lines()).anyMatch(line -> line.startsWith(sameId + ","))
                .anyMatch(line -> line.startsWith(differentId + ","));

        ui.click(By.cssSelector("article[data-candidate='" + sameId + "'] button[data-action=merge]"));
        ui.type(By.cssSelector("dialog.confirm textarea[name=note]"), "同一客户：代理人已电话核实");
        ui.click(By.cssSelector("dialog.confirm button[type=submit]"));
        ui.waitFor(By.cssSelector(".decisions .decided-merged[data-candidate='" + sameId + "']"));
        ui.waitUntilGone(candidate(sameId));

        ui.click(By.cssSelector("article[data-candidate='" + differentId + "'] button[data-action=reject]"));
        ui.click(By.cssSelector("dialog.confirm button[type=submit]"));
        ui.waitFor(By.cssSelector(".decisions .decided-rejected[data-candidate='" + differentId + "']"));
        ui.waitUntilGone(candidate(differentId));

        ui.driver().navigate().refresh();
        ui.waitFor(By.cssSelector(".status-tabs a.current[data-status=PENDING]"));
        ui.waitFor(By.cssSelector(".candidate-pager .pager"));
        assertThat(ui.driver().findElements(candidate(sameId))).as("merged: no longer pending").isEmpty();
        assertThat(ui.driver().findElements(candidate(differentId))).as("kept apart: no longer pending").isEmpty();
        ui.click(By.cssSelector(".status-tabs a[data-status=MERGED]"));
        assertThat(ui.waitFor(candidate(sameId)).getText()).contains("approver").contains("同一客户：代理人已电话核实");
        ui.click(By.cssSelector(".status-tabs a[data-status=REJECTED]"));
        ui.waitFor(candidate(differentId));

        ui.open("customers/" + same.second().no());
        ui.waitFor(By.cssSelector(".party-card tr.member[data-customer='" + same.first().no() + "']"));
        assertThat(memberNumbers()).containsExactlyInAnyOrder(same.first().no(), same.second().no());
        assertThat(ui.driver().findElement(By.cssSelector(".party-card tr.member[data-customer='" + same.second().no() + "']"))
                .getText()).contains("人工确认");
        ui.open("customers/" + different.second().no());
        ui.waitFor(By.cssSelector(".party-card .alone"));
        assertThat(memberNumbers()).containsExactly(different.second().no());
    }

    @Test
    void aMergeOfTwoDifferentResidentIdsIsRefusedNamingBothNumbers() {
        Person person = person();
        Record resident = record(person, "RESIDENT_ID", person.residentId(), "GD");
        Record passport = record(person, "PASSPORT", "E" + CrmFixtures.uniquePhone(), "HQ");
        String otherId = IdentityRecords.residentId(person.birth());
        Record other = record(person, "RESIDENT_ID", otherId, "SH");
        evaluate(resident, passport, other);
        Response merged = api.post("/api/v1/identity/candidates/" + pendingCandidate(new Pair(resident, passport)) + "/merge", "{}",
                "approver");
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        long conflicting = pendingCandidate(new Pair(passport, other));

        ui.signIn("approver");
        ui.open("identity");
        ui.click(By.cssSelector("article[data-candidate='" + conflicting + "'] button[data-action=merge]"));
        ui.click(By.cssSelector("dialog.confirm button[type=submit]"));

        WebElement error = ui.waitFor(By.cssSelector("article[data-candidate='" + conflicting + "'] .decision-error .form-error"));
        assertThat(error.getText()).contains("操作冲突").contains(person.residentId()).contains(otherId);
        assertThat(ui.driver().findElement(By.cssSelector("article[data-candidate='" + conflicting + "'] .conflict-hint")).getText())
                .contains("保持分开");
        assertThat(ui.driver().findElements(candidate(conflicting))).as("still pending, still shown").hasSize(1);
        ui.screenshot("conflict");
    }

    @Test
    void anAnalystReadsTheQueueAndPartiesButIsOfferedNoDecision() {
        Pair pair = reviewPair();
        long id = pendingCandidate(pair);

        ui.signIn("analyst");
        ui.open("identity");

        ui.waitFor(candidate(id));
        assertThat(ui.waitFor(By.cssSelector(".read-only")).getText()).contains("审批人");
        assertThat(ui.driver().findElements(By.cssSelector("button[data-action=merge], button[data-action=reject]"))).isEmpty();
        assertThat(ui.driver().findElement(By.cssSelector("article[data-candidate='" + id + "'] tr[data-field=idNumber] td:nth-child(2)"))
                .getText()).as("masked for a role that only looks").contains("*");
        ui.open("customers/" + pair.first().no());
        ui.waitFor(By.cssSelector(".party-card .party-policies"));
        assertThat(ui.driver().findElements(By.cssSelector("button[data-action=split]"))).isEmpty();
        ui.click(By.cssSelector(".party-card .pending-pairs a"));
        ui.waitFor(candidate(id));
    }

    @Test
    void anApproverSplitsARecordOffWithAReasonAndSeesThePartyThatResults() {
        Person person = person();
        Record first = record(person, "RESIDENT_ID", person.residentId(), "GD");
        Record second = record(person, "RESIDENT_ID", ResidentId.parse(person.residentId()).fifteenDigits(), "HQ");
        evaluate(first, second);
        long partyBefore = party(first.no()).get("partyNo").asLong();

        ui.signIn("approver");
        ui.open("customers/" + first.no());
        ui.click(By.cssSelector("button[data-action=split][data-customer='" + second.no() + "']"));
        ui.click(By.cssSelector("dialog.confirm button[type=submit]"));
        ui.waitFor(By.cssSelector("dialog.confirm textarea.invalid"));
        ui.type(By.cssSelector("dialog.confirm textarea[name=note]"), "母女同名，不是同一人");
        ui.click(By.cssSelector("dialog.confirm button[type=submit]"));

        ui.waitForText(By.cssSelector(".party-card .split-result"), second.no());
        assertThat(memberNumbers()).containsExactly(first.no());
        JsonNode after = party(second.no());
        assertThat(after.get("partyNo").asLong()).isNotEqualTo(partyBefore);
        assertThat(ui.driver().findElement(By.cssSelector(".party-card .split-result")).getText())
                .contains("#" + after.get("partyNo").asLong());
        assertThat(after.get("members")).hasSize(1);
    }

    @Test
    void theQueueAndThePartyReadInEnglish() {
        Pair pair = reviewPair();
        long id = pendingCandidate(pair);

        ui.signIn("approver");
        ui.open("identity");
        ui.waitFor(candidate(id));
        ui.click(By.id("lang"));

        ui.waitForText(By.cssSelector(".page-identity .page-head h2"), "Possible duplicates");
        WebElement card = ui.waitFor(candidate(id));
        assertThat(card.getText()).contains("Same name").contains("Same birth date").contains("Birth date").contains("Record A")
                .doesNotContain("姓名");
        assertThat(ui.driver().findElement(By.cssSelector("#pages a[data-page=identity]")).getText()).isEqualTo("Duplicates");
        assertThat(card.findElement(By.cssSelector("button[data-action=merge]")).getText()).isEqualTo("Merge: one customer");
        ui.screenshot("queue-en");

        ui.open("customers/" + pair.first().no());
        ui.waitForText(By.cssSelector(".party-card"), "Policies and claims of all records");
        assertThat(ui.driver().findElement(By.cssSelector(".party-card")).getText()).contains("Party no.").contains("Primary record");
    }

    @Test
    void theQueueFitsATablet() {
        long id = pendingCandidate(reviewPair());
        ui.atTabletWidth();
        ui.signIn("approver");
        ui.fitsTheWindow("identity", candidate(id), "queue");
    }

    private static By candidate(long id) {
        return By.cssSelector("article.candidate[data-candidate='" + id + "']");
    }

    /** How the queue compares a field of the pair: agree, differ or unknown. */
    private String compared(long candidateId, String field) {
        return ui.driver().findElement(By.cssSelector("article[data-candidate='" + candidateId + "'] tr[data-field=" + field + "]"))
                .getDomAttribute("data-compare");
    }

    private List<String> memberNumbers() {
        return ui.driver().findElements(By.cssSelector(".party-card tr.member")).stream()
                .map(tr -> tr.getDomAttribute("data-customer")).toList();
    }

    private List<String> rows(String table, String attribute) {
        return ui.driver().findElements(By.cssSelector(".party-card " + table + " tbody tr")).stream()
                .map(tr -> tr.getDomAttribute("data-" + attribute)).toList();
    }

    private record Person(String name, LocalDate birth, String residentId) {
    }

    private record Record(long id, String no, String idNumber) {
    }

    private record Pair(Record first, Record second) {
    }

    private static Person person() {
        LocalDate birth = LocalDate.of(1950 + ThreadLocalRandom.current().nextInt(40), 4, 17);
        return new Person("客" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(), birth, IdentityRecords.residentId(birth));
    }

    /** Two records with the same name and birth date and nothing else in common: the identity pack asks for review. */
    private Pair reviewPair() {
        Person person = person();
        Record first = record(person, "RESIDENT_ID", person.residentId(), "GD");
        Record second = record(person, "PASSPORT", "E" + CrmFixtures.uniquePhone(), "HQ");
        evaluate(first, second);
        return new Pair(first, second);
    }

    private long pendingCandidate(Pair pair) {
        List<JsonNode> found = api.getJson("/api/v1/identity/candidates?status=PENDING&size=100", "analyst").get("items")
                .valueStream()
                .filter(c -> List.of(c.get("customerNoA").asString(), c.get("customerNoB").asString())
                        .containsAll(List.of(pair.first().no(), pair.second().no())))
                .toList();
        assertThat(found).as("a pending candidate of %s and %s", pair.first().no(), pair.second().no()).hasSize(1);
        return found.get(0).get("id").asLong();
    }

    private JsonNode party(String customerNo) {
        return api.getJson("/api/v1/customers/" + customerNo + "/party", "approver");
    }

    private void evaluate(Record... records) {
        for (Record record : records) {
            Response response = api.post("/api/v1/customers/" + record.no() + "/evaluate", null, "underwriter");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
    }

    private Record record(Person person, String idType, String idNumber, String branch) {
        String customerNo = CrmFixtures.uniqueNumber();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO customer (customer_no, customer_type, name, id_type, id_number, birth_date, phone, branch_code,
                                              account_manager, created_at)
                        VALUES (:no, 'PERSON', :name, :idType, :idNumber, :birth, :phone, :branch, :manager, :at)
                        """)
                .params(Map.of("no", customerNo, "name", person.name(), "idType", idType, "idNumber", idNumber,
                        "birth", person.birth(), "phone", CrmFixtures.uniquePhone(), "branch", branch,
                        "manager", "AM-" + branch, "at", LocalDateTime.of(2020, 1, 1, 9, 0)))
                .update(key);
        return new Record(key.getKey().longValue(), customerNo, idNumber);
    }
}
