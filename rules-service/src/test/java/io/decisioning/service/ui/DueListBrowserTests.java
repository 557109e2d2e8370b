package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.customer.CrmFixtures;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The monthly due list in the browser (DESIGN.md section 11), on the demo book with its premium schedules: an
 * admin generates a month, the items show tier, churn score and what to watch for, an approver records a
 * salesperson's outcome, and the kind filter lives in the address.
 */
@BrowserTest
class DueListBrowserTests {

    @RegisterExtension
    static final Browser ui = new Browser();

    /** Two months ahead: no other test generates it, and the demo book's monthly payers have instalments due then. */
    private static final String MONTH = CrmFixtures.today().plusMonths(2).toString().substring(0, 7);

    @BeforeEach
    void assessed() {
        DemoBook.assessed(ui.port());
    }

    @Test
    void anAdminGeneratesAMonthAndAnApproverRecordsAnOutcome() {
        ApiClient api = new ApiClient(ui.port());
        ui.signIn("admin");
        ui.open("due-lists?month=" + MONTH);
        if (api.get("/api/v1/due-lists/" + MONTH, "admin").status() == 404) {
            ui.waitFor(By.cssSelector(".due-list .not-generated"));
            ui.click(By.cssSelector(".due-list button[data-action=generate]"));
        }
        ui.waitFor(By.cssSelector(".due-list tr[data-item]"));
        List<WebElement> rows = ui.driver().findElements(By.cssSelector(".due-list tr[data-item]"));
        assertThat(rows).isNotEmpty();
        assertThat(rows).extracting(row -> row.findElement(By.cssSelector("td.churn")).getText())
                .as("the churn scores of assessed customers").anyMatch(text -> text.matches("\\d+"));
        assertThat(ui.driver().findElements(By.cssSelector(".due-list button[data-export]"))).hasSize(2);
        ui.screenshot("due-list");

        ui.signOut();
        ui.signIn("approver");
        ui.open("due-lists?month=" + MONTH);
        String id = ui.waitFor(By.cssSelector(".due-list tr[data-item]")).getDomAttribute("data-item");
        ui.click(By.cssSelector(".due-list tr[data-item='" + id + "'] button[data-outcome=PROMISED]"));
        ui.type(By.cssSelector("dialog.confirm textarea[name=note]"), "客户承诺月底前缴费");
        ui.click(By.cssSelector("dialog.confirm button[type=submit]"));
        // the outcome cell, not the row: the row's PROMISED button says 承诺缴费 before the answer comes back
        ui.waitForText(By.cssSelector(".due-list tr[data-item='" + id + "'] td.outcome"), "承诺缴费");
        JsonNode item = item(api, id);
        assertThat(item.get("outcome").asString()).isEqualTo("PROMISED");
        assertThat(item.get("outcomeNote").asString()).isEqualTo("客户承诺月底前缴费");
        assertThat(ui.driver().findElements(By.cssSelector(".due-list button[data-action=regenerate]")))
                .as("only admins regenerate").isEmpty();
    }

    @Test
    void theKindFilterLivesInTheAddress() {
        new ApiClient(ui.port()).post("/api/v1/due-lists/" + MONTH, null, "admin");
        ui.signIn("analyst");
        ui.open("due-lists?month=" + MONTH + "&kind=RENEWAL");
        ui.waitFor(By.cssSelector(".due-list tr[data-item], .due-list tr.empty"));
        assertThat(ui.driver().findElements(By.cssSelector(".due-list tr[data-item]")))
                .allSatisfy(row -> assertThat(row.getDomAttribute("data-kind")).isEqualTo("RENEWAL"));
        assertThat(ui.driver().findElements(By.cssSelector(".due-list button[data-outcome]")))
                .as("analysts read the list").isEmpty();
    }

    @Test
    void theCustomerPageShowsTheChurnScoreAndWhatASalespersonShouldKnow() {
        ApiClient api = new ApiClient(ui.port());
        api.post("/api/v1/due-lists/" + MONTH, null, "admin");
        JsonNode top = api.get("/api/v1/due-lists/" + MONTH + "?size=1", "admin").json().get("items").get(0);
        String customerNo = top.get("customerNo").asString();
        int churn = api.get("/api/v1/customers/" + customerNo + "/assessment", "underwriter").json().get("churnScore").asInt();

        ui.signIn("underwriter");
        ui.open("customers/" + customerNo);
        WebElement card = ui.waitFor(By.cssSelector(".retention-card"));
        assertThat(card.findElement(By.cssSelector(".churn-score")).getDomAttribute("data-churn-score"))
                .isEqualTo(String.valueOf(churn));
        assertThat(card.findElements(By.cssSelector(".retention-reasons li"))).isNotEmpty();
        assertThat(card.getText()).doesNotContain("churn points").doesNotContain("流失分");
        assertThat(card.findElements(By.cssSelector(".retention-reasons li"))).extracting(WebElement::getText)
                .as("the zh-CN page's reasons are Chinese").allMatch(text -> text.codePoints()
                        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
        ui.waitFor(By.cssSelector(".feature[data-feature=maxDaysOverdue]"));
        ui.screenshot("customer-retention");
    }

    private static JsonNode item(ApiClient api, String id) {
        for (int page = 0; ; page++) {
            JsonNode list = api.get("/api/v1/due-lists/" + MONTH + "?size=500&page=" + page, "approver").json();
            for (JsonNode item : list.get("items")) {
                if (item.get("id").asString().equals(id)) {
                    return item;
                }
            }
            if (list.get("items").isEmpty()) {
                throw new AssertionError("no item " + id);
            }
        }
    }
}
