package io.decisioning.service.complaint;

import static io.decisioning.service.ProblemAssertions.assertInvalid;
import static io.decisioning.service.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.Await;
import io.decisioning.service.customer.CrmFixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Complaints over real HTTP on the real database (DESIGN.md section 13): the time-limit work queue in its order with
 * its filters and bad input, a complaint's state reaching its warning through the event path, and the monthly
 * analysis of a crafted month, each figure worked out by hand, in JSON, CSV and a workbook. Each test's complaints are
 * in a branch of their own and deleted after it: left in the shared database they would make every later test's CRM
 * one that keeps complaints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ComplaintApiTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    CrmFixtures crm;
    LocalDate d;
    String branch;
    ComplaintBook book;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        crm = new CrmFixtures(jdbc);
        d = CrmFixtures.today();
        book = new ComplaintBook(jdbc);
        branch = book.branch();
    }

    @AfterEach
    void deleteTheComplaints() {
        book.delete();
    }

    private String complaint(@Nullable Long customerId, String channel, @Nullable String category, String complexity,
                             LocalDate received, String status, @Nullable LocalDate decided, @Nullable String rootCause) {
        return book.complaint(customerId, channel, category, complexity, received, status, decided, rootCause);
    }

    private static LocalDateTime noon(LocalDate day) {
        return ComplaintBook.noon(day);
    }

    private void evaluate(long customerId) {
        Response evaluated = api.post("/api/v1/customers/" + crm.customerNo(customerId) + "/evaluate", null, "admin");
        assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(200);
    }

    private Set<String> openWarnings(long customerId) {
        Set<String> types = new TreeSet<>();
        api.getJson("/api/v1/warnings?status=OPEN&customerNo=" + crm.customerNo(customerId), "admin").get("items")
                .valueStream().forEach(w -> types.add(w.get("type").asString()));
        return types;
    }

    @Test
    void theQueueListsOverdueAndAtRiskFirstThenByDeadlineWithDaysLeft() {
        long x = crm.customerOfBranch(branch);
        String overdue = complaint(x, "PHONE", "SERVICE", "SIMPLE", d.minusDays(20), "OPEN", null, null);
        String atRisk = complaint(x, "ONLINE", "PRODUCT", "SIMPLE", d.minusDays(13), "OPEN", null, null);
        String onTrack = complaint(x, "LETTER", null, "COMPLEX", d.minusDays(1), "OPEN", null, null);
        String met = complaint(x, "PHONE", "SERVICE", "SIMPLE", d.minusDays(30), "DECIDED", d.minusDays(25), "CLAIM_DELAY");
        String withdrawn = complaint(x, "PHONE", "SERVICE", "SIMPLE", d.minusDays(3), "WITHDRAWN", null, null);
        String unclassified = complaint(x, "WECHAT", null, "URGENT", d.minusDays(2), "OPEN", null, null);
        String orphan = complaint(null, "REGULATOR", null, "EXTENDED", d.minusDays(58), "OPEN", null, null);
        evaluate(x);

        JsonNode queue = api.getJson("/api/v1/complaints?branch=" + branch, "underwriter");

        assertThat(queue.get("total").asLong()).isEqualTo(7);
        List<JsonNode> items = queue.get("items").valueStream().toList();
        assertThat(items).extracting(i -> i.get("complaintNo").asString())
                .containsExactly(overdue, orphan, atRisk, onTrack, unclassified, met, withdrawn);
        assertThat(items).extracting(i -> i.get("state").asString())
                .containsExactly("OVERDUE", "AT_RISK", "AT_RISK", "ON_TRACK", "UNCLASSIFIED", "MET", "WITHDRAWN");
        assertThat(items.get(0).get("deadline").asString()).isEqualTo(d.minusDays(5).toString());
        assertThat(items.get(0).get("daysLeft").asInt()).isEqualTo(-5);
        assertThat(items.get(1).get("customerNo").isNull()).isTrue();
        assertThat(items.get(1).get("daysLeft").asInt()).isEqualTo(2);
        assertThat(items.get(2).get("daysLeft").asInt()).isEqualTo(2);
        assertThat(items.get(3).get("daysLeft").asInt()).isEqualTo(29);
        assertThat(items.get(4).get("channel").asString()).isEqualTo("WECHAT");
        assertThat(items.get(4).get("deadline").isNull()).isTrue();
        assertThat(items.get(5).get("daysLeft").isNull()).isTrue();
        assertThat(items.get(0).get("rule").asString()).startsWith("CMP-020");
        assertThat(items.get(0).get("receivedAt").asString()).isEqualTo(noon(d.minusDays(20)).toInstant(ZoneOffset.UTC).toString());
        assertThat(openWarnings(x)).contains("COMPLAINT_OVERDUE", "COMPLAINT_DEADLINE_NEAR");

        assertThat(api.getJson("/api/v1/complaints?state=AT_RISK&branch=" + branch, "analyst").get("items").valueStream()
                .map(i -> i.get("complaintNo").asString())).containsExactly(orphan, atRisk);
        assertThat(api.getJson("/api/v1/complaints?category=product&branch=" + branch, "admin").get("total").asLong()).isEqualTo(1);
        JsonNode paged = api.getJson("/api/v1/complaints?branch=" + branch + "&page=1&size=3", "admin");
        assertThat(paged.get("total").asLong()).isEqualTo(7);
        assertThat(paged.get("items").valueStream().map(i -> i.get("complaintNo").asString()))
                .containsExactly(onTrack, unclassified, met);
        assertThat(api.getJson("/api/v1/customers/" + crm.customerNo(x) + "/complaints", "underwriter").valueStream()
                .map(i -> i.get("complaintNo").asString())).containsExactly(overdue, atRisk, onTrack, unclassified, met, withdrawn);
        // the queue whole as a file, in the queue's order
        ApiClient.Download csv = api.download("/api/v1/complaints?branch=" + branch, "text/csv", "underwriter");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        List<String> lines = csv.text().lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFFcomplaintNo,customerNo,channel,category,complexity,receivedAt,deadline,state,");
        assertThat(lines.subList(1, lines.size())).extracting(line -> line.substring(0, line.indexOf(',')))
                .containsExactlyElementsOf(queue.get("items").valueStream().map(i -> i.get("complaintNo").asString()).toList());
        assertThat(lines.get(1)).contains(",OVERDUE,");

        assertInvalid(api.get("/api/v1/complaints?state=LATE", "admin"), "state");
        assertInvalid(api.get("/api/v1/complaints?category=PRICE", "admin"), "category");
        assertInvalid(api.get("/api/v1/complaints?branch=G%20D", "admin"), "branch");
        assertProblem(api.get("/api/v1/complaints?size=0", "admin"), 400);
        assertProblem(api.get("/api/v1/complaints", null), 401);
        assertProblem(api.get("/api/v1/customers/NOSUCH/complaints", "admin"), 404);
    }

    @Test
    void aComplaintsStateReachesItsWarningThroughTheEventPath() {
        long y = crm.customerOfBranch(branch);
        evaluate(y);
        assertThat(openWarnings(y)).doesNotContain("COMPLAINT_OVERDUE");
        String no = complaint(y, "PHONE", "SERVICE", "SIMPLE", d.minusDays(16), "OPEN", null, null);

        long posted = System.nanoTime();
        event("COMPLAINT_RECEIVED", y);
        Await.until(Duration.ofSeconds(10), () -> openWarnings(y).contains("COMPLAINT_OVERDUE"));
        System.out.printf("COMPLAINT_OVERDUE raised %d ms after the CRM's event%n", (System.nanoTime() - posted) / 1_000_000);
        assertThat(state(no)).isEqualTo("OVERDUE");

        jdbc.sql("UPDATE complaint SET status = 'DECIDED', decided_at = :at WHERE complaint_no = :no")
                .param("at", LocalDateTime.now(ZoneOffset.UTC)).param("no", no).update();
        posted = System.nanoTime();
        event("COMPLAINT_UPDATED", y);
        Await.until(Duration.ofSeconds(10), () -> !openWarnings(y).contains("COMPLAINT_OVERDUE"));
        System.out.printf("COMPLAINT_OVERDUE resolved %d ms after the CRM's event%n", (System.nanoTime() - posted) / 1_000_000);
        assertThat(state(no)).isEqualTo("MISSED");
    }

    /** A day passes with no event: the nightly run's re-evaluation moves the clock and raises the warning. */
    @Test
    void aDeadlineThatPassesByItselfIsCaughtByTheNightlyRun() {
        long z = crm.customerOfBranch(branch);
        String no = complaint(z, "PHONE", "SERVICE", "SIMPLE", d.minusDays(11), "OPEN", null, null);
        evaluate(z);
        assertThat(state(no)).isEqualTo("ON_TRACK");
        assertThat(openWarnings(z)).doesNotContain("COMPLAINT_DEADLINE_NEAR");

        // the day after, as the clock would make it: the complaint was received a day earlier than "today"
        jdbc.sql("UPDATE complaint SET received_at = :at WHERE complaint_no = :no")
                .param("at", noon(d.minusDays(12))).param("no", no).update();
        Response started = api.post("/api/v1/batch-runs", null, "admin");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long run = started.json().get("id").asLong();
        Await.until(Duration.ofSeconds(120), () -> !api.getJson("/api/v1/batch-runs/" + run, "admin").get("status")
                .asString().equals("RUNNING"));

        assertThat(api.getJson("/api/v1/batch-runs/" + run, "admin").get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(state(no)).isEqualTo("AT_RISK");
        assertThat(openWarnings(z)).contains("COMPLAINT_DEADLINE_NEAR");
    }

    /** Compliance shortens a time limit: the simulation over the book counts the complaints whose state it changes. */
    @Test
    void aSimulationOfShorterTimeLimitsShowsTheComplaintsItMakesOverdue() {
        long w = crm.customerOfBranch(branch);
        complaint(w, "PHONE", "SERVICE", "SIMPLE", d.minusDays(11), "OPEN", null, null);
        complaint(w, "PHONE", "SERVICE", "SIMPLE", d.minusDays(30), "DECIDED", d.minusDays(18), "CLAIM_DELAY");
        evaluate(w);
        int published = jdbc.sql("SELECT version FROM rule_pack_version WHERE pack = 'complaints' AND status = 'PUBLISHED'")
                .query(Integer.class).single();
        String limits = api.getJson("/api/v1/rule-packs/complaints/versions/" + published, "analyst").get("files")
                .get("time-limits.drl.csv").asString();
        assertThat(limits).contains("SIMPLE,15,");
        Response draft = api.post("/api/v1/rule-packs/complaints/versions", JSON.writeValueAsString(java.util.Map.of(
                "baseVersion", published, "comment", "simple complaints within 10 days",
                "files", java.util.Map.of("time-limits.drl.csv", limits.replace("SIMPLE,15,", "SIMPLE,10,")))), "analyst");
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        int version = draft.json().get("version").asInt();

        Response started = api.post("/api/v1/rule-packs/complaints/versions/" + version + "/simulate", null, "analyst");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String path = "/api/v1/rule-packs/complaints/versions/" + version + "/simulation";
        Await.until(Duration.ofSeconds(120), () -> !api.getJson(path, "analyst").get("status").asString().equals("RUNNING"));
        JsonNode simulation = api.getJson(path, "analyst");

        assertThat(simulation.get("status").asString()).as(simulation.toString()).isEqualTo("DONE");
        assertThat(simulation.get("transitions").valueStream()
                .filter(t -> t.get("field").asString().equals("complaintState"))
                .map(t -> t.get("from").asString() + ">" + t.get("to").asString() + " " + t.get("count").asLong()))
                .containsExactlyInAnyOrder("ON_TRACK>OVERDUE 1", "MET>MISSED 1");
    }

    private void event(String type, long customerId) {
        Response event = api.post("/api/v1/events", """
                {"eventId": "%s", "type": "%s", "customerNo": "%s", "occurredAt": "%s"}""".formatted(
                "EV-" + java.util.UUID.randomUUID(), type, crm.customerNo(customerId), OffsetDateTime.now(ZoneOffset.UTC)),
                "admin");
        assertThat(event.status()).as(event.body()).isEqualTo(202);
    }

    private String state(String complaintNo) {
        return api.getJson("/api/v1/complaints?branch=" + branch, "admin").get("items").valueStream()
                .filter(i -> i.get("complaintNo").asString().equals(complaintNo)).findFirst().orElseThrow()
                .get("state").asString();
    }

    /**
     * A month's complaints of one branch: two customers (one of them a repeat complainant), one complaint without a
     * customer, one of a complexity the service does not know.
     */
    @Test
    void theMonthlyAnalysisOfACraftedMonthFigureByFigure() throws Exception {
        YearMonth m = YearMonth.from(d).minusMonths(1);
        long a = crm.customerOfBranch(branch);
        long c = crm.customerOfBranch(branch);
        book.craftedMonth(m, a, c);
        evaluate(a);
        evaluate(c);

        JsonNode report = api.getJson("/api/v1/reports/complaints?month=" + m + "&groupBy=branch&branch=" + branch, "analyst");

        assertThat(report.get("groupBy").asString()).isEqualTo("branch");
        assertThat(report.get("groups").size()).isEqualTo(1);
        JsonNode total = report.get("totals");
        assertThat(report.get("groups").get(0).get("group").asString()).isEqualTo(branch);
        // received in the month: A's 1st and 3rd, C's two, the one without a customer; decided: those but the open one,
        // and A's 2nd (received the month before): 8, 33 or more, 19, 2 and 1 days
        assertThat(AnalysisRows.figures(total)).containsExactly(5L, 5L, 3L, 1L, 75.0, 8.0, 1L);
        assertThat(AnalysisRows.rootCauses(total)).containsExactly("CLAIM_DELAY 3", "DOCUMENTATION 1", "MISSELLING 1");
        assertThat(AnalysisRows.figures(report.get("groups").get(0))).isEqualTo(AnalysisRows.figures(total));

        JsonNode byCategory = api.getJson("/api/v1/reports/complaints?month=" + m + "&groupBy=category&branch=" + branch, "approver");
        assertThat(byCategory.get("groups").valueStream().map(g -> g.get("group").asString()))
                .containsExactly("COMPLIANCE", "PRODUCT", "SERVICE", "UNCLASSIFIED");
        double late = java.time.temporal.ChronoUnit.DAYS.between(m.minusMonths(1).atDay(20), m.atDay(25));
        assertThat(AnalysisRows.figures(byCategory.get("groups").get(1))).containsExactly(0L, 1L, 0L, 1L, 0.0, late, 0L);
        assertThat(AnalysisRows.figures(byCategory.get("groups").get(2))).containsExactly(2L, 1L, 1L, 0L, 100.0, 8.0, 1L);
        assertThat(AnalysisRows.figures(byCategory.get("groups").get(3))).containsExactly(2L, 2L, 1L, 0L, 100.0, 1.5, 0L);
        JsonNode byChannel = api.getJson("/api/v1/reports/complaints?month=" + m + "&groupBy=channel&branch=" + branch, "admin");
        assertThat(byChannel.get("groups").valueStream().map(g -> g.get("group").asString() + " " + g.get("received").asLong()))
                .containsExactly("LETTER 0", "ONLINE 1", "PHONE 2", "REGULATOR 1", "VISIT 1");
        JsonNode trend = report.get("trend");
        assertThat(trend.size()).isEqualTo(12);
        assertThat(trend.get(11).get("month").asString()).isEqualTo(m.toString());
        assertThat(trend.get(11).get("decided").asLong()).isEqualTo(4);
        assertThat(trend.get(11).get("decidedInTimePct").asDouble()).isEqualTo(75.0);
        assertThat(trend.get(10).get("decidedInTimePct").isNull()).isTrue();

        ApiClient.Download csv = api.download("/api/v1/reports/complaints?month=" + m + "&branch=" + branch, "text/csv", "analyst");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentDisposition()).contains("complaint-analysis-" + m + "-branch.csv");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFgroup,received,decided,decidedInTime,decidedLate,decidedInTimePct,"
                + "medianDaysToDecision,repeatComplainants,topRootCauses");
        assertThat(text.lines()).hasSize(3).last().asString().startsWith("TOTAL,5,5,3,1,75.0,8.0,1,");
        ApiClient.Download xlsx = api.download("/api/v1/reports/complaints?month=" + m + "&branch=" + branch,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "analyst");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("TOTAL");
            assertThat(sheet.getRow(2).getCell(1).getNumericCellValue()).isEqualTo(5.0);
        }

        assertInvalid(api.get("/api/v1/reports/complaints?month=2026-13", "analyst"), "month");
        assertInvalid(api.get("/api/v1/reports/complaints?month=26-11", "analyst"), "month");
        assertInvalid(api.get("/api/v1/reports/complaints?month=" + m + "&groupBy=product", "analyst"), "groupBy");
        assertProblem(api.get("/api/v1/reports/complaints?month=" + m, "underwriter"), 403);
    }
}
