package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/** Customers in the browser: search, a customer's page, re-evaluation and a pre-bind check. */
@BrowserTest
class CustomersBrowserTests {

    @RegisterExtension
    static final Browser ui = new Browser();

    /** The demo customer that the demo blacklist entry matches by identity number. */
    private static final String BLACKLISTED = "C00000011";

    @BeforeEach
    void assessed() {
        DemoBook.assessed(ui.port());
    }

    @Test
    void anUnderwriterFindsACustomerSeesWhyAndRunsAPreBindCheck() {
        ui.signIn("underwriter");
        ui.open("customers");
        ui.type(By.cssSelector(".filters input[name=query]"), "C0000001");
        ui.click(By.cssSelector(".filters button[type=submit]"));
        ui.waitFor(By.cssSelector(".customer-results a[href='#/customers/" + BLACKLISTED + "']"));
        assertThat(ui.waitFor(By.cssSelector(".customer-results tbody tr td:nth-child(3)")).getText()).contains("*");
        ui.click(By.cssSelector(".customer-results a[href='#/customers/" + BLACKLISTED + "']"));

        ui.waitFor(By.cssSelector(".feature[data-feature=annualPremium]"));
        String reasons = ui.waitFor(By.cssSelector(".reasons")).getText();
        JsonNode inChinese = new ApiClient(ui.port()).inLanguage("zh-CN").getJson("/api/v1/customers/" + BLACKLISTED
                + "/assessment", "underwriter");
        assertThat(reasons).contains("GRD-").as("the zh-CN page asks for its reasons in Chinese")
                .contains(inChinese.get("reasons").get(0).get("message").asString());
        assertThat(inChinese.get("reasons").get(0).get("message").asString()).matches(".*\\p{IsHan}.*");
        assertThat(ui.waitFor(By.cssSelector(".assessment-box")).getText()).contains("黑名单命中").contains("#1");
        int historyBefore = ui.driver().findElements(By.cssSelector(".timeline.history > li")).size();
        assertThat(historyBefore).isPositive();
        ui.screenshot("customer");

        ui.click(By.cssSelector("button[data-action=evaluate]"));
        ui.waitFor(By.cssSelector(".toast.success"));

        ui.click(By.cssSelector("button[data-action=check]"));
        String decision = ui.waitFor(By.cssSelector(".check-result .decision-banner")).getDomAttribute("data-decision");
        String expected = new ApiClient(ui.port()).post("/api/v1/checks/pre-bind", "{\"customerNo\": \"" + BLACKLISTED + "\"}",
                "underwriter").json().get("decision").asString();
        assertThat(decision).isEqualTo(expected).isEqualTo("DECLINE");
        ui.screenshot("pre-bind-check");
    }

    @Test
    void theVipListNarrowedByTierIsDownloadedWholeAsCsvAndAsAWorkbook() {
        ApiClient api = new ApiClient(ui.port());
        String tier = Stream.of("GOLD", "PLATINUM")
                .filter(t -> api.getJson("/api/v1/customers?vip=true&tier=" + t, "underwriter").get("total").asLong() > 0)
                .findFirst().orElseThrow(() -> new AssertionError("the demo book has no VIP customers"));
        long total = api.getJson("/api/v1/customers?vip=true&tier=" + tier, "underwriter").get("total").asLong();
        ui.signIn("underwriter");
        ui.open("customers");
        ui.click(By.cssSelector(".filters input[name=vip]"));
        new Select(ui.driver().findElement(By.cssSelector(".filters select[name=tier]"))).selectByValue(tier);
        ui.click(By.cssSelector(".filters button[type=submit]"));
        ui.waitFor(By.cssSelector(".customer-results .list-head button[data-export=csv]"));
        assertThat(ui.driver().getCurrentUrl()).contains("vip=true").contains("tier=" + tier);
        assertThat(ui.driver().findElements(By.cssSelector(".customer-results tbody tr td:nth-child(7)")))
                .extracting(WebElement::getText).isNotEmpty().containsOnly(tier.equals("GOLD") ? "黄金" : "白金");
        ui.screenshot("vip-list");

        ui.recordDownloads();
        String csv = new String(ui.download(By.cssSelector(".customer-results button[data-export=csv]")), StandardCharsets.UTF_8);
        assertThat(String.valueOf(ui.fetched(0, "url"))).contains("vip=true").contains("tier=" + tier);
        assertThat(ui.fetched(0, "status")).isEqualTo(200L);
        assertThat(csv).as("the bytes keep the byte order mark").startsWith("\uFEFFcustomerNo,name,");
        assertThat(csv.lines().skip(1)).hasSize((int) total).allMatch(line -> line.contains("," + tier + ",true,"));

        byte[] xlsx = ui.download(By.cssSelector(".customer-results button[data-export=xlsx]"));
        assertThat(String.valueOf(ui.fetched(1, "accept")))
                .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(ui.fetched(1, "status")).isEqualTo(200L);
        assertThat(xlsx).isNotEmpty();
        assertThat(new String(xlsx, 0, 2, StandardCharsets.ISO_8859_1)).as("a zip: an .xlsx workbook").isEqualTo("PK");
    }

    @Test
    void anAnalystReadsButIsNotOfferedToEvaluateOrCheck() {
        ui.signIn("analyst");
        ui.open("customers/" + BLACKLISTED);
        ui.waitFor(By.cssSelector(".feature[data-feature=annualPremium]"));
        assertThat(ui.driver().findElements(By.cssSelector("button[data-action=evaluate], button[data-action=check]"))).isEmpty();
    }

    @Test
    void anUnknownCustomerIsSaidPlainly() {
        ui.signIn("underwriter");
        ui.open("customers/NO-SUCH-CUSTOMER");
        ui.waitForText(By.cssSelector(".form-error"), "NO-SUCH-CUSTOMER");
    }

    @Test
    void theCustomerPagesFitATablet() {
        ui.atTabletWidth();
        ui.signIn("underwriter");
        ui.fitsTheWindow("customers?query=C00000", By.cssSelector(".customer-results tbody tr"), "search");
        ui.fitsTheWindow("customers/" + BLACKLISTED, By.cssSelector(".feature[data-feature=annualPremium]"), "customer");
    }
}
