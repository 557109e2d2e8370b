package io.decisioning.service.duelist;

import static io.decisioning.service.ProblemAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Download;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
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
 * The due list exported (DESIGN.md sections 11 and 14): the same GET with {@code Accept: text/csv} or the
 * spreadsheet type, every item matching the filters rather than one page, Chinese text intact, read back with a CSV
 * parser and with POI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DueListExportTests {

    private static final String CSV = "text/csv";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final List<String> HEADER = List.of("id", "customerNo", "partyNo", "policyNo", "kind", "dueDate", "amount",
            "tier", "churnScore", "accountManager", "branchCode", "reasons", "outcome", "outcomeNote", "outcomeBy", "outcomeAt",
            "customerName", "phone");
    /** More items than the largest page (500). */
    private static final int INSTALMENTS = 620;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    DueBook book;
    YearMonth month;
    long many;
    long renewing;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        book = new DueBook(jdbc);
        month = DueBook.monthsAhead(14);
        many = book.customer(book.branch, book.manager(1), "张三丰");
        book.assessment(many, "PLATINUM", 72, List.of("连续2期未缴保费", "premium -35% on last year, \"watch\""));
        long policy = book.policy(many, "ACTIVE", month.plusMonths(12).atDay(1), "99999.00");
        for (int i = 1; i <= INSTALMENTS; i++) {
            book.installment(policy, many, i, month.atDay(1 + i % month.lengthOfMonth()), (100 + i) + ".50", "DUE");
        }
        renewing = book.customer(book.subBranch, book.manager(2), "欧阳娜娜");
        book.assessment(renewing, "SILVER", null, List.of("保单将于本月到期\n请尽快联系"));
        book.policy(renewing, "ACTIVE", month.atDay(28), "1234.56");
        assertThat(api.post("/api/v1/due-lists/" + month, null, "admin").status()).isEqualTo(200);
    }

    @Test
    void theCsvStartsWithTheByteOrderMarkAndHoldsEveryItemMatchingTheFiltersInTheListsOrder() {
        Download csv = api.download("/api/v1/due-lists/" + month + "?branch=" + book.branch, CSV, "analyst");

        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(csv.contentDisposition()).isEqualTo("attachment; filename=\"due-list-" + month + ".csv\"");
        assertThat(csv.contentLength()).as("streamed in chunks, its length unknown when it started").isEqualTo(-1);
        assertThat(Arrays.copyOf(csv.body(), 3)).containsExactly(0xEF, 0xBB, 0xBF);
        List<List<String>> rows = parse(csv);
        assertThat(rows.get(0)).containsExactlyElementsOf(HEADER);
        assertThat(rows).hasSize(1 + INSTALMENTS + 1);

        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; page < 2; page++) {
            items.addAll(api.getJson("/api/v1/due-lists/" + month + "?size=500&page=" + page + "&branch=" + book.branch,
                    "analyst").get("items").valueStream().toList());
        }
        assertThat(items).hasSize(INSTALMENTS + 1);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            List<String> row = rows.get(i + 1);
            assertThat(row.get(0)).isEqualTo(item.get("id").asString());
            assertThat(row.get(1)).isEqualTo(item.get("customerNo").asString());
            assertThat(row.get(5)).isEqualTo(item.get("dueDate").asString());
            assertThat(new BigDecimal(row.get(6))).isEqualByComparingTo(item.get("amount").asString());
            assertThat(row.get(16)).isEqualTo(item.get("customerName").asString());
            assertThat(row.get(17)).isEqualTo(item.get("phone").asString()).contains("*");
        }
        List<String> first = rows.get(1);
        assertThat(first.get(4)).isEqualTo("INSTALLMENT");
        assertThat(first.get(6)).isEqualTo((100 + INSTALMENTS) + ".50");
        assertThat(first.get(7)).isEqualTo("PLATINUM");
        assertThat(first.get(8)).isEqualTo("72");
        assertThat(first.get(9)).isEqualTo(book.manager(1));
        assertThat(first.get(11)).isEqualTo("连续2期未缴保费; premium -35% on last year, \"watch\"");
        assertThat(first.get(12)).isEmpty();
        assertThat(first.get(16)).isEqualTo("张三丰");
        List<String> last = rows.get(rows.size() - 1);
        assertThat(last.get(4)).isEqualTo("RENEWAL");
        assertThat(last.get(8)).as("no churn score: last").isEmpty();
        assertThat(last.get(10)).isEqualTo(book.subBranch);
        assertThat(last.get(11)).isEqualTo("保单将于本月到期\n请尽快联系");
        assertThat(last.get(16)).isEqualTo("欧阳娜娜");

        assertThat(parse(api.download("/api/v1/due-lists/" + month + "?branch=" + book.branch + "&kind=RENEWAL", CSV, "analyst")))
                .hasSize(2);
        assertThat(parse(api.download("/api/v1/due-lists/" + month + "?branch=" + book.subBranch, CSV, "analyst")))
                .extracting(row -> row.get(16)).containsExactly("customerName", "欧阳娜娜");
    }

    @Test
    void theSpreadsheetReadsBackWithItsHeaderAndARowPerItemTypedAsNumbersDatesAndText() throws Exception {
        Download xlsx = api.download("/api/v1/due-lists/" + month + "?branch=" + book.branch, XLSX, "admin");

        assertThat(xlsx.status()).as(xlsx.toString()).isEqualTo(200);
        assertThat(xlsx.contentType()).isEqualTo(XLSX);
        assertThat(xlsx.contentDisposition()).isEqualTo("attachment; filename=\"due-list-" + month + ".xlsx\"");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("due-list-" + month);
            assertThat(IntStream.range(0, HEADER.size()).mapToObj(i -> sheet.getRow(0).getCell(i).getStringCellValue()))
                    .containsExactlyElementsOf(HEADER);
            assertThat(sheet.getLastRowNum()).isEqualTo(INSTALMENTS + 1);
            JsonNode firstItem = api.getJson("/api/v1/due-lists/" + month + "?size=1&branch=" + book.branch, "admin")
                    .get("items").get(0);
            Row first = sheet.getRow(1);
            assertThat((long) first.getCell(0).getNumericCellValue()).isEqualTo(firstItem.get("id").asLong());
            assertThat(first.getCell(1).getStringCellValue()).isEqualTo(book.customerNo(many));
            assertThat(first.getCell(4).getStringCellValue()).isEqualTo("INSTALLMENT");
            Cell due = first.getCell(5);
            assertThat(due.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(due)).isTrue();
            assertThat(due.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.parse(firstItem.get("dueDate").asString()));
            assertThat(first.getCell(6).getNumericCellValue()).isEqualTo(100 + INSTALMENTS + 0.5);
            assertThat(first.getCell(8).getNumericCellValue()).isEqualTo(72);
            assertThat(first.getCell(11).getStringCellValue()).isEqualTo("连续2期未缴保费; premium -35% on last year, \"watch\"");
            assertThat(first.getCell(17).getStringCellValue()).doesNotContain("*");
            Row last = sheet.getRow(INSTALMENTS + 1);
            assertThat(last.getCell(4).getStringCellValue()).isEqualTo("RENEWAL");
            assertThat(last.getCell(6).getNumericCellValue()).isEqualTo(1234.56);
            assertThat(last.getCell(8)).as("no churn score: an empty cell").isNull();
            assertThat(last.getCell(16).getStringCellValue()).isEqualTo("欧阳娜娜");
        }
    }

    @Test
    void anAccountManagersExportHoldsTheirOwnItemsOnly() throws Exception {
        String manager = DueBook.user(api, book.manager(2), book.branch, "ACCOUNT_MANAGER");
        ApiClient asManager = api.withPassword(DueBook.PASSWORD);

        List<List<String>> rows = parse(asManager.download("/api/v1/due-lists/" + month, CSV, manager));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get(9)).isEqualTo(manager);
        assertThat(rows.get(1).get(17)).as("their own customer's phone, whole").doesNotContain("*");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
                asManager.download("/api/v1/due-lists/" + month, XLSX, manager).body()))) {
            assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(1);
            assertThat(workbook.getSheetAt(0).getRow(1).getCell(16).getStringCellValue()).isEqualTo("欧阳娜娜");
        }
    }

    @Test
    void aTextCellThatASpreadsheetWouldRunAsAFormulaIsExportedAsText() throws Exception {
        long id = api.getJson("/api/v1/due-lists/" + month + "?branch=" + book.subBranch, "admin").get("items").get(0)
                .get("id").asLong();
        String formula = "=HYPERLINK(\\\"http://example.com\\\",\\\"click\\\")";
        assertThat(api.post("/api/v1/due-lists/" + month + "/items/" + id + "/outcome",
                "{\"outcome\": \"CONTACTED\", \"note\": \"" + formula + "\"}", "admin").status()).isEqualTo(200);

        List<List<String>> rows = parse(api.download("/api/v1/due-lists/" + month + "?branch=" + book.subBranch, CSV, "admin"));
        assertThat(rows.get(1).get(13)).isEqualTo("'=HYPERLINK(\"http://example.com\",\"click\")");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
                api.download("/api/v1/due-lists/" + month + "?branch=" + book.subBranch, XLSX, "admin").body()))) {
            Cell note = workbook.getSheetAt(0).getRow(1).getCell(13);
            assertThat(note.getCellType()).isEqualTo(CellType.STRING);
            assertThat(note.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://example.com\",\"click\")");
        }
    }

    @Test
    void anExportOfAMonthNotGeneratedIsA404ProblemAndOfNoMonthA400() {
        for (String type : List.of(CSV, XLSX)) {
            Download missing = api.download("/api/v1/due-lists/" + DueBook.monthsAhead(-22), type, "analyst");
            assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
            assertThat(missing.contentType()).startsWith("application/problem+json");
            assertThat(missing.json().get("type").asString()).endsWith("/not-found");

            Download invalid = api.download("/api/v1/due-lists/2027-13", type, "analyst");
            assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
            assertThat(invalid.contentType()).startsWith("application/problem+json");
            assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("month");

            Download badKind = api.download("/api/v1/due-lists/" + month + "?kind=LAPSE", type, "analyst");
            assertThat(badKind.status()).as(badKind.toString()).isEqualTo(400);
            assertThat(badKind.json().get("errors").get(0).get("field").asString()).isEqualTo("kind");
            assertThat(api.download("/api/v1/due-lists/" + month, type, "underwriter").status()).isEqualTo(403);
        }
        assertInvalid(api.get("/api/v1/due-lists/2027-13", "analyst"), "month");
    }

    /** The rows of a CSV answer (RFC 4180: quoted fields, doubled quotes, line breaks in quotes), its BOM dropped. */
    static List<List<String>> parse(Download csv) {
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(field).as("the last line ends with CRLF").isEmpty();
        assertThat(row).isEmpty();
        return rows;
    }
}
