package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.decisioning.service.ApiClient;
import io.decisioning.service.customer.CrmFixtures;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The back-test of a churn scorecard in the browser (DESIGN.md section 11), on the demo book with its premium
 * schedules: an analyst starts one on a draft of the retention pack and reads the figures the service found, a
 * date in the future is refused at its field, and an approver reads back-tests without being offered to start one.
 * Each test back-tests a draft of its own, whose back-tests it removes.
 */
@BrowserTest
class BacktestBrowserTests {

    @RegisterExtension
    static final Browser ui = new Browser();

    @Autowired
    JdbcClient jdbc;

    private final List<Integer> drafts = new ArrayList<>();

    @AfterEach
    void removeTheBacktests() {
        if (!drafts.isEmpty()) {
            jdbc.sql("DELETE FROM rule_pack_backtest WHERE pack = 'retention' AND version IN (:versions)")
                    .param("versions", drafts).update();
        }
    }

    @Test
    void anAnalystBackTestsAScorecardAndSeesTheFiguresTheServiceFound() {
        int draft = draft();
        // a horizon of a year that ended, with its 30 days of renewals, two months ago: the schedule goes back further
        LocalDate asOf = CrmFixtures.today().minusDays(365 + 30 + 60);
        assertThat(jdbc.sql("SELECT MIN(due_date) FROM premium_due").query(LocalDate.class).single()).isBefore(asOf);

        ui.signIn("analyst");
        ui.open("packs/retention/" + draft);
        WebElement card = ui.waitFor(By.cssSelector(".backtest"));
        assertThat(card.findElement(By.tagName("h3")).getText()).isEqualTo("回测");
        assertThat(card.getText()).contains("回测基准日").contains("观察期（天）").contains("尚未回测");
        WebElement date = card.findElement(By.cssSelector("input[name=asOf]"));
        assertThat(date.getDomProperty("value")).as("a default date").matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(card.findElement(By.cssSelector("input[name=horizonDays]")).getDomProperty("value")).isEqualTo("365");

        ui.script("arguments[0].value = arguments[1];", date, asOf.toString());
        ui.click(By.cssSelector(".backtest button[data-action=backtest]"));
        new WebDriverWait(ui.driver(), Duration.ofSeconds(60)).until(d -> {
            String status = d.findElement(By.cssSelector(".backtest")).getDomAttribute("data-status");
            return status != null && !status.equals("RUNNING");
        });

        JsonNode backtest = new ApiClient(ui.port())
                .getJson("/api/v1/rule-packs/retention/versions/" + draft + "/backtest", "analyst");
        assertThat(backtest.get("status").asString()).as(backtest.toString()).isEqualTo("DONE");
        assertThat(card.getDomAttribute("data-status")).isEqualTo("DONE");
        assertThat(backtest.get("asOf").asString()).isEqualTo(asOf.toString());
        assertThat(backtest.get("horizonDays").asInt()).isEqualTo(365);
        assertThat(backtest.get("evaluated").asLong()).as("customers at risk a year and a quarter ago").isPositive();
        assertThat(digits(".bt-evaluated .value")).isEqualTo(backtest.get("evaluated").asString());
        assertThat(digits(".bt-left .value")).isEqualTo(backtest.get("left").asString());
        assertThat(Double.parseDouble(text(".bt-auc .value"))).isCloseTo(backtest.get("auc").asDouble(), within(0.005));
        assertThat(text(".bt-auc .hint")).contains("0.5 相当于随机猜测");
        List<WebElement> rows = ui.driver().findElements(By.cssSelector(".backtest table.deciles tbody tr"));
        assertThat(rows).hasSize(10);
        JsonNode top = backtest.get("deciles").get(0);
        assertThat(rows.get(0).findElements(By.tagName("td"))).extracting(WebElement::getText).startsWith(
                "第 1 组", top.get("customers").asString(), top.get("left").asString());
        int filled = 0;
        for (JsonNode decile : backtest.get("deciles")) {
            filled += decile.get("customers").asLong() > 0 ? 1 : 0;
        }
        assertThat(ui.driver().findElements(By.cssSelector(".backtest svg.bar-chart rect.bar"))).hasSize(filled);
        assertThat(card.findElement(By.cssSelector(".progress")).getDomAttribute("aria-valuenow")).isEqualTo("100");
        assertThat(card.getText()).doesNotContain("null").doesNotContain("undefined").doesNotContain("packs.bt.");
        ui.script("arguments[0].scrollIntoView({block: 'start'});", card);
        ui.screenshot("backtest-done");

        // in English, the page opened again reads the same back-test
        ui.click(By.id("lang"));
        ui.waitForText(By.cssSelector(".backtest h3"), "Back-test");
        assertThat(text(".bt-auc .hint")).contains("0.5 is chance");
        assertThat(text(".backtest")).doesNotContain("null").doesNotContain("undefined").doesNotContain("packs.bt.");
        assertThat(digits(".bt-evaluated .value")).isEqualTo(backtest.get("evaluated").asString());
        assertThat(text(".backtest table.deciles tbody tr:first-child td")).isEqualTo("Decile 1");
        assertThat(ui.driver().findElement(By.cssSelector(".backtest input[name=asOf]")).getDomProperty("value"))
                .as("the form offers what was asked last").isEqualTo(asOf.toString());

        ui.atTabletWidth();
        ui.assertNoHorizontalOverflow();
        ui.script("arguments[0].scrollIntoView({block: 'start'});", ui.driver().findElement(By.cssSelector(".backtest")));
        ui.screenshot("backtest-done");
    }

