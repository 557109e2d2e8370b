package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.customer.CrmFixtures;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * The account-manager pages in the browser (DESIGN.md section 12) on the demo book after its nightly run: the register
 * kept by an admin, a manager's book as their landing page with a contact logged from it, assignment proposals
 * decided by an approver, the monthly visit report, the customer page's entitlements and contacts, and the pages in
 * English.
 */
@BrowserTest
class AccountManagerBrowserTests {

    @RegisterExtension
    static final Browser ui = new Browser();

    /** The demo manager who is also a demo user (role ACCOUNT_MANAGER). */
    private static final String MANAGER = "am.gdsz.03";

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void assessed() {
        DemoBook.assessed(ui.port());
    }

    @Test
    void anAdminAddsAManagerSeesTheFieldErrorThenEditsIt() {
        ApiClient api = new ApiClient(ui.port());
        String code = "am.gdsz." + CrmFixtures.uniqueNumber().toLowerCase(Locale.ROOT);
        ui.signIn("admin");
        ui.open("account-managers?branch=GD-SZ");
        ui.waitFor(By.cssSelector(".manager-register tr[data-manager='am.gdsz.03']"));
        assertThat(ui.driver().findElements(By.cssSelector("tr[data-manager='am.gdsz.12'] .badge.managerState-left"))).hasSize(1);
        assertThat(ui.driver().findElements(By.cssSelector("tr[data-manager='am.gdsz.09'] [data-lapsed]")))
                .as("the 09s' qualification lapsed").hasSize(1);
        for (JsonNode m : api.getJson("/api/v1/account-managers?branch=GD-SZ", "admin")) {
            long customers = m.get("customers").asLong();
            int capacity = m.get("capacity").asInt();
            String load = customers > capacity ? "over" : customers == capacity ? "full" : "ok";
            assertThat(ui.driver().findElement(By.cssSelector("tr[data-manager='" + m.get("code").asString() + "'] .load"))
                    .getDomAttribute("data-load")).as(m.toString()).isEqualTo(load);
        }
        ui.click(By.cssSelector("a[data-action=add]"));
        WebElement form = ui.waitFor(By.cssSelector("form.manager-form"));
        ui.type(form.findElement(By.name("code")), code);
        ui.type(form.findElement(By.name("name")), "黄测试经理");
        ui.type(form.findElement(By.name("branchCode")), "GD-SZ");
        new Select(form.findElement(By.name("level"))).selectByValue("SENIOR");
        ui.type(form.findElement(By.name("capacity")), "-5");
        ui.click(By.cssSelector("form.manager-form button[data-action=save]"));
        ui.waitFor(By.cssSelector("form.manager-form input[name=capacity].invalid"));
        String error = ui.driver().findElement(By.cssSelector("form.manager-form input[name=capacity]"))
                .findElement(By.xpath("ancestor::label[contains(@class,'field')]//small[contains(@class,'field-error')]")).getText();
        assertThat(error).isNotBlank();
        assertThat(api.get("/api/v1/account-managers/" + code, "admin").status()).as("nothing saved").isEqualTo(404);
        ui.screenshot("capacity-error");

        ui.type(By.cssSelector("form.manager-form input[name=capacity]"), "40");
        ui.click(By.cssSelector("form.manager-form button[data-action=save]"));
        ui.waitFor(By.cssSelector(".manager-register tr[data-manager='" + code + "']"));
        JsonNode added = api.getJson("/api/v1/account-managers/" + code, "admin");
        assertThat(added.get("level").asString()).isEqualTo("SENIOR");
        assertThat(added.get("capacity").asInt()).isEqualTo(40);
        assertThat(added.get("status").asString()).isEqualTo("ACTIVE");

        ui.click(By.cssSelector(".manager-register tr[data-manager='" + code + "'] a[data-action=edit]"));
        form = ui.waitFor(By.cssSelector("form.manager-form"));
        assertThat(form.findElements(By.name("code"))).as("the code is not edited").isEmpty();
        new Select(form.findElement(By.name("level"))).selectByValue("PRINCIPAL");
        ui.type(form.findElement(By.name("capacity")), "0");
        new Select(form.findElement(By.name("status"))).selectByValue("LEFT");
        ui.click(By.cssSelector("form.manager-form button[data-action=save]"));
        assertThat(ui.waitFor(By.cssSelector("dialog.confirm")).getText()).contains(code).contains("分配建议");
        ui.screenshot("left-confirmation");
        ui.click(By.cssSelector("dialog.confirm button[type=submit]"));
        ui.waitFor(By.cssSelector(".manager-register tr[data-manager='" + code + "'] .badge.managerState-left"));
        assertThat(ui.driver().findElement(By.cssSelector("tr[data-manager='" + code + "'] .load")).getDomAttribute("data-load"))
                .as("no room left: 0 of 0").isEqualTo("full");
        ui.screenshot("register");
        JsonNode edited = api.getJson("/api/v1/account-managers/" + code, "admin");
        assertThat(edited.get("level").asString()).isEqualTo("PRINCIPAL");
        assertThat(edited.get("capacity").asInt()).isZero();
        assertThat(edited.get("status").asString()).isEqualTo("LEFT");
    }

