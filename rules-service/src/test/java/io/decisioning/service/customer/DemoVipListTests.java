package io.decisioning.service.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Download;
import io.decisioning.service.demo.DemoBooks;
import io.decisioning.service.demo.DemoData;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The VIP list that the nightly tagging is for (issue 19): the demo book, assessed by a nightly run, exported with
 * {@code GET /api/v1/customers?vip=true} as an Excel workbook and read back with POI, holds every VIP customer of the
 * assessments and no one else; narrowed by tier and branch as CSV it holds the same customers as the SQL.
 *
 * <p>Not for a shared database: the demo book is generated only into an empty CRM (the demo context the other demo
 * tests share).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rules.demo.data=10000", "rules.demo.duplicates=0.03"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoVipListTests {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoData demoData;

    ApiClient api;

    @BeforeAll
    void assessTheDemoBook() {
        assertThat(demoData.generatedAtStartup()).as("the demo book is generated into an empty CRM at start-up").isTrue();
        api = new ApiClient(port);
        DemoBooks.runTheNight(api);
    }

    @Test
    void theVipListExportedAsAWorkbookHoldsEveryVipCustomerOfTheBookWithTheirTier() throws Exception {
        List<String> vips = jdbc.sql("SELECT customer_no FROM assessment WHERE vip ORDER BY customer_no")
                .query(String.class).list();
        assertThat(vips).as("the demo book has VIP customers").hasSizeGreaterThan(50);

        Download xlsx = api.download("/api/v1/customers?vip=true", XLSX, "admin");

        assertThat(xlsx.status()).as(xlsx.toString()).isEqualTo(200);
        assertThat(xlsx.contentType()).isEqualTo(XLSX);
        assertThat(xlsx.contentDisposition()).isEqualTo("attachment; filename=\"vip-customers.xlsx\"");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            List<String> header = IntStream.range(0, sheet.getRow(0).getLastCellNum())
                    .mapToObj(i -> sheet.getRow(0).getCell(i).getStringCellValue()).toList();
            assertThat(header).startsWith("customerNo", "name", "customerType").contains("tier", "vip", "grade", "branchCode");
            List<String> listed = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                listed.add(row.getCell(0).getStringCellValue());
                assertThat(row.getCell(header.indexOf("tier")).getStringCellValue()).isIn("PLATINUM", "GOLD");
                assertThat(row.getCell(header.indexOf("vip")).getCellType()).isEqualTo(CellType.BOOLEAN);
                assertThat(row.getCell(header.indexOf("vip")).getBooleanCellValue()).isTrue();
                assertThat(row.getCell(header.indexOf("name")).getStringCellValue()).isNotBlank();
            }
            assertThat(listed).containsExactlyElementsOf(vips);
        }
    }

    @Test
    void narrowedByTierAndBranchTheCsvHoldsTheCustomersTheSqlFinds() {
        String branch = jdbc.sql("""
                        SELECT c.branch_code FROM assessment a JOIN customer c ON c.id = a.customer_id
                         WHERE a.tier = 'GOLD' GROUP BY c.branch_code ORDER BY COUNT(*) DESC LIMIT 1""")
                .query(String.class).single();
        List<String> expected = jdbc.sql("""
                        SELECT c.customer_no FROM assessment a JOIN customer c ON c.id = a.customer_id
                         WHERE a.vip AND a.tier = 'GOLD' AND (c.branch_code = :branch OR c.branch_code LIKE :sub)
                         ORDER BY c.customer_no""")
                .param("branch", branch).param("sub", branch + "-%")
                .query(String.class).list();

        Download csv = api.download("/api/v1/customers?vip=true&tier=GOLD&branch=" + branch, "text/csv", "underwriter");

        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        List<String> lines = csv.text().lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFFcustomerNo,name,");
        assertThat(lines.subList(1, lines.size())).extracting(line -> line.substring(0, line.indexOf(',')))
                .containsExactlyElementsOf(expected);
        assertThat(api.getJson("/api/v1/customers?vip=true&tier=GOLD&branch=" + branch, "underwriter").get("total").asLong())
                .isEqualTo(expected.size());
    }
}
