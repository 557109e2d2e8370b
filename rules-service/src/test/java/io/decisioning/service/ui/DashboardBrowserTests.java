package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The dashboard in the browser: the book's figures and charts, the warning work, the live packs. */
class DashboardBrowserTests extends BrowserTestSupport {

    @Test
    void theDashboardShowsTheBooksFiguresAndCharts() {
        DemoBook.assessed(port);
        signIn("underwriter");
        open("dashboard");

        WebElement customers = waitFor(By.cssSelector("[data-figure=customers] .value"));
        assertThat(customers.getText().replace(",", "")).isEqualTo("400");
        assertThat(waitFor(By.cssSelector("[data-figure=assessed] .value")).getText().replace(",", "")).isEqualTo("400");
        assertThat(browser().findElements(By.cssSelector(".bar-chart rect.bar"))).hasSizeGreaterThanOrEqualTo(10);
        assertThat(browser().findElements(By.cssSelector(".dash-warnings tbody tr"))).isNotEmpty();
        assertThat(waitFor(By.cssSelector("#live-packs [data-pack=decision] .live-version")).getText()).isNotBlank();
        assertThat(browser().findElements(By.cssSelector("#live-packs a"))).as("no pack links for an underwriter").isEmpty();
        screenshot("dashboard");

        atTabletWidth();
        open("dashboard");
        waitFor(By.cssSelector("[data-figure=customers]"));
        assertNoHorizontalOverflow();
        screenshot("dashboard");
    }
}
