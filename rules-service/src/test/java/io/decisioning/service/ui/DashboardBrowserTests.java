package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The dashboard in the browser: the book's figures and charts, the warning work, the live packs. */
@BrowserTest
class DashboardBrowserTests {

    @RegisterExtension
    static final Browser ui = new Browser();

    @Test
    void theDashboardShowsTheBooksFiguresAndCharts() {
        DemoBook.assessed(ui.port());
        ui.signIn("underwriter");
        ui.open("dashboard");

        WebElement customers = ui.waitFor(By.cssSelector("[data-figure=customers] .value"));
        assertThat(customers.getText().replace(",", "")).isEqualTo("400");
        assertThat(ui.waitFor(By.cssSelector("[data-figure=assessed] .value")).getText().replace(",", "")).isEqualTo("400");
        assertThat(ui.driver().findElements(By.cssSelector(".bar-chart rect.bar"))).hasSizeGreaterThanOrEqualTo(10);
        assertThat(ui.driver().findElements(By.cssSelector(".dash-warnings tbody tr"))).isNotEmpty();
        assertThat(ui.waitFor(By.cssSelector("#live-packs [data-pack=decision] .live-version")).getText()).isNotBlank();
        assertThat(ui.driver().findElements(By.cssSelector("#live-packs a"))).as("no pack links for an underwriter").isEmpty();
        ui.screenshot("dashboard");

        ui.atTabletWidth();
        ui.fitsTheWindow("dashboard", By.cssSelector("[data-figure=customers]"), "dashboard");
    }
}
