package io.decisioning.service.rulepack;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.rules.engine.CompiledPack;
import io.decisioning.rules.engine.Evaluation;
import io.decisioning.rules.engine.EvaluationInput;
import io.decisioning.rules.engine.RuleSet;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.ApiClient;
import io.decisioning.service.assessment.AssessmentPipeline;
import io.decisioning.service.assessment.IdRange;
import io.decisioning.service.assessment.Selection;
import io.decisioning.service.customer.CrmFixtures;
import io.decisioning.service.demo.DemoBooks;
import io.decisioning.service.engine.RuleEngine;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The rule pack lifecycle over HTTP on the embedded MariaDB: drafts (invalid ones kept with their
 * errors), tests, simulation with exact counts on a generated book, maker-checker publishing,
 * new answers right after, rollback, concurrent publishes, a looping rule, and versions published
 * elsewhere picked up by this node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RulePackLifecycleTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    RuleEngine engine;

    @Autowired
    AssessmentPipeline pipeline;


    ApiClient api;
    RulePackFixtures rulePacks;
    CrmFixtures crm;
    LocalDate today;

    @BeforeAll
    void setUp() {
        api = new ApiClient(port);
        rulePacks = new RulePackFixtures(api, jdbc);
        crm = new CrmFixtures(jdbc);
        today = CrmFixtures.today();
        DemoBooks.write(dataSource, 2_000, 5, today);
    }

    @Test
    void aVersionThatWouldDecideTheTierAfterTheDecisionIsRefusedWithTheEnginesReason() {
        int published = rulePacks.publishedVersion("tiering");
        String descriptor = api.get("/api/v1/rule-packs/tiering/versions/" + published, "analyst").json()
                .get("files").get("pack.properties").asString();
        Response draft = rulePacks.post("/api/v1/rule-packs/tiering/versions", Map.of(
                "baseVersion", published,
                "comment", "Tiers after the decision",
                "files", Map.of("pack.properties", descriptor.replace("order=40", "order=60"))), "analyst");
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        assertThat(draft.json().get("valid").asBoolean()).as("it compiles").isTrue();
        int version = draft.json().get("version").asInt();

        Response test = api.post("/api/v1/rule-packs/tiering/versions/" + version + "/test", null, "analyst");
        Response simulate = api.post("/api/v1/rule-packs/tiering/versions/" + version + "/simulate", null, "analyst");
        Response publish = api.post("/api/v1/rule-packs/tiering/versions/" + version + "/publish", null, "approver");

        for (Response refused : List.of(test, simulate, publish)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.json().get("detail").asString()).contains("tiering", "60", "decision", "TIR-");
        }
        assertThat(rulePacks.publishedVersion("tiering")).isEqualTo(published);
    }

    @Test
    void aThresholdChangeGoesFromDraftToTestToSimulationToPublishToNewAnswersAndBack() throws Exception {
        long claimant = crm.customer();
        long policy = crm.policy(claimant, "ACTIVE", today.minusYears(1), today.plusMonths(6), "2000.00");
        for (int i = 1; i <= 3; i++) {
            crm.claim(claimant, policy, today.minusDays(20L * i), "PAID", "10.00");
        }
        String claimantNo = crm.customerNo(claimant);
        assertThat(grade(claimantNo)).isEqualTo("POOR_QUALITY");
        int published = rulePacks.publishedVersion("grading");
        JsonNode current = api.get("/api/v1/rule-packs/grading/versions/" + published, "analyst").json();
        String table = current.get("files").get("grade-thresholds.drl.csv").asString();
        String scenarios = current.get("files").get("grading.scenarios.csv").asString();
        assertThat(table).contains("GRD-050 Poor quality by repeated claims,79,,,,3,");

        // 1. a draft that raises the claim-count limit from 3 to 4: it compiles, but a scenario now fails
        Response draft = rulePacks.post("/api/v1/rule-packs/grading/versions", Map.of(
                "baseVersion", published,
                "comment", "Poor quality from 4 claims a year",
                "files", Map.of("grade-thresholds.drl.csv",
                        table.replace("GRD-050 Poor quality by repeated claims,79,,,,3,", "GRD-050 Poor quality by repeated claims,79,,,,4,"))),
                "analyst");
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        assertThat(draft.json().get("valid").asBoolean()).isTrue();
        assertThat(draft.json().get("status").asString()).isEqualTo("DRAFT");
        int first = draft.json().get("version").asInt();
        Response failing = api.post("/api/v1/rule-packs/grading/versions/" + first + "/test", null, "analyst");
        assertThat(failing.status()).as(failing.body()).isEqualTo(200);
        assertThat(failing.json().get("failed").asInt()).isEqualTo(1);
        JsonNode mismatch = null;
        for (JsonNode result : failing.json().get("results")) {
            if (!result.get("passed").asBoolean()) {
                mismatch = result;
            }
        }
        assertThat(mismatch.get("name").asString()).isEqualTo("Three claims in 12 months is poor quality");
        assertThat(mismatch.get("mismatches").get(0).get("expected").asString()).isEqualTo("POOR_QUALITY");
        assertThat(mismatch.get("mismatches").get(0).get("actual").asString()).isEqualTo("STANDARD");

        // 2. the analyst moves the scenario to the new boundary
        Response fixed = rulePacks.post("/api/v1/rule-packs/grading/versions", Map.of(
                "baseVersion", first,
                "comment", "Scenario at the new boundary",
                "files", Map.of("grading.scenarios.csv", scenarios.replace(
                        "Three claims in 12 months is poor quality,,1000,0.2,3,0,1,0.001,30,,POOR_QUALITY,RESTRICTED,REFER,GRD-050",
                        "Three claims in 12 months is no longer poor quality,,1000,0.2,3,0,1,0.001,30,,STANDARD,,,GRD-090"))),
                "analyst");
        int version = fixed.json().get("version").asInt();
        Response passing = api.post("/api/v1/rule-packs/grading/versions/" + version + "/test", null, "analyst");
        assertThat(passing.json().get("failed").asInt()).as(passing.body()).isZero();
        assertThat(passing.json().get("passed").asInt()).isPositive();

        // 3. publishing needs a simulation first
        Response early = api.post("/api/v1/rule-packs/grading/versions/" + version + "/publish", null, "approver");
        assertThat(early.status()).as(early.body()).isEqualTo(409);
        assertThat(early.body()).contains("simulat");

        Response simulate = api.post("/api/v1/rule-packs/grading/versions/" + version + "/simulate", null, "analyst");
        assertThat(simulate.status()).as(simulate.body()).isEqualTo(202);
        JsonNode simulation = rulePacks.awaitEnd("/api/v1/rule-packs/grading/versions/" + version + "/simulation", "approver");
        assertThat(simulation.get("status").asString()).as(simulation.toString()).isEqualTo("DONE");
        Expected expected = expectedChanges(engine.prepared("grading", version));
        Map<String, Long> simulated = new TreeMap<>();
        for (JsonNode transition : simulation.get("transitions")) {
            if (transition.get("field").asString().equals("grade")) {
                simulated.put(transition.get("from").asString() + "->" + transition.get("to").asString(),
                        transition.get("count").asLong());
            }
        }
        assertThat(simulated).isEqualTo(expected.gradeTransitions()).isNotEmpty();
        assertThat(simulation.get("changed").asLong()).isEqualTo(expected.changed());
        // each changed customer's premium counted once, however many of its outcomes changed
        assertThat(simulation.get("changedPremium").decimalValue()).isEqualByComparingTo(expected.changedPremium());
        assertThat(simulation.get("processed").asLong()).isEqualTo(simulation.get("customers").asLong());
        assertThat(simulation.get("examples").get(0).get("customers")).isNotEmpty();
        assertThat(grade(claimantNo)).as("a simulation changes no assessment").isEqualTo("POOR_QUALITY");
        everyChangeIsListedAndExported(version, simulation, claimantNo);

        // 4. maker-checker: analysts cannot publish; an approver who wrote the version cannot either
        assertThat(api.post("/api/v1/rule-packs/grading/versions/" + version + "/publish", null, "analyst").status())
                .isEqualTo(403);
        Response published2 = api.post("/api/v1/rule-packs/grading/versions/" + version + "/publish", null, "approver");
        assertThat(published2.status()).as(published2.body()).isEqualTo(200);
        assertThat(published2.json().get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(rulePacks.publishedVersion("grading")).isEqualTo(version);
        assertThat(engine.versions().get("grading")).isEqualTo(version);

        // 5. new answers at once, naming the new version
        JsonNode after = api.post("/api/v1/customers/" + claimantNo + "/evaluate", null, "underwriter").json();
        assertThat(after.get("grade").asString()).isNotEqualTo("POOR_QUALITY");
        assertThat(after.get("rulePacks").get("grading").asInt()).isEqualTo(version);

        // 6. rollback: the previous version is live again
        Response rollback = rulePacks.post("/api/v1/rule-packs/grading/rollback", Map.of("reason", "Too lenient"), "approver");
        assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
        assertThat(rollback.json().get("version").asInt()).isEqualTo(published);
        assertThat(engine.versions().get("grading")).isEqualTo(published);
        assertThat(grade(claimantNo)).isEqualTo("POOR_QUALITY");
        assertThat(jdbc.sql("SELECT status FROM rule_pack_version WHERE pack = 'grading' AND version = :v")
                .param("v", version).query(String.class).single()).isEqualTo("RETIRED");
        assertThat(jdbc.sql("""
                        SELECT action FROM audit_event WHERE target_type = 'RULE_PACK_VERSION'
                           AND target_id IN (:ids) ORDER BY id
                        """).param("ids", List.of("grading:" + first, "grading:" + version, "grading:" + published))
                .query(String.class).list())
                .contains("RULE_PACK_DRAFT", "RULE_PACK_TEST", "RULE_PACK_SIMULATE", "RULE_PACK_PUBLISH", "RULE_PACK_ROLLBACK");
    }

    /**
     * The simulation's changed customers, all of them (DESIGN.md section 14): each transition lists as many changes as
     * it counts, and the export holds them all.
     */
    private void everyChangeIsListedAndExported(int version, JsonNode simulation, String claimantNo) {
        String changes = "/api/v1/rule-packs/grading/versions/" + version + "/simulation/changes";
        long all = 0;
        for (JsonNode transition : simulation.get("transitions")) {
            JsonNode listed = api.getJson(changes + "?size=500&field=" + transition.get("field").asString()
                    + "&from=" + encode(transition.get("from").asString()) + "&to=" + encode(transition.get("to").asString()), "admin");
            assertThat(listed.get("total").asLong()).as(transition.toString()).isEqualTo(transition.get("count").asLong());
            all += transition.get("count").asLong();
        }
        JsonNode claimant = api.getJson(changes + "?field=grade&from=POOR_QUALITY&to=STANDARD&size=500", "admin");
        assertThat(claimant.get("items").valueStream().map(item -> item.get("customerNo").asString())).contains(claimantNo);

        ApiClient.Download csv = api.download(changes, "text/csv", "admin");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentDisposition()).contains("simulation-grading-v" + version + ".csv");
        List<String> lines = csv.text().lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFFcustomerNo,name,branchCode,field,from,to,annualPremium");
        assertThat(lines).hasSize((int) all + 1);
        assertThat(lines).anyMatch(line -> line.startsWith(claimantNo + ",") && line.contains(",grade,POOR_QUALITY,STANDARD,"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void anIdentityDraftHasItsTableChecksAndIsSimulatedOnTheBooksPartiesBeforeAnApproverPublishesIt() {
        // one person entered twice by name and birth date, with two phones: a REVIEW pair under the live version
        String name = "模" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String first = sameNameAndBirthDate(name, "GD");
        String second = sameNameAndBirthDate(name, "HQ");
        for (String customerNo : List.of(first, second)) {
            assertThat(api.post("/api/v1/customers/" + customerNo + "/evaluate", null, "underwriter").status()).isEqualTo(200);
        }
        int published = rulePacks.publishedVersion("identity");
        String table = api.get("/api/v1/rule-packs/identity/versions/" + published, "analyst").json()
                .get("files").get("linking.drl.csv").asString();
        String review = "IDN-040 Same name and birth date,70,,,true,true,,REVIEW";
        assertThat(table).contains(review);

        // 1. a row below a more general one: the table checks say so at its cell, in the version's view
        Response shadowed = rulePacks.post("/api/v1/rule-packs/identity/versions", Map.of("baseVersion", published,
                "comment", "A row that never decides", "files", Map.of("linking.drl.csv",
                        table.strip() + "\nIDN-060 Same identity and phone,60,,true,,,true,AUTO_LINK\n")), "analyst");
        assertThat(shadowed.status()).as(shadowed.body()).isEqualTo(201);
        JsonNode lint = api.get("/api/v1/rule-packs/identity/versions/" + shadowed.json().get("version").asInt(), "analyst")
                .json().get("lint");
        assertThat(lint).as(lint.toString()).hasSize(1);
        assertThat(lint.get(0).get("kind").asString()).isEqualTo("UNREACHABLE_ROW");
        assertThat(lint.get(0).get("cell").asString()).isEqualTo("A15");
        assertThat(lint.get(0).get("message").asString()).contains("IDN-020");

        // 2. name and birth date linked at once: more links, fewer reviews, fewer parties
        Response draft = rulePacks.post("/api/v1/rule-packs/identity/versions", Map.of("baseVersion", published,
                "comment", "Same name and birth date is the same person", "files", Map.of("linking.drl.csv",
                        table.replace(review, "IDN-040 Same name and birth date,70,,,true,true,,AUTO_LINK"))), "analyst");
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        assertThat(draft.json().get("lint")).isEmpty();
        JsonNode simulation = rulePacks.simulateToTheEnd("identity", draft.json().get("version").asInt());
        assertThat(simulation.get("status").asString()).as(simulation.toString()).isEqualTo("DONE");
        JsonNode identity = simulation.get("identity");
        Map<String, JsonNode> outcomes = new HashMap<>();
        identity.get("outcomes").forEach(o -> outcomes.put(o.get("outcome").asString(), o));
        assertThat(outcomes.get("AUTO_LINK").get("pairsDraft").asLong()).isGreaterThan(outcomes.get("AUTO_LINK").get("pairsNow").asLong());
        assertThat(outcomes.get("REVIEW").get("pairsDraft").asLong()).isLessThan(outcomes.get("REVIEW").get("pairsNow").asLong());
        assertThat(identity.get("partiesDraft").asLong()).isLessThan(identity.get("partiesNow").asLong());
        assertThat(identity.get("reviewQueueDraft").asLong()).isLessThan(identity.get("reviewQueueNow").asLong());
        assertThat(simulation.get("changed").asLong()).isEqualTo(identity.get("recordsChangingParty").asLong()).isPositive();
        assertThat(simulation.get("processed").asLong()).isEqualTo(simulation.get("customers").asLong());
        assertThat(simulation.get("transitions")).isEmpty();
        JsonNode change = identity.get("changes").get(0);
        assertThat(change.get("from").asString() + "->" + change.get("to").asString()).isEqualTo("REVIEW->AUTO_LINK");
        assertThat(change.get("examples")).isNotEmpty();
        assertThat(change.get("examples").get(0).get("ruleNow").asString()).startsWith("IDN-040");

        // 3. an unchanged copy changes nothing, and once simulated an approver may publish it
        int copy = rulePacks.copyOfPublished("identity", "analyst");
        assertThat(api.post("/api/v1/rule-packs/identity/versions/" + copy + "/publish", null, "approver").status()).isEqualTo(409);
        JsonNode unchanged = rulePacks.simulateToTheEnd("identity", copy);
        assertThat(unchanged.get("status").asString()).isEqualTo("DONE");
        assertThat(unchanged.get("identity").get("changedPairs").asLong()).isZero();
        assertThat(unchanged.get("identity").get("changes")).isEmpty();
        assertThat(unchanged.get("changed").asLong()).isZero();
        Response publish = api.post("/api/v1/rule-packs/identity/versions/" + copy + "/publish", null, "approver");
        assertThat(publish.status()).as(publish.body()).isEqualTo(200);
        assertThat(engine.versions().get("identity")).isEqualTo(copy);
        Response rollback = rulePacks.post("/api/v1/rule-packs/identity/rollback", Map.of("reason", "Back to the version before"), "approver");
        assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
        assertThat(engine.versions().get("identity")).isEqualTo(published);
    }

    @Test
    void anIdentityRuleWhoseActionNeverReturnsIsStoppedInTheTableChecksAndInTheSimulation() {
        String name = "模" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        for (String customerNo : List.of(sameNameAndBirthDate(name, "GD"), sameNameAndBirthDate(name, "GD"))) {
            assertThat(api.post("/api/v1/customers/" + customerNo + "/evaluate", null, "underwriter").status()).isEqualTo(200);
        }
        long started = System.nanoTime();
        Response draft = rulePacks.post("/api/v1/rule-packs/identity/versions", Map.of(
                "baseVersion", rulePacks.publishedVersion("identity"),
                "files", Map.of("spin.drl", """
                        package packs.identity;
                        import io.decisioning.rules.*;
                        rule "IDN-667 spins in its action"
                        when
                            $p : RecordPair()
                        then
                            long i = 1;
                            while (i > 0) { i = (i * 31 + 7) % 1000003 + 1; }
                        end
                        """)), "analyst");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).as("saved after the limit, not never").isLessThan(30);
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        assertThat(draft.json().get("valid").asBoolean()).as(draft.body()).isTrue();
        assertThat(draft.json().get("lint").toString()).contains("NOT_ANALYSED", "did not finish within 8 s");
        int version = draft.json().get("version").asInt();

        JsonNode simulation = rulePacks.simulateToTheEnd("identity", version);
        assertThat(simulation.get("status").asString()).isEqualTo("FAILED");
        assertThat(simulation.get("error").asString()).contains("did not finish within 8 s");
        assertThat(api.post("/api/v1/rule-packs/identity/versions/" + version + "/publish", null, "approver").status())
                .isEqualTo(409);
    }

    /** A person's record by name and birth date, with a phone and a passport of its own; its customer number. */
    private String sameNameAndBirthDate(String name, String branch) {
        String customerNo = CrmFixtures.uniqueNumber();
        jdbc.sql("""
                        INSERT INTO customer (customer_no, customer_type, name, id_type, id_number, birth_date, phone, branch_code,
                                              created_at)
                        VALUES (:no, 'PERSON', :name, 'PASSPORT', :passport, :birth, :phone, :branch, :at)
                        """)
                .param("no", customerNo).param("name", name).param("passport", "E" + CrmFixtures.uniquePhone())
                .param("birth", LocalDate.of(1972, 3, 4)).param("phone", CrmFixtures.uniquePhone()).param("branch", branch)
                .param("at", java.time.LocalDateTime.of(2020, 1, 1, 9, 0))
                .update();
        return customerNo;
    }

    @Test
    void anInvalidDraftIsKeptWithEveryErrorAndCannotBeTestedSimulatedOrPublished() {
        Response draft = rulePacks.post("/api/v1/rule-packs/tiering/versions", Map.of(
                "baseVersion", rulePacks.publishedVersion("tiering"),
                "files", Map.of("broken.drl", "package packs.tiering;\nrule \"TIR-999 broken\"\nwhen\n  $p : NoSuchFact(x > )\nthen\nend\n")),
                "analyst");
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        assertThat(draft.json().get("valid").asBoolean()).isFalse();
        JsonNode error = draft.json().get("errors").get(0);
        assertThat(error.get("file").asString()).isEqualTo("broken.drl");
        assertThat(error.get("line").asInt()).isPositive();
        int version = draft.json().get("version").asInt();
        JsonNode stored = api.get("/api/v1/rule-packs/tiering/versions/" + version, "approver").json();
        assertThat(stored.get("version").get("valid").asBoolean()).isFalse();
        assertThat(stored.get("files").has("broken.drl")).isTrue();
        assertThat(api.post("/api/v1/rule-packs/tiering/versions/" + version + "/test", null, "analyst").status()).isEqualTo(409);
        assertThat(api.post("/api/v1/rule-packs/tiering/versions/" + version + "/simulate", null, "analyst").status()).isEqualTo(409);
        assertThat(api.post("/api/v1/rule-packs/tiering/versions/" + version + "/publish", null, "approver").status()).isEqualTo(409);

        Response badName = rulePacks.post("/api/v1/rule-packs/tiering/versions", Map.of("files", Map.of("../etc/passwd", "x")), "analyst");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body()).contains("files.../etc/passwd");
        Response unknownPack = rulePacks.post("/api/v1/rule-packs/nosuch/versions", Map.of("files", Map.of("a.drl", "x")), "analyst");
        assertThat(unknownPack.status()).isEqualTo(404);
        assertThat(api.post("/api/v1/rule-packs/tiering/versions", "{\"files\":{}}", "analyst").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/rule-packs/tiering/versions", "{\"files\":{\"a.drl\":\"x\"}}", "underwriter").status())
                .isEqualTo(403);
    }

    @Test
    void aDraftComesWithTheTableChecksPointingAtTheCell() {
        int published = rulePacks.publishedVersion("grading");
        String table = api.get("/api/v1/rule-packs/grading/versions/" + published, "analyst").json()
                .get("files").get("grade-thresholds.drl.csv").asString();
        String withShadowedRow = table.stripTrailing() + "\nGRD-075 High quality that can never be,60,,,,5,,,HIGH_QUALITY\n";
        Response draft = rulePacks.post("/api/v1/rule-packs/grading/versions", Map.of("baseVersion", published,
                "files", Map.of("grade-thresholds.drl.csv", withShadowedRow)), "analyst");
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        assertThat(draft.json().get("valid").asBoolean()).isTrue();
        JsonNode unreachable = null;
        for (JsonNode finding : draft.json().get("lint")) {
            if (finding.get("kind").asString().equals("UNREACHABLE_ROW")) {
                unreachable = finding;
            }
        }
        assertThat(unreachable).as(draft.body()).isNotNull();
        assertThat(unreachable.get("file").asString()).isEqualTo("grade-thresholds.drl.csv");
        assertThat(unreachable.get("severity").asString()).isEqualTo("ERROR");
        assertThat(unreachable.get("cell").asString()).matches("A\\d+");
        assertThat(unreachable.get("message").asString()).contains("GRD-050");
        JsonNode stored = api.get("/api/v1/rule-packs/grading/versions/" + draft.json().get("version").asInt(), "analyst").json();
        assertThat(stored.get("lint").toString()).contains("UNREACHABLE_ROW");
    }

    @Test
    void anAuthorCannotPublishTheirOwnVersion() {
        int version = rulePacks.copyOfPublished("tiering", "admin");
        Response own = api.post("/api/v1/rule-packs/tiering/versions/" + version + "/publish", null, "admin");
        assertThat(own.status()).as(own.body()).isEqualTo(403);
        assertThat(own.body()).contains("maker-checker");
    }

    @Test
    void twoPublishesAtOnceLeaveOnePublishedVersionAndUniqueNumbers() throws Exception {
        int a = rulePacks.copyOfPublished("decision", "analyst");
        int b = rulePacks.copyOfPublished("decision", "analyst");
        rulePacks.simulateToTheEnd("decision", a);
        rulePacks.simulateToTheEnd("decision", b);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Response>> answers = pool.invokeAll(List.<Callable<Response>>of(
                    () -> api.post("/api/v1/rule-packs/decision/versions/" + a + "/publish", null, "approver"),
                    () -> api.post("/api/v1/rule-packs/decision/versions/" + b + "/publish", null, "admin")));
            for (Future<Response> answer : answers) {
                assertThat(answer.get().status()).as(answer.get().body()).isIn(200, 409);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM rule_pack_version WHERE pack = 'decision' AND status = 'PUBLISHED'")
                .query(Integer.class).single()).isEqualTo(1);
        List<Long> sequence = jdbc.sql("""
                        SELECT publication_seq FROM rule_pack_version WHERE pack = 'decision' AND publication_seq IS NOT NULL
                        """).query(Long.class).list();
        assertThat(sequence).doesNotHaveDuplicates();
        assertThat(engine.versions().get("decision")).isEqualTo(rulePacks.publishedVersion("decision"));
    }

    @Test
    void aLoopingRuleFailsItsTestsAndItsSimulationAndCannotBePublished() {
        int version = rulePacks.draft("tiering", rulePacks.publishedVersion("tiering"), null, Map.of("loop.drl", """
                        package packs.tiering;
                        import io.decisioning.rules.*;
                        rule "TIR-665 starts counting"
                        when
                            $p : CustomerProfile()
                        then
                            insert(Long.valueOf(0));
                        end
                        rule "TIR-666 counts forever"
                        when
                            $n : Long()
                        then
                            insert(Long.valueOf($n + 1));
                        end
                        """), "analyst");

        Response test = api.post("/api/v1/rule-packs/tiering/versions/" + version + "/test", null, "analyst");
        assertThat(test.status()).as(test.body()).isEqualTo(200);
        assertThat(test.json().get("failed").asInt()).isPositive();
        JsonNode simulation = rulePacks.simulateToTheEnd("tiering", version);
        assertThat(simulation.get("status").asString()).isEqualTo("FAILED");
        assertThat(simulation.get("failed").asLong()).isPositive();
        Response publish = api.post("/api/v1/rule-packs/tiering/versions/" + version + "/publish", null, "approver");
        assertThat(publish.status()).as(publish.body()).isEqualTo(409);
        assertThat(engine.versions().get("tiering")).isEqualTo(rulePacks.publishedVersion("tiering"));
    }

    @Test
    void aRuleWhoseActionNeverReturnsIsStoppedAndItsVersionCannotBePublished() {
        int version = rulePacks.draft("tiering", rulePacks.publishedVersion("tiering"), null, Map.of("spin.drl", """
                        package packs.tiering;
                        import io.decisioning.rules.*;
                        rule "TIR-667 spins in its action"
                        when
                            $p : CustomerProfile()
                        then
                            long i = 1;
                            while (i > 0) { i = (i * 31 + 7) % 1000003 + 1; }
                        end
                        """), "analyst");

        long started = System.nanoTime();
        Response test = api.post("/api/v1/rule-packs/tiering/versions/" + version + "/test", null, "analyst");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertThat(test.status()).as(test.body()).isEqualTo(409);
        assertThat(test.body()).contains("did not finish within 8 s");
        assertThat(seconds).as("answered after the limit, not never").isLessThan(30);
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("rules-sandbox") && t.isAlive()))
                .as("the spinning thread was stopped").isEmpty();

        JsonNode simulation = rulePacks.simulateToTheEnd("tiering", version);
        assertThat(simulation.get("status").asString()).isEqualTo("FAILED");
        assertThat(simulation.get("error").asString()).contains("did not finish within 8 s");
        Response publish = api.post("/api/v1/rule-packs/tiering/versions/" + version + "/publish", null, "approver");
        assertThat(publish.status()).as(publish.body()).isEqualTo(409);
        assertThat(engine.versions().get("tiering")).isEqualTo(rulePacks.publishedVersion("tiering"));

        Response health = api.get("/api/v1/rule-packs", "analyst");
        assertThat(health.status()).as("the service is still up").isEqualTo(200);
    }

    @Test
    void aVersionPublishedByAnotherNodeIsLiveHereWithinFiveSeconds() throws Exception {
        int version = rulePacks.copyOfPublished("warnings", "analyst");
        int before = rulePacks.publishedVersion("warnings");
        // what another node's publish leaves in the database
        jdbc.sql("UPDATE rule_pack_version SET status = 'RETIRED' WHERE pack = 'warnings' AND version = :v")
                .param("v", before).update();
        jdbc.sql("""
                        UPDATE rule_pack_version SET status = 'PUBLISHED', published_by = 'elsewhere',
                               publication_seq = (SELECT s FROM (SELECT MAX(publication_seq) + 1 AS s FROM rule_pack_version
                                                                  WHERE pack = 'warnings') x)
                         WHERE pack = 'warnings' AND version = :v
                        """).param("v", version).update();
        long started = System.nanoTime();
        RulePackFixtures.await(Duration.ofSeconds(5), () -> engine.versions().get("warnings") == version ? Boolean.TRUE : null);
        System.out.printf("picked up in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        JsonNode nodes = RulePackFixtures.await(Duration.ofSeconds(5), () -> {
            JsonNode list = api.get("/api/v1/rule-packs/nodes", "analyst").json();
            for (JsonNode node : list) {
                if (node.get("thisNode").asBoolean() && node.get("liveVersions").get("warnings").asInt() == version) {
                    return list;
                }
            }
            return null;
        });
        assertThat(nodes).isNotEmpty();
        // and back, through the API
        Response rollback = api.post("/api/v1/rule-packs/warnings/rollback", null, "approver");
        assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
        assertThat(engine.versions().get("warnings")).isEqualTo(before);
    }

    @Test
    void aDecisionTableUploadedAsXlsxReplacesTheCsvAndPassesTheScenarios() throws Exception {
        int published = rulePacks.publishedVersion("grading");
        JsonNode current = api.get("/api/v1/rule-packs/grading/versions/" + published, "analyst").json().get("files");
        String csv = current.get("grade-thresholds.drl.csv").asString();
        String descriptor = current.get("pack.properties").asString();
        byte[] xlsx;
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
             java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            org.apache.poi.ss.usermodel.Sheet sheet = workbook.createSheet("Grade thresholds");
            List<List<String>> rows = csvRows(csv);
            for (int r = 0; r < rows.size(); r++) {
                org.apache.poi.ss.usermodel.Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    String cell = rows.get(r).get(c);
                    if (!cell.isEmpty()) {
                        row.createCell(c).setCellValue(cell);
                    }
                }
            }
            workbook.write(out);
            xlsx = out.toByteArray();
        }
        Map<String, Object> files = new HashMap<>();
        files.put("grade-thresholds.drl.csv", null);
        files.put("grade-thresholds.drl.xlsx", java.util.Base64.getEncoder().encodeToString(xlsx));
        files.put("pack.properties", descriptor.replace("grade-thresholds.drl.csv", "grade-thresholds.drl.xlsx"));
        int version = rulePacks.draft("grading", published, "thresholds as a spreadsheet", files, "analyst");
        Response test = api.post("/api/v1/rule-packs/grading/versions/" + version + "/test", null, "analyst");
        assertThat(test.json().get("failed").asInt()).as(test.body()).isZero();
        JsonNode stored = api.get("/api/v1/rule-packs/grading/versions/" + version, "analyst").json();
        assertThat(stored.get("files").has("grade-thresholds.drl.csv")).isFalse();
        assertThat(java.util.Base64.getDecoder().decode(stored.get("files").get("grade-thresholds.drl.xlsx").asString()))
                .isEqualTo(xlsx);

        Response notBase64 = rulePacks.post("/api/v1/rule-packs/grading/versions", Map.of("baseVersion", published,
                "files", Map.of("other.drl.xlsx", "%%% not base64 %%%")), "analyst");
        assertThat(notBase64.status()).isEqualTo(400);
        assertThat(notBase64.body()).contains("files.other.drl.xlsx");
    }

    /** A CSV file's rows and cells (quoted cells with commas and doubled quotes). */
    private static List<List<String>> csvRows(String csv) {
        List<List<String>> rows = new java.util.ArrayList<>();
        for (String line : csv.split("\r?\n")) {
            List<String> cells = new java.util.ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void everyRuleFiringIsCountedPerPackRuleAndVersion() {
        long claimant = crm.customer();
        long policy = crm.policy(claimant, "ACTIVE", today.minusYears(1), today.plusMonths(6), "2000.00");
        for (int i = 1; i <= 3; i++) {
            crm.claim(claimant, policy, today.minusDays(20L * i), "PAID", "10.00");
        }
        double before = fires();
        assertThat(grade(crm.customerNo(claimant))).isEqualTo("POOR_QUALITY");
        assertThat(fires()).isEqualTo(before + 1);
        Response metric = api.get("/actuator/metrics/decisioning.rule.fires", "admin");
        assertThat(metric.status()).isEqualTo(200);
        assertThat(metric.body()).contains("\"version\"").contains("\"rule\"").doesNotContain(crm.customerNo(claimant));
        assertThat(api.get("/actuator/metrics/decisioning.rule.fires", "analyst").status()).isEqualTo(403);
    }

    private double fires() {
        Response metric = api.get("/actuator/metrics/decisioning.rule.fires?tag=pack:grading&tag=rule:GRD-050", "admin");
        if (metric.status() == 404) {
            return 0;
        }
        assertThat(metric.status()).as(metric.body()).isEqualTo(200);
        return metric.json().get("measurements").get(0).get("value").asDouble();
    }

    /** What a simulation should find: its grade transitions, the customers changed and their annual premium. */
    private record Expected(Map<String, Long> gradeTransitions, long changed, BigDecimal changedPremium) {
    }

    /** What the simulation should find, computed customer by customer in the test. */
    private Expected expectedChanges(CompiledPack draft) {
        RuleSet published = engine.current();
        RuleSet candidate = published.with(draft);
        IdRange book = new IdRange(jdbc.sql("SELECT MIN(id) FROM customer").query(Long.class).single(),
                jdbc.sql("SELECT MAX(id) FROM customer").query(Long.class).single());
        Map<String, Long> transitions = new TreeMap<>();
        long changed = 0;
        BigDecimal premium = BigDecimal.ZERO;
        for (EvaluationInput input : pipeline.read(Selection.range(book), today).inputs()) {
            Evaluation before = published.evaluate(input);
            Evaluation after = candidate.evaluate(input);
            if (before.grade() != after.grade()) {
                transitions.merge(before.grade() + "->" + after.grade(), 1L, Long::sum);
            }
            if (before.grade() != after.grade() || before.tier() != after.tier() || before.decision() != after.decision()
                    || !SimulationService.warnings(before.warnings()).equals(SimulationService.warnings(after.warnings()))) {
                changed++;
                premium = premium.add(BigDecimal.valueOf(input.profile().annualPremium()));
            }
        }
        return new Expected(transitions, changed, premium);
    }

    private String grade(String customerNo) {
        return api.post("/api/v1/customers/" + customerNo + "/evaluate", null, "underwriter").json().get("grade").asString();
    }
}