    @Test
    void aDateInTheFutureIsRefusedAtItsFieldAndNothingIsStarted() {
        int draft = draft();
        long before = backtests();

        ui.signIn("analyst");
        ui.click(By.id("lang"));
        ui.waitForText(By.cssSelector("#pages a[data-page=packs]"), "Rule packs");
        ui.open("packs/retention/" + draft);
        WebElement date = ui.waitFor(By.cssSelector(".backtest input[name=asOf]"));
        ui.script("arguments[0].value = arguments[1];", date, CrmFixtures.today().plusDays(10).toString());
        ui.click(By.cssSelector(".backtest button[data-action=backtest]"));

        ui.waitForText(By.cssSelector(".backtest-form .field-error"), "is in the future");
        WebElement field = date.findElement(By.xpath("ancestor::label[contains(@class, 'field')]"));
        assertThat(field.getText()).startsWith("As of").contains("is in the future");
        assertThat(date.getDomAttribute("class")).contains("invalid");
        assertThat(ui.waitFor(By.cssSelector(".backtest-form .form-error[role=alert]")).getText()).isNotBlank();
        assertThat(ui.driver().findElement(By.cssSelector(".backtest")).getDomAttribute("data-status"))
                .as("no back-test shown").isNull();
        assertThat(backtests()).as("nothing started").isEqualTo(before);
        assertThat(new ApiClient(ui.port()).get("/api/v1/rule-packs/retention/versions/" + draft + "/backtest", "analyst")
                .status()).isEqualTo(404);
        ui.screenshot("backtest-refused");
    }

    @Test
    void anApproverReadsBackTestsButIsNotOfferedToStartOneAndOtherPacksHaveNoBackTest() {
        int draft = draft();

        ui.signIn("approver");
        ui.open("packs/retention/" + draft);
        WebElement card = ui.waitFor(By.cssSelector(".backtest"));
        assertThat(card.findElements(By.cssSelector("form, button[data-action=backtest]"))).isEmpty();
        assertThat(card.findElement(By.cssSelector(".no-backtest")).getText()).contains("尚未回测");

        ui.open("packs/grading/1");
        ui.waitFor(By.cssSelector(".version-page .simulation"));
        assertThat(ui.driver().findElements(By.cssSelector(".backtest"))).as("grading gives no churn score").isEmpty();
    }

    /** A new draft of the retention pack: its published version with a note added. */
    private int draft() {
        ApiClient api = new ApiClient(ui.port());
        int published = jdbc.sql("SELECT version FROM rule_pack_version WHERE pack = 'retention' AND status = 'PUBLISHED'")
                .query(Integer.class).single();
        ApiClient.Response created = api.post("/api/v1/rule-packs/retention/versions", """
                {"baseVersion": %d, "comment": "back-test in the browser", "files": {"notes.md": "A copy to back-test."}}
                """.formatted(published), "analyst");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("valid").asBoolean()).as(created.body()).isTrue();
        int version = created.json().get("version").asInt();
        drafts.add(version);
        return version;
    }

    private long backtests() {
        return jdbc.sql("SELECT COUNT(*) FROM rule_pack_backtest").query(Long.class).single();
    }

    private String text(String css) {
        return ui.waitFor(By.cssSelector(css)).getText();
    }

    private String digits(String css) {
        return text(css).replaceAll("\\D", "");
    }
}
