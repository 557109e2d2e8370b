package io.decisioning.service.manager;

import static io.decisioning.service.ProblemAssertions.assertInvalid;
import static io.decisioning.service.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.customer.CrmFixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A manager's book and the monthly visit report over real HTTP on the real database (DESIGN.md section 12): each
 * figure of a crafted month checked by hand, in JSON, CSV and a workbook; bad months refused naming the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BookAndVisitReportTests {

    static final String PASSWORD = "a long passphrase";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    ManagerBook book;
    String manager;
    LocalDate d;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        book = new ManagerBook(jdbc);
        manager = book.code(1);
        book.manager(manager, "SENIOR", 100, "ACTIVE");
        d = CrmFixtures.today();
    }

    /** A customer of the manager, evaluated: PLATINUM (a key account) or STANDARD. */
    private long customer(String tier) {
        long id = book.person(null, manager);
        book.crm.policy(id, "ACTIVE", d.minusMonths(1), d.plusMonths(11), tier.equals("PLATINUM") ? "900000.00" : "1000.00");
        Response evaluated = api.post("/api/v1/customers/" + book.customerNo(id) + "/evaluate", null, "admin");
        assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(200);
        return id;
    }

    @Test
    void aManagerReadsTheirOwnBookMostOverdueFirstAndNobodyElses() {
        long platinum = customer("PLATINUM");
        long standard = customer("STANDARD");
        book.contact(platinum, "VISIT", d.minusDays(40));
        api.post("/api/v1/customers/" + book.customerNo(platinum) + "/evaluate", null, "admin");
        Response created = api.post("/api/v1/users", """
                {"username": "%s", "password": "%s", "roles": ["ACCOUNT_MANAGER"], "branchCode": "%s"}"""
                .formatted(manager, PASSWORD, book.branch), "admin");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Response own = api.withPassword(PASSWORD).get("/api/v1/account-managers/" + manager + "/book", manager);

        assertThat(own.status()).as(own.body()).isEqualTo(200);
        List<JsonNode> entries = own.json().valueStream().toList();
        assertThat(entries).extracting(e -> e.get("customerNo").asString())
                .containsExactly(book.customerNo(platinum), book.customerNo(standard));
        JsonNode first = entries.get(0);
        assertThat(first.get("tier").asString()).isEqualTo("PLATINUM");
        assertThat(first.get("nextVisitDue").asString()).isEqualTo(d.minusDays(9).toString());
        assertThat(first.get("entitlements").valueStream().map(JsonNode::asString)).contains("DEDICATED_MANAGER");
        assertThat(first.get("openWarnings").valueStream().map(JsonNode::asString)).contains("VISIT_OVERDUE");
        assertThat(entries.get(1).get("nextVisitDue").isNull()).isTrue();
        assertThat(entries.get(1).get("entitlements").valueStream().map(JsonNode::asString)).containsExactly("RENEWAL_REMINDER");
        assertProblem(api.withPassword(PASSWORD).get("/api/v1/account-managers/" + book.code(2) + "/book", manager), 404);
        assertThat(api.get("/api/v1/account-managers/" + manager + "/book", "underwriter").status()).isEqualTo(200);
    }

    @Test
    void theMonthlyReportCountsEachManagersVisitsDueDoneAndOverdueAndTheSurveys() {
        YearMonth month = YearMonth.from(d).minusMonths(1);
        LocalDate mid = month.atDay(15);
        long visited = customer("PLATINUM");
        book.contact(visited, "VISIT", mid);
        book.contact(visited, "SURVEY", mid, 4);
        long notVisited = customer("PLATINUM");
        book.contact(notVisited, "PHONE", mid);
        book.contact(notVisited, "SURVEY", mid.plusDays(1), 2);
        long standard = customer("STANDARD");
        book.contact(standard, "VISIT", month.atDay(1).minusDays(3));   // the month before: not counted

        JsonNode report = api.getJson("/api/v1/reports/visits?month=" + month + "&branch=" + book.branch, "analyst");

        assertThat(report.get("month").asString()).isEqualTo(month.toString());
        JsonNode row = report.get("managers").valueStream().filter(r -> r.get("code").asString().equals(manager))
                .findFirst().orElseThrow();
        assertThat(row.get("name").asString()).isEqualTo(manager);
        assertThat(row.get("customers").asLong()).isEqualTo(3);
        assertThat(row.get("vips").asLong()).isEqualTo(2);
        assertThat(row.get("visitsDue").asLong()).as("two PLATINUM customers, a visit each").isEqualTo(2);
        assertThat(row.get("visitsDone").asLong()).isEqualTo(1);
        assertThat(row.get("visitsOverdue").asLong()).as("the month is over").isEqualTo(1);
        assertThat(row.get("contacts").asLong()).isEqualTo(4);
        assertThat(row.get("visits").asLong()).isEqualTo(1);
        assertThat(row.get("averageSatisfaction").asDouble()).isEqualTo(3.0);
        assertThat(report.get("totals").get("customers").asLong()).isEqualTo(3);

        ApiClient.Download csv = api.download("/api/v1/reports/visits?month=" + month + "&branch=" + book.branch, "text/csv",
                "analyst");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(csv.text()).contains("code,name,branchCode,level,status,customers,vips,visitsDue,visitsDone,visitsOverdue")
                .contains(manager + "," + manager + "," + book.branch + ",SENIOR,ACTIVE,3,2,2,1,1,4,1,3.0\r\n")
                .contains("TOTAL,");

        ApiClient.Download xlsx = api.download("/api/v1/reports/visits?month=" + month + "&branch=" + book.branch,
                ManagerReportController.XLSX, "admin");
        assertThat(xlsx.status()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            Row header = sheet.getRow(0);
            assertThat(header.getCell(7).getStringCellValue()).isEqualTo("visitsDue");
            Row first = sheet.getRow(1);
            assertThat(first.getCell(0).getStringCellValue()).isEqualTo(manager);
            assertThat(first.getCell(7).getNumericCellValue()).isEqualTo(2.0);
            assertThat(sheet.getRow(sheet.getLastRowNum()).getCell(0).getStringCellValue()).isEqualTo("TOTAL");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBadOrFutureMonthIsRefusedNamingIt() {
        assertInvalid(api.get("/api/v1/reports/visits?month=2026-13", "admin"), "month");
        assertInvalid(api.get("/api/v1/reports/visits?month=202612", "admin"), "month");
        assertInvalid(api.get("/api/v1/reports/visits?month=" + YearMonth.from(d).plusMonths(1), "admin"), "month");
        assertInvalid(api.get("/api/v1/reports/visits?month=" + YearMonth.from(d) + "&branch=gd%20sz", "admin"), "branch");
        assertProblem(api.get("/api/v1/reports/visits?month=" + YearMonth.from(d), "underwriter"), 403);
        assertThat(new String(api.get("/api/v1/reports/visits?month=" + YearMonth.from(d), "admin").body()
                .getBytes(StandardCharsets.UTF_8))).contains("\"managers\"");
    }
}
