package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Customers in the browser: search, a customer's page, re-evaluation and a pre-bind check. */
class CustomersBrowserTests extends BrowserTestSupport {

    /** The demo customer that the demo blacklist entry matches by identity number. */
    private static final String BLACKLISTED = "C00000011";

    @BeforeEach
    void assessed() {
        DemoBook.assessed(port);
    }

    @Test
    void anUnderwriterFindsACustomerSeesWhyAndRunsAPreBindCheck() {
        signIn("underwriter");
        open("customers");
        type(By.cssSelector(".filters input[name=query]"), "C0000001");
        click(By.cssSelector(".filters button[type=submit]"));
        waitFor(By.cssSelector(".customer-results a[href='#/customers/" + BLACKLISTED + "']"));
        assertThat(waitFor(By.cssSelector(".customer-results tbody tr td:nth-child(3)")).getText()).contains("*");
        click(By.cssSelector(".customer-results a[href='#/customers/" + BLACKLISTED + "']"));

        waitFor(By.cssSelector(".feature[data-feature=annualPremium]"));
        assertThat(waitFor(By.cssSelector(".reasons")).getText()).contains("GRD-");
        assertThat(waitFor(By.cssSelector(".assessment-box")).getText()).contains("黑名单命中").contains("#1");
        int historyBefore = browser().findElements(By.cssSelector(".timeline.history > li")).size();
        assertThat(historyBefore).isPositive();
        screenshot("customer");

        click(By.cssSelector("button[data-action=evaluate]"));
        waitFor(By.cssSelector(".toast.success"));

        click(By.cssSelector("button[data-action=check]"));
        String decision = waitFor(By.cssSelector(".check-result .decision-banner")).getDomAttribute("data-decision");
        String expected = new ApiClient(port).post("/api/v1/checks/pre-bind", "{\"customerNo\": \"" + BLACKLISTED + "\"}",
                "underwriter").json().get("decision").asString();
        assertThat(decision).isEqualTo(expected).isEqualTo("DECLINE");
        screenshot("pre-bind-check");
    }

    @Test
    void anAnalystReadsButIsNotOfferedToEvaluateOrCheck() {
        signIn("analyst");
        open("customers/" + BLACKLISTED);
        waitFor(By.cssSelector(".feature[data-feature=annualPremium]"));
        assertThat(browser().findElements(By.cssSelector("button[data-action=evaluate], button[data-action=check]"))).isEmpty();
    }

    @Test
    void anUnknownCustomerIsSaidPlainly() {
        signIn("underwriter");
        open("customers/NO-SUCH-CUSTOMER");
        waitForText(By.cssSelector(".form-error"), "NO-SUCH-CUSTOMER");
    }

    @Test
    void theCustomerPagesFitATablet() {
        atTabletWidth();
        signIn("underwriter");
        open("customers?query=C00000");
        waitFor(By.cssSelector(".customer-results tbody tr"));
        assertNoHorizontalOverflow();
        screenshot("search");
        open("customers/" + BLACKLISTED);
        waitFor(By.cssSelector(".feature[data-feature=annualPremium]"));
        assertNoHorizontalOverflow();
        screenshot("customer");
    }
}