    @Test
    void aManagerLandsOnTheirBookAndLogsAVisit() {
        ApiClient api = new ApiClient(ui.port());
        assertThat(api.getJson("/api/v1/account-managers/" + MANAGER + "/book", MANAGER)).as("the demo manager's book").isNotEmpty();
        ui.signIn(MANAGER);
        ui.waitFor(By.cssSelector("table.book tr[data-customer]"));
        assertThat(ui.driver().getCurrentUrl()).endsWith("#/book");
        assertThat(ui.driver().findElement(By.cssSelector("#pages a")).getDomAttribute("data-page")).as("first in the navigation")
                .isEqualTo("book");
        ui.screenshot("book");

        WebElement row = ui.driver().findElement(By.cssSelector("table.book tr[data-customer]"));
        String customerNo = row.getDomAttribute("data-customer");
        String visitBefore = row.getDomAttribute("data-last-visit");
        String rowSelector = "table.book tr[data-customer='" + customerNo + "']";
        ui.click(By.cssSelector(rowSelector + " button[data-action=log-contact]"));
        WebElement dialog = ui.waitFor(By.cssSelector("dialog.contact-dialog"));
        assertThat(new Select(dialog.findElement(By.name("kind"))).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("VISIT");
        assertThat(dialog.findElement(By.name("occurredAt")).getDomProperty("value")).as("now by default").isNotBlank();
        assertThat(dialog.findElement(By.name("satisfaction")).isDisplayed()).as("a survey's only").isFalse();
        ui.type(dialog.findElement(By.name("note")), "上门拜访，介绍年度风险评估");
        ui.screenshot("log-contact");
        ui.click(By.cssSelector("dialog.contact-dialog button[data-action=save-contact]"));
        ui.waitUntilGone(By.cssSelector("dialog.contact-dialog"));

        new WebDriverWait(ui.driver(), Browser.WAIT).until(driver -> {
            String visit = driver.findElement(By.cssSelector(rowSelector)).getDomAttribute("data-last-visit");
            return visit != null && !visit.isEmpty() && !visit.equals(visitBefore);
        });
        assertThat(ui.driver().findElement(By.cssSelector(rowSelector + " td[data-col=lastVisit]")).getText()).isEqualTo("今天");
        JsonNode latest = api.getJson("/api/v1/customers/" + customerNo + "/contacts", "admin").get(0);
        assertThat(latest.get("kind").asString()).isEqualTo("VISIT");
        assertThat(latest.get("by").asString()).isEqualTo(MANAGER);
        assertThat(latest.get("note").asString()).isEqualTo("上门拜访，介绍年度风险评估");
        ui.screenshot("book-after-visit");
    }

    @Test
    void anApproverAcceptsOneProposalAndRejectsAnother() {
        ApiClient api = new ApiClient(ui.port());
        if (api.getJson("/api/v1/assignment-proposals?status=PENDING&size=2", "approver").get("total").asLong() < 2) {
            leave(api, busiestManager(api));
        }
        // a key account the CRM has just opened in a branch of its own, with no manager yet: a VIP not yet placed
        CrmFixtures crm = new CrmFixtures(jdbc);
        String branch = CrmFixtures.uniquePrefix().replace("-", "");
        long vip = crm.customerOfBranch(branch);
        crm.policy(vip, "ACTIVE", CrmFixtures.today().minusMonths(1), CrmFixtures.today().plusMonths(11), "900000.00");
        assertThat(api.post("/api/v1/customers/" + crm.customerNo(vip) + "/evaluate", null, "admin").status()).isEqualTo(200);
        ui.signIn("approver");
        ui.open("assignments");
        ui.waitFor(By.cssSelector("table.proposals tr[data-proposal][data-status=PENDING]"));
        List<String> ids = ui.driver().findElements(By.cssSelector("table.proposals tr[data-proposal][data-status=PENDING]")).stream()
                .map(tr -> tr.getDomAttribute("data-proposal")).limit(2).toList();
        assertThat(ids).hasSize(2);
        ui.waitFor(By.cssSelector(".unplaced h3 .badge.count"));
        ui.screenshot("assignments");
        // the VIPs nobody can take, as the approver's file: a row each, as many as the count says
        long unplaced = Long.parseLong(ui.driver().findElement(By.cssSelector(".unplaced h3 .badge.count")).getText()
                .replaceAll("\\D", ""));
        assertThat(unplaced).isPositive();
        ui.recordDownloads();
        String csv = new String(ui.download(By.cssSelector(".unplaced button[data-export=csv]")), StandardCharsets.UTF_8);
        assertThat(ui.fetched(0, "status")).isEqualTo(200L);
        assertThat(csv).startsWith("\uFEFFcustomerNo,branchCode,tier,accountManager,reason");
        assertThat(csv.lines().skip(1)).hasSize((int) unplaced).anyMatch(line -> line.startsWith(crm.customerNo(vip) + "," + branch + ",PLATINUM,,"));
        // and the queue itself, the listed status only
        byte[] queue = ui.download(By.cssSelector(".proposals button[data-export=xlsx]"));
        assertThat(String.valueOf(ui.fetched(1, "url"))).contains("/api/v1/assignment-proposals?status=PENDING");
        assertThat(ui.fetched(1, "status")).isEqualTo(200L);
        assertThat(new String(queue, 0, 2, StandardCharsets.ISO_8859_1)).as("a zip: an .xlsx workbook").isEqualTo("PK");

        ui.click(By.cssSelector("tr[data-proposal='" + ids.get(0) + "'] button[data-action=accept]"));
        ui.click(By.cssSelector("dialog.confirm button[type=submit]"));
        ui.waitFor(By.cssSelector("tr[data-proposal='" + ids.get(0) + "'][data-status=ACCEPTED]"));

        ui.click(By.cssSelector("tr[data-proposal='" + ids.get(1) + "'] button[data-action=reject]"));
        ui.type(By.cssSelector("dialog.confirm textarea[name=note]"), "客户要求保留原客户经理");
        ui.click(By.cssSelector("dialog.confirm button[type=submit]"));
        ui.waitFor(By.cssSelector("tr[data-proposal='" + ids.get(1) + "'][data-status=REJECTED]"));
        assertThat(ui.driver().findElements(By.cssSelector("tr[data-proposal='" + ids.get(1) + "'] button[data-action]")))
                .as("a decided proposal offers no buttons").isEmpty();

        JsonNode accepted = proposal(api, ids.get(0));
        assertThat(accepted.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.get("decidedBy").asString()).isEqualTo("approver");
        JsonNode rejected = proposal(api, ids.get(1));
        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("note").asString()).isEqualTo("客户要求保留原客户经理");
        ui.screenshot("assignments-decided");
    }

