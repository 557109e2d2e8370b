package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.ApiClient.Response;
import io.decisioning.service.complaint.ComplaintBook;
import io.decisioning.service.customer.CrmFixtures;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The complaint pages in the browser (DESIGN.md section 13): the time-limit work queue in its order with its state
 * chips and filters in the address, a bad state in the address said at the chips, the monthly analysis with its
 * figures, trend chart and exports, the customer page's complaints, in Chinese and English and at a tablet's width.
 * Each test's complaints are in a branch of its own and deleted after it (with their clocks, the customers evaluated
 * again): left in the shared database they would make every later test's CRM one that keeps complaints.
 */
@BrowserTest
class ComplaintBrowserTests {

    @RegisterExtension
    static final Browser ui = new Browser();

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    CrmFixtures crm;
    LocalDate d;
    String branch;
    ComplaintBook book;

    @BeforeEach
    void setUp() {
        DemoBook.assessed(ui.port());
        api = new ApiClient(ui.port());
        crm = new CrmFixtures(jdbc);
        d = CrmFixtures.today();
        book = new ComplaintBook(jdbc);
        branch = book.branch();
    }

    @AfterEach
    void deleteTheComplaints() {
        book.delete();
        book.customers().forEach(this::evaluate);
    }

    /** The queue's seven complaints of one customer and one without a customer, in the queue's order. */
    private record Queue(long customerId, String overdue, String orphan, String atRisk, String onTrack, String unclassified,
                         String met, String withdrawn) {

        List<String> inOrder() {
            return List.of(overdue, orphan, atRisk, onTrack, unclassified, met, withdrawn);
        }
    }

    private Queue queue() {
        long x = crm.customerOfBranch(branch);
        Queue queue = new Queue(x,
                complaint(x, "PHONE", "SERVICE", "SIMPLE", d.minusDays(20), "OPEN", null, null),
                complaint(null, "REGULATOR", null, "EXTENDED", d.minusDays(58), "OPEN", null, null),
                complaint(x, "ONLINE", "PRODUCT", "SIMPLE", d.minusDays(13), "OPEN", null, null),
                complaint(x, "LETTER", null, "COMPLEX", d.minusDays(1), "OPEN", null, null),
                complaint(x, "WECHAT", null, "URGENT", d.minusDays(2), "OPEN", null, null),
                complaint(x, "PHONE", "SERVICE", "SIMPLE", d.minusDays(30), "DECIDED", d.minusDays(25), "CLAIM_DELAY"),
                complaint(x, "VISIT", "COMPLIANCE", "SIMPLE", d.minusDays(3), "WITHDRAWN", null, null));
        evaluate(x);
        return queue;
    }

