package io.decisioning.service.export;

import static io.decisioning.service.ProblemAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Download;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.customer.CrmFixtures;
import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lists people work from, exported (DESIGN.md section 14): customers narrowed by the current assessment and by
 * branch, warnings, the blacklist and the audit trail answer CSV (UTF-8 with a byte order mark) and Excel workbooks
 * by the {@code Accept} header, every row the filters find within the caller's branch scope, masked as the JSON is;
 * a list longer than {@code rules.export.max-rows} (5 here) is refused with 400 naming the filters that narrow it,
 * and a bad filter is a 400 problem, never a file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "rules.export.max-rows=5")
class ListExportTests {

    private static final String CSV = "text/csv";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    CrmFixtures crm;
    /** A branch of this test alone, with three customers, and its sub-branch with three more. */
    String branch;
    List<String> branchCustomers = new ArrayList<>();
    List<String> subBranchCustomers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        crm = new CrmFixtures(jdbc);
        branch = "X" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        for (int i = 0; i < 3; i++) {
            branchCustomers.add(crm.customerNo(crm.customerOfBranch(branch)));
            subBranchCustomers.add(crm.customerNo(crm.customerOfBranch(branch + "-SUB")));
        }
        for (String customerNo : concat(branchCustomers, subBranchCustomers)) {
            Response evaluated = api.post("/api/v1/customers/" + customerNo + "/evaluate", null, "admin");
            assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(200);
        }
    }

    @AfterEach
    void removeTheWarningsOfThisTest() {
        jdbc.sql("DELETE w FROM warning w JOIN customer c ON c.id = w.customer_id WHERE c.branch_code LIKE :branch")
                .param("branch", branch + "%").update();
    }

    @Test
    void customersOfABranchExportAsCsvWithTheByteOrderMarkAndMaskedForThoseWhoOnlyLook() {
        Download csv = api.download("/api/v1/customers?branch=" + branch + "-SUB", CSV, "underwriter");

        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(csv.contentDisposition()).isEqualTo("attachment; filename=\"customers.csv\"");
        List<String> lines = csv.text().lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFFcustomerNo,name,customerType,idType,idNumber,phone,branchCode,accountManager,"
                + "grade,tier,vip,blacklisted,valueScore,riskScore,decision,evaluatedAt");
        assertThat(lines.subList(1, lines.size())).extracting(line -> line.split(",")[0])
                .containsExactlyElementsOf(subBranchCustomers.stream().sorted().toList());
        String[] first = lines.get(1).split(",");
        assertThat(first[4]).as("identity number masked for an underwriter").contains("*");
        assertThat(first[5]).as("phone masked").contains("*");
        assertThat(first[6]).isEqualTo(branch + "-SUB");
        assertThat(first[8]).as("the grade of the current assessment").isNotEmpty();
        assertThat(first[10]).isIn("true", "false");

        String[] whole = api.download("/api/v1/customers?branch=" + branch + "-SUB", CSV, "approver").text().lines()
                .skip(1).findFirst().orElseThrow().split(",");
        assertThat(whole[4]).doesNotContain("*");
        assertThat(whole[5]).doesNotContain("*");
    }

    @Test
    void theAcceptHeaderChoosesTheWorkbookWhichHoldsTheSameCustomersNarrowedByGrade() throws Exception {
        String grade = jdbc.sql("SELECT a.grade FROM assessment a WHERE a.customer_no = :no")
                .param("no", subBranchCustomers.get(0)).query(String.class).single();
        List<String> expected = jdbc.sql("""
                        SELECT c.customer_no FROM customer c JOIN assessment a ON a.customer_id = c.id
                         WHERE c.branch_code = :branch AND a.grade = :grade ORDER BY c.customer_no""")
                .param("branch", branch + "-SUB").param("grade", grade).query(String.class).list();

        Download xlsx = api.download("/api/v1/customers?grade=" + grade + "&branch=" + branch + "-SUB",
                CSV + ";q=0.5, " + XLSX, "analyst");

        assertThat(xlsx.status()).as(xlsx.toString()).isEqualTo(200);
        assertThat(xlsx.contentType()).isEqualTo(XLSX);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            List<String> listed = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                listed.add(sheet.getRow(r).getCell(0).getStringCellValue());
                assertThat(sheet.getRow(r).getCell(8).getStringCellValue()).isEqualTo(grade);
            }
            assertThat(listed).containsExactlyElementsOf(expected).isNotEmpty();
        }
        assertThat(api.getJson("/api/v1/customers?grade=" + grade + "&branch=" + branch + "-SUB", "analyst")
                .get("total").asLong()).isEqualTo(expected.size());
    }

    @Test
    void anExportLongerThanTheMostRowsIsRefusedNamingTheFiltersThatNarrowIt() {
        Download tooLong = api.download("/api/v1/customers?branch=" + branch, XLSX, "underwriter");

        Response problem = new Response(tooLong.status(), tooLong.contentType(), tooLong.text());
        assertInvalid(problem, "branch");
        assertThat(problem.json().get("errors").valueStream().map(error -> error.get("field").asString()))
                .containsExactly("branch", "grade", "tier", "vip");
        assertThat(problem.json().get("detail").asString())
                .contains("6 rows", "at most 5", "rules.export.max-rows", "Narrow it with branch, grade, tier, vip");
        assertThat(api.getJson("/api/v1/customers?branch=" + branch, "underwriter").get("total").asLong())
                .as("the JSON pages are not limited").isEqualTo(6);
    }

    @Test
    void aBadFilterIsAProblemNamingItNotAFile() {
        Download bad = api.download("/api/v1/customers?tier=GOLDEN", CSV, "underwriter");

        assertInvalid(new Response(bad.status(), bad.contentType(), bad.text()), "tier");
    }

    @Test
    void warningsExportWithTheirStateWithinTheBranchFilter() {
        String customerNo = subBranchCustomers.get(1);
        jdbc.sql("""
                        INSERT INTO warning (customer_id, customer_no, type, severity, message, status, raised_at)
                        SELECT id, customer_no, 'HIGH_LOSS_RATIO', 'HIGH', '赔付率 1.1 >= 0.8, "3年"', 'OPEN', :at
                          FROM customer WHERE customer_no = :no""")
                .param("no", customerNo).param("at", LocalDateTime.of(2026, 11, 30, 8, 0)).update();

        Download csv = api.download("/api/v1/warnings?type=HIGH_LOSS_RATIO&branch=" + branch, CSV, "underwriter");

        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        List<String> lines = csv.text().lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFFid,customerNo,type,category,severity,message,status,raisedAt,");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("," + customerNo + ",HIGH_LOSS_RATIO,RISK,HIGH,\"赔付率 1.1 >= 0.8, \"\"3年\"\"\",OPEN,"
                + "2026-11-30T08:00:00Z,");
        assertThat(api.download("/api/v1/warnings?branch=" + branch + "&status=RESOLVED", CSV, "underwriter").text().lines())
                .hasSize(1);
    }

    @Test
    void theBlacklistExportsMaskedForThoseWhoOnlyLookAndItsAdditionIsInTheAuditExport() {
        String phone = CrmFixtures.uniquePhone();
        Response added = api.post("/api/v1/blacklist", """
                {"phone": "%s", "name": "黑名单导出", "reasonCode": "FRAUD", "note": "export test"}""".formatted(phone), "approver");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        long id = added.json().get("id").asLong();

        List<String> looked = api.download("/api/v1/blacklist?query=" + phone, CSV, "underwriter").text().lines().toList();
        List<String> managed = api.download("/api/v1/blacklist?query=" + phone + "&status=ACTIVE", CSV, "approver").text()
                .lines().toList();

        assertThat(looked.get(0)).startsWith("\uFEFFid,idType,idNumber,name,birthDate,phone,reasonCode,");
        assertThat(looked).hasSize(2);
        assertThat(looked.get(1)).startsWith(id + ",").contains("黑名单导出", ",FRAUD,export test,", ",ACTIVE,approver,")
                .doesNotContain(phone).contains(phone.substring(phone.length() - 4));
        assertThat(managed.get(1)).contains(phone);
        assertThat(api.download("/api/v1/blacklist?query=" + phone + "&status=LIFTED", CSV, "approver").text().lines())
                .hasSize(1);

        Download audit = api.download("/api/v1/audit?targetType=BLACKLIST_ENTRY&targetId=" + id, CSV, "auditor");
        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        List<String> records = audit.text().lines().toList();
        assertThat(records.get(0)).isEqualTo("\uFEFFid,occurredAt,actor,action,targetType,targetId,detail");
        assertThat(records).hasSize(2);
        assertThat(records.get(1)).contains(",approver,BLACKLIST_ADD,BLACKLIST_ENTRY," + id + ",");
        assertThat(api.download("/api/v1/audit?targetType=BLACKLIST_ENTRY&targetId=" + id, CSV, "underwriter").status())
                .as("the audit trail is the auditors'").isEqualTo(403);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