    @Test
    void theVisitReportShowsThePreviousMonthWithItsTotals() {
        String month = YearMonth.now().minusMonths(1).toString();
        JsonNode report = new ApiClient(ui.port()).getJson("/api/v1/reports/visits?month=" + month, "analyst");
        ui.signIn("analyst");
        ui.open("visit-report");
        ui.waitFor(By.cssSelector("table.visits tbody tr[data-manager]"));
        assertThat(ui.driver().findElement(By.cssSelector(".visit-report")).getDomAttribute("data-month")).isEqualTo(month);
        assertThat(ui.driver().findElements(By.cssSelector("table.visits tbody tr[data-manager]"))).hasSize(report.get("managers").size());
        WebElement totals = ui.driver().findElement(By.cssSelector("table.visits tfoot tr.totals"));
        assertThat(number(totals.findElement(By.cssSelector("[data-col=due]")))).isEqualTo(report.get("totals").get("visitsDue").asLong());
        assertThat(number(totals.findElement(By.cssSelector("[data-col=done]")))).isEqualTo(report.get("totals").get("visitsDone").asLong());
        assertThat(report.get("totals").get("visitsDue").asLong()).as("the demo book's VIPs are due visits").isPositive();
        assertThat(ui.driver().findElements(By.cssSelector(".visit-report button[data-export]")))
                .extracting(button -> button.getDomAttribute("data-export")).containsExactly("csv", "xlsx");
        ui.screenshot("visit-report");

        ui.open("visit-report?month=" + month + "&branch=GD-SZ");
        ui.waitFor(By.cssSelector("table.visits tbody tr[data-manager='am.gdsz.03']"));
        assertThat(ui.driver().findElements(By.cssSelector("table.visits tbody tr[data-manager]")))
                .allSatisfy(row -> assertThat(row.getDomAttribute("data-manager")).startsWith("am.gdsz."));
    }