    @Test
    void theQueueListsOverdueAndAtRiskFirstAndFiltersByStateAndCategory() {
        Queue queue = queue();
        ui.signIn("underwriter");
        ui.waitFor(By.cssSelector("#pages a[data-page=complaints]"));
        ui.open("complaints?branch=" + branch);
        ui.waitFor(By.cssSelector("table.complaint-list tr[data-complaint]"));

        assertThat(rows()).isEqualTo(queue.inOrder());
        assertThat(cell(queue.overdue(), "state").getText()).isEqualTo("已逾期");
        assertThat(timeLeft(queue.overdue())).isEqualTo("逾期 5 天");
        assertThat(cell(queue.overdue(), "deadline").findElement(By.cssSelector(".time-left")).getDomAttribute("class")).contains("days-overdue");
        assertThat(row(queue.overdue()).getDomAttribute("class")).contains("complaint-overdue");
        assertThat(deadlineDate(queue.overdue())).isEqualTo(d.minusDays(5).toString());
        assertThat(cell(queue.atRisk(), "state").getText()).isEqualTo("临近时限");
        assertThat(timeLeft(queue.atRisk())).isEqualTo("剩 2 天");
        assertThat(row(queue.atRisk()).getDomAttribute("class")).contains("complaint-at-risk");
        assertThat(cell(queue.orphan(), "customer").getText()).isEqualTo("无客户");
        assertThat(cell(queue.orphan(), "customer").findElements(By.tagName("a"))).isEmpty();
        assertThat(cell(queue.overdue(), "customer").findElement(By.tagName("a")).getDomAttribute("href"))
                .isEqualTo("#/customers/" + crm.customerNo(queue.customerId()));
        assertThat(row(queue.unclassified()).getText()).as("a channel the service does not know, as the CRM gives it")
                .contains("WECHAT").contains("未分类").contains("无时限");
        assertThat(timeLeft(queue.met())).isEqualTo(d.minusDays(25) + " 办结");
        assertThat(cell(queue.met(), "state").getText()).isEqualTo("按时办结");
        assertThat(cell(queue.withdrawn(), "state").getText()).isEqualTo("已撤回");
        new WebDriverWait(ui.driver(), Browser.WAIT).until(driver -> !chipCount("ON_TRACK").isEmpty());
        assertThat(Map.of("ALL", chipCount("ALL"), "OVERDUE", chipCount("OVERDUE"), "AT_RISK", chipCount("AT_RISK"),
                "ON_TRACK", chipCount("ON_TRACK"), "UNCLASSIFIED", chipCount("UNCLASSIFIED"), "MET", chipCount("MET")))
                .isEqualTo(Map.of("ALL", "7", "OVERDUE", "1", "AT_RISK", "2", "ON_TRACK", "1", "UNCLASSIFIED", "1", "MET", ""));
        ui.screenshot("queue");

        ui.click(By.cssSelector(".state-chips .chip[data-state=AT_RISK]"));
        ui.waitFor(By.cssSelector(".complaint-queue[data-state=AT_RISK] table.complaint-list"));
        assertThat(ui.driver().getCurrentUrl()).contains("state=AT_RISK").contains("branch=" + branch);
        assertThat(rows()).containsExactly(queue.orphan(), queue.atRisk());

        new Select(ui.driver().findElement(By.cssSelector(".complaint-filters select[name=category]"))).selectByValue("PRODUCT");
        ui.click(By.cssSelector(".complaint-filters button[type=submit]"));
        new WebDriverWait(ui.driver(), Browser.WAIT).until(driver -> driver.getCurrentUrl().contains("category=PRODUCT"));
        ui.waitFor(By.cssSelector("table.complaint-list tr[data-complaint]"));
        assertThat(ui.driver().getCurrentUrl()).contains("state=AT_RISK");
        assertThat(rows()).containsExactly(queue.atRisk());
        assertThat(ui.driver().findElement(By.cssSelector(".chip[data-state=AT_RISK] input")).isSelected()).isTrue();
        ui.screenshot("queue-filtered");

        ui.click(By.cssSelector("tr[data-complaint='" + queue.atRisk() + "'] td[data-col=customer] a"));
        ui.waitFor(By.cssSelector(".complaints-card table.complaints"));
        assertThat(ui.driver().getCurrentUrl()).endsWith("#/customers/" + crm.customerNo(queue.customerId()));
    }

    @Test
    void aBadStateInTheAddressIsSaidAtTheStateChips() {
        ui.signIn("analyst");
        ui.open("complaints?state=LATE");

        WebElement error = ui.waitFor(By.cssSelector(".state-chips .field-error"));
        assertThat(error.getText()).contains("LATE").contains("请从上面选择");
        assertThat(ui.driver().findElement(By.cssSelector(".complaint-filters .form-error")).getText()).isEqualTo("请修改标出的字段后重试。");
        assertThat(ui.driver().findElements(By.cssSelector(".complaint-queue"))).as("no list of nothing").isEmpty();
        assertThat(ui.driver().findElements(By.cssSelector(".state-chips input:checked"))).isEmpty();
        ui.screenshot("bad-state");

        ui.click(By.cssSelector(".state-chips .chip[data-state=OVERDUE]"));
        ui.waitFor(By.cssSelector(".complaint-queue[data-state=OVERDUE]"));
        assertThat(ui.driver().findElements(By.cssSelector(".complaint-filters .form-error"))).isEmpty();
    }

