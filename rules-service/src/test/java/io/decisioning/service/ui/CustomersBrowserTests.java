package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

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
        assertThat(ui.waitFor(By.cssSelector(".reasons")).getText()).contains("GRD-");
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