    @Test
    void theCustomerPageShowsEntitlementsTheManagerAndContacts() {
        ApiClient api = new ApiClient(ui.port());
        JsonNode entry = api.getJson("/api/v1/account-managers/" + MANAGER + "/book", "admin").get(0);
        String customerNo = entry.get("customerNo").asString();
        List<String> entitlements = new ArrayList<>();
        api.getJson("/api/v1/customers/" + customerNo + "/assessment", "admin").get("entitlements")
                .forEach(e -> entitlements.add(e.asString()));
        int contactsBefore = api.getJson("/api/v1/customers/" + customerNo + "/contacts", "admin").size();

        ui.signIn("admin");
        ui.open("customers/" + customerNo);
        WebElement badges = ui.waitFor(By.cssSelector(".entitlement-badges"));
        assertThat(badges.getDomAttribute("data-entitlements")).isEqualTo(String.join(",", entitlements));
        assertThat(badges.findElements(By.cssSelector(".badge"))).hasSize(entitlements.size());
        assertThat(ui.waitFor(By.cssSelector(".manager-card")).getText()).contains(MANAGER);
        assertThat(ui.driver().findElements(By.cssSelector(".feature[data-feature=managerStatus]"))).as("not a number").isEmpty();
        ui.script("document.querySelector('.manager-card').scrollIntoView({block: 'center'});");
        ui.screenshot("customer-manager");
        ui.waitFor(By.cssSelector(".contacts-card table.contacts"));
        assertThat(ui.driver().findElements(By.cssSelector(".contacts-card tbody tr:not(.empty)"))).hasSize(contactsBefore);

        ui.click(By.cssSelector(".contacts-card button[data-action=log-contact]"));
        WebElement dialog = ui.waitFor(By.cssSelector("dialog.contact-dialog"));
        new Select(dialog.findElement(By.name("kind"))).selectByValue("SURVEY");
        ui.click(By.cssSelector("dialog.contact-dialog button[data-action=save-contact]"));
        ui.waitFor(By.cssSelector("dialog.contact-dialog select[name=satisfaction].invalid"));
        new Select(dialog.findElement(By.name("satisfaction"))).selectByValue("5");
        ui.click(By.cssSelector("dialog.contact-dialog button[data-action=save-contact]"));
        ui.waitUntilGone(By.cssSelector("dialog.contact-dialog"));
        new WebDriverWait(ui.driver(), Browser.WAIT).until(driver ->
                driver.findElements(By.cssSelector(".contacts-card tbody tr:not(.empty)")).size() == contactsBefore + 1);
        JsonNode latest = api.getJson("/api/v1/customers/" + customerNo + "/contacts", "admin").get(0);
        assertThat(latest.get("kind").asString()).isEqualTo("SURVEY");
        assertThat(latest.get("satisfaction").asInt()).isEqualTo(5);
        ui.screenshot("customer-contacts");
    }