    @Test
    void theQueueSpeaksEnglish() {
        Queue queue = queue();
        ui.signIn("approver");
        ui.click(By.id("lang"));
        ui.waitForText(By.cssSelector("#pages a[data-page=complaints]"), "Complaint deadlines");
        assertThat(ui.driver().findElement(By.cssSelector("#pages a[data-page=complaint-report]")).getText()).isEqualTo("Complaint analysis");
        ui.open("complaints?branch=" + branch);
        ui.waitFor(By.cssSelector("table.complaint-list tr[data-complaint]"));

        assertThat(ui.driver().findElement(By.cssSelector(".page-head h2")).getText()).isEqualTo("Complaint deadlines");
        assertThat(ui.driver().findElement(By.cssSelector("table.complaint-list thead")).getText())
                .contains("Complaint").contains("Category\ncomplexity").contains("Deadline").contains("State");
        assertThat(cell(queue.overdue(), "state").getText()).isEqualTo("Overdue");
        assertThat(timeLeft(queue.overdue())).isEqualTo("5 days overdue");
        assertThat(timeLeft(queue.atRisk())).isEqualTo("2 days left");
        assertThat(cell(queue.orphan(), "customer").getText()).isEqualTo("no customer");
        assertThat(row(queue.orphan()).getText()).contains("Via the regulator").contains("Extended").contains("Unclassified");
        assertThat(cell(queue.met(), "state").getText()).isEqualTo("Decided in time");
        assertThat(ui.driver().findElement(By.cssSelector(".chip[data-state=ALL] .chip-text")).getText()).isEqualTo("All");
        assertThat(ui.driver().findElement(By.cssSelector(".chip[data-state=OVERDUE] .chip-text")).getText()).isEqualTo("Overdue");
        assertThat(ui.driver().findElement(By.cssSelector(".complaint-queue")).getText()).doesNotContain("complaint.").doesNotContain("enum.");
        ui.screenshot("queue-en");

        ui.open("complaints?state=late");
        assertThat(ui.waitFor(By.cssSelector(".state-chips .field-error")).getText())
                .isEqualTo("There is no state \"late\"; please choose one above.");
        ui.screenshot("bad-state-en");
    }