    @Test
    void thePagesSpeakEnglishAfterTheSwitch() {
        ui.signIn("admin");
        ui.click(By.id("lang"));
        ui.waitForText(By.cssSelector("#pages a[data-page=account-managers]"), "Account managers");
        assertThat(ui.driver().findElement(By.cssSelector("#pages a[data-page=assignments]")).getText()).isEqualTo("Assignments");
        assertThat(ui.driver().findElement(By.cssSelector("#pages a[data-page=visit-report]")).getText()).isEqualTo("Visit report");

        ui.open("account-managers?branch=GD-SZ");
        ui.waitForText(By.cssSelector(".page-head h2"), "Account managers");
        assertThat(ui.waitFor(By.cssSelector("tr[data-manager='am.gdsz.12'] .badge.managerState-left")).getText()).isEqualTo("Left");
        ui.screenshot("register-en");

        ui.open("book/" + MANAGER);
        ui.waitFor(By.cssSelector("table.book tr[data-customer]"));
        assertThat(ui.driver().findElement(By.cssSelector(".page-head h2")).getText()).endsWith("'s book");
        assertThat(ui.driver().findElement(By.cssSelector("table.book thead")).getText()).contains("Entitlements").contains("Last visit");
        ui.screenshot("book-en");

        ui.open("assignments");
        ui.waitForText(By.cssSelector(".page-head h2"), "Assignment proposals");
        ui.waitForText(By.cssSelector(".unplaced h3"), "VIPs nobody can take");

        ui.open("visit-report");
        ui.waitFor(By.cssSelector("table.visits tfoot tr.totals"));
        assertThat(ui.driver().findElement(By.cssSelector("table.visits tfoot tr.totals th")).getText()).isEqualTo("Totals");
        assertThat(ui.driver().findElement(By.cssSelector(".visit-report button[data-export=xlsx]")).getText()).isEqualTo("Export Excel");
        ui.screenshot("visit-report-en");
    }

    /** The active manager outside the test user's branch with the most customers: leaving gives proposals for a whole book. */
    private static JsonNode busiestManager(ApiClient api) {
        JsonNode busiest = null;
        for (JsonNode m : api.getJson("/api/v1/account-managers?status=ACTIVE", "admin")) {
            if (!m.get("branchCode").asString().equals("GD-SZ")
                    && (busiest == null || m.get("customers").asLong() > busiest.get("customers").asLong())) {
                busiest = m;
            }
        }
        assertThat(busiest).isNotNull();
        return busiest;
    }

    private static void leave(ApiClient api, JsonNode m) {
        String body = """
                {"name": "%s", "branchCode": "%s", "level": "%s", "capacity": %d, "status": "LEFT", "qualifiedUntil": %s}"""
                .formatted(m.get("name").asString(), m.get("branchCode").asString(), m.get("level").asString(), m.get("capacity").asInt(),
                        m.get("qualifiedUntil").isNull() ? "null" : "\"" + m.get("qualifiedUntil").asString() + "\"");
        ApiClient.Response left = api.put("/api/v1/account-managers/" + m.get("code").asString(), body, "admin");
        assertThat(left.status()).as(left.body()).isEqualTo(200);
    }

    private static JsonNode proposal(ApiClient api, String id) {
        for (int page = 0; ; page++) {
            JsonNode list = api.getJson("/api/v1/assignment-proposals?size=200&page=" + page, "approver");
            for (JsonNode p : list.get("items")) {
                if (p.get("id").asString().equals(id)) {
                    return p;
                }
            }
            if (list.get("items").isEmpty()) {
                throw new AssertionError("no proposal " + id);
            }
        }
    }

    private static long number(WebElement cell) {
        return Long.parseLong(cell.getText().replaceAll("[^0-9]", ""));
    }
}