    /**
     * Last month's complaints of the test's branch, as in ComplaintApiTests: two customers (one of them a repeat
     * complainant), one complaint without a customer, one of a complexity the service does not know.
     */
    @Test
    void theAnalysisShowsTheMonthsFiguresItsTrendAndDownloadsTheExports() {
        YearMonth m = YearMonth.from(d).minusMonths(1);
        long a = crm.customerOfBranch(branch);
        long c = crm.customerOfBranch(branch);
        book.craftedMonth(m, a, c);
        evaluate(a);
        evaluate(c);
        JsonNode report = api.getJson("/api/v1/reports/complaints?month=" + m + "&branch=" + branch, "analyst");

        ui.signIn("analyst");
        ui.open("complaint-report?branch=" + branch);
        ui.waitFor(By.cssSelector("table.complaint-groups tfoot tr.totals"));
        assertThat(ui.driver().findElement(By.cssSelector(".complaint-report")).getDomAttribute("data-month"))
                .as("the last month by default").isEqualTo(YearMonth.now().minusMonths(1).toString());
        ui.open("complaint-report?month=" + m + "&branch=" + branch);
        ui.waitFor(By.cssSelector(".complaint-report[data-month='" + m + "'] table.complaint-groups tfoot tr.totals"));

        WebElement totals = ui.driver().findElement(By.cssSelector("table.complaint-groups tfoot tr.totals"));
        JsonNode expected = report.get("totals");
        assertThat(totals.findElement(By.cssSelector("th")).getText()).isEqualTo("合计");
        assertThat(Map.of("received", text(totals, "received"), "decided", text(totals, "decided"), "inTime", text(totals, "inTime"),
                "late", text(totals, "late"), "inTimePct", text(totals, "inTimePct"), "median", text(totals, "median"),
                "repeat", text(totals, "repeat")))
                .isEqualTo(Map.of("received", "5", "decided", "5", "inTime", "3", "late", "1", "inTimePct", "75%", "median", "8",
                        "repeat", "1"));
        assertThat(expected.get("received").asLong()).isEqualTo(5);
        assertThat(totals.findElement(By.cssSelector("td.root-causes")).getText())
                .isEqualTo("CLAIM_DELAY 3 件\nDOCUMENTATION 1 件\nMISSELLING 1 件");
        assertThat(ui.driver().findElements(By.cssSelector("table.complaint-groups tbody tr[data-group]")))
                .extracting(row -> row.getDomAttribute("data-group")).containsExactly(branch);
        assertThat(ui.driver().findElement(By.cssSelector("[data-figure=inTimePct] .value")).getText()).isEqualTo("75%");
        assertThat(ui.driver().findElement(By.cssSelector("[data-figure=median] .value")).getText()).isEqualTo("8 天");

        List<WebElement> points = ui.driver().findElements(By.cssSelector(".trend-card svg.line-chart circle.point"));
        long monthsWithDecisions = report.get("trend").valueStream().filter(p -> !p.get("decidedInTimePct").isNull()).count();
        assertThat(points).hasSize((int) monthsWithDecisions);
        assertThat(points.get(points.size() - 1).getDomAttribute("data-value")).as("last month, 3 of 4 in time").isEqualTo("0.75");
        assertThat(ui.driver().findElements(By.cssSelector(".trend-card svg.line-chart text.chart-label"))).hasSize(12);
        assertThat(ui.driver().findElement(By.cssSelector(".trend-card svg.line-chart")).getText()).contains("100%").contains("0%");
        assertThat(ui.driver().findElements(By.cssSelector(".causes-card li[data-cause]"))).extracting(WebElement::getText)
                .containsExactly("CLAIM_DELAY\n3", "DOCUMENTATION\n1", "MISSELLING\n1");
        ui.screenshot("analysis");
        ui.script("document.querySelector('.trend-card').scrollIntoView({block: 'center'});");
        ui.screenshot("analysis-trend");

        // The exports: what the buttons fetch (their Accept header) and the file they hand to the browser.
        ui.recordDownloads();
        String csv = new String(ui.download(By.cssSelector(".report-table button[data-export=csv]")), StandardCharsets.UTF_8);
        assertThat(String.valueOf(ui.fetched(0, "accept"))).startsWith("text/csv");
        assertThat(String.valueOf(ui.fetched(0, "url"))).contains("month=" + m).contains("branch=" + branch);
        assertThat(ui.fetched(0, "status")).isEqualTo(200L);
        // the bytes keep the byte order mark that tells Excel the file is UTF-8
        assertThat(csv).startsWith("\uFEFFgroup,received,decided,decidedInTime,decidedLate,decidedInTimePct");
        assertThat(csv.lines()).last().asString().startsWith("TOTAL,5,5,3,1,75.0,8.0,1,");

        byte[] xlsx = ui.download(By.cssSelector(".report-table button[data-export=xlsx]"));
        assertThat(String.valueOf(ui.fetched(1, "accept"))).startsWith(XLSX);
        assertThat(ui.fetched(1, "status")).isEqualTo(200L);
        assertThat(xlsx).isNotEmpty();

        new Select(ui.driver().findElement(By.cssSelector("select[name=groupBy]"))).selectByValue("category");
        ui.click(By.cssSelector(".filters button[type=submit]"));
        ui.waitFor(By.cssSelector(".complaint-report[data-group-by=category] table.complaint-groups"));
        assertThat(ui.driver().getCurrentUrl()).contains("groupBy=category").contains("month=" + m);
        assertThat(ui.driver().findElements(By.cssSelector("table.complaint-groups tbody tr[data-group]")))
                .extracting(row -> row.getDomAttribute("data-group")).containsExactly("COMPLIANCE", "PRODUCT", "SERVICE", "UNCLASSIFIED");
        assertThat(ui.driver().findElements(By.cssSelector("table.complaint-groups tbody tr[data-group] td:first-child")))
                .extracting(WebElement::getText).containsExactly("合规", "产品", "服务", "未分类");
        ui.screenshot("analysis-by-category");

        ui.click(By.id("lang"));
        ui.waitForText(By.cssSelector(".page-head h2"), "Monthly complaint analysis");
        ui.waitFor(By.cssSelector("table.complaint-groups tfoot tr.totals"));
        assertThat(ui.driver().findElements(By.cssSelector("table.complaint-groups tbody tr[data-group] td:first-child")))
                .extracting(WebElement::getText).containsExactly("Compliance", "Product", "Service", "Unclassified");
        assertThat(ui.driver().findElement(By.cssSelector(".report-table button[data-export=xlsx]")).getText()).isEqualTo("Export Excel");
        assertThat(ui.driver().findElement(By.cssSelector("[data-figure=median] .value")).getText()).isEqualTo("8 days");
        ui.screenshot("analysis-en");
    }

    @Test
    void theCustomerPageListsTheCustomersComplaintsWithStateAndDeadline() {
        Queue queue = queue();
        String customerNo = crm.customerNo(queue.customerId());
        ui.signIn("admin");
        ui.open("customers/" + customerNo);
        WebElement card = ui.waitFor(By.cssSelector(".complaints-card table.complaints"));

        assertThat(card.findElements(By.cssSelector("tbody tr[data-complaint]"))).extracting(row -> row.getDomAttribute("data-complaint"))
                .containsExactly(queue.overdue(), queue.atRisk(), queue.onTrack(), queue.unclassified(), queue.met(), queue.withdrawn());
        assertThat(cell(queue.overdue(), "state").getText()).isEqualTo("已逾期");
        assertThat(deadlineDate(queue.overdue())).isEqualTo(d.minusDays(5).toString());
        assertThat(timeLeft(queue.overdue())).isEqualTo("逾期 5 天");
        assertThat(timeLeft(queue.onTrack())).isEqualTo("剩 29 天");
        assertThat(ui.driver().findElement(By.cssSelector(".complaints-card h3 .badge.count")).getText()).isEqualTo("6");
        assertThat(ui.driver().findElement(By.cssSelector(".complaints-card .card-head")).getText()).contains("4 件未办结");
        assertThat(ui.driver().findElement(By.cssSelector(".feature[data-feature=openComplaints]")).getText()).isEqualTo("未办结投诉\n4");
        assertThat(ui.driver().findElement(By.cssSelector(".feature[data-feature=complaints12m]")).getText()).isEqualTo("近12个月投诉次数\n6");
        ui.script("document.querySelector('.complaints-card').scrollIntoView({block: 'center'});");
        ui.screenshot("customer-complaints");

        ui.click(By.id("lang"));
        ui.waitForText(By.cssSelector(".complaints-card h3"), "Complaints");
        assertThat(timeLeft(queue.atRisk())).isEqualTo("2 days left");
        assertThat(ui.driver().findElement(By.cssSelector(".complaints-card")).getText()).contains("Decided in time").contains("4 open");
        ui.script("document.querySelector('.complaints-card').scrollIntoView({block: 'center'});");
        ui.screenshot("customer-complaints-en");
    }

    @Test
    void theComplaintPagesFitATablet() {
        queue();
        ui.atTabletWidth();
        ui.signIn("admin");
        ui.fitsTheWindow("complaints?branch=" + branch, By.cssSelector("table.complaint-list tr[data-complaint]"), "queue");
        ui.fitsTheWindow("complaint-report?branch=" + branch, By.cssSelector("table.complaint-groups tfoot tr.totals"), "analysis");
    }

    private String complaint(@Nullable Long customerId, String channel, @Nullable String category, String complexity,
                             LocalDate received, String status, @Nullable LocalDate decided, @Nullable String rootCause) {
        return book.complaint(customerId, channel, category, complexity, received, status, decided, rootCause);
    }

    private void evaluate(long customerId) {
        Response evaluated = api.post("/api/v1/customers/" + crm.customerNo(customerId) + "/evaluate", null, "admin");
        assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(200);
    }

    private static List<String> rows() {
        return ui.driver().findElements(By.cssSelector("table.complaint-list tbody tr[data-complaint]")).stream()
                .map(row -> row.getDomAttribute("data-complaint")).toList();
    }

    private static WebElement row(String complaintNo) {
        return ui.driver().findElement(By.cssSelector("tr[data-complaint='" + complaintNo + "']"));
    }

    private static WebElement cell(String complaintNo, String column) {
        return row(complaintNo).findElement(By.cssSelector("td[data-col=" + column + "]"));
    }

    private static String timeLeft(String complaintNo) {
        return cell(complaintNo, "deadline").findElement(By.cssSelector(".time-left")).getText();
    }

    private static String deadlineDate(String complaintNo) {
        return cell(complaintNo, "deadline").findElement(By.cssSelector(".deadline-date")).getText();
    }

    private static String chipCount(String state) {
        return ui.driver().findElement(By.cssSelector(".chip[data-state=" + state + "] .count")).getText();
    }

    private static String text(WebElement row, String column) {
        return row.findElement(By.cssSelector("[data-col=" + column + "]")).getText();
    }
}
