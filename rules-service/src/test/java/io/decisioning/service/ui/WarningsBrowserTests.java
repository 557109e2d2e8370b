package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/** The warning queue in the browser: filters, acknowledge with a note, resolve with a required note. */
@BrowserTest
class WarningsBrowserTests {

    @RegisterExtension
    static final Browser ui = new Browser();

    @BeforeEach
    void assessed() {
        DemoBook.assessed(ui.port());
    }

    @Test
    void anApproverFiltersTheQueueAcknowledgesAndResolvesAWarning() {
        ui.signIn("approver");
        ui.open("warnings");
        select("type", "HIGH_LOSS_RATIO");
        ui.click(By.cssSelector(".filters button[type=submit]"));
        ui.waitFor(By.cssSelector(".warning-list tr[data-warning]"));
        assertThat(ui.driver().getCurrentUrl()).contains("type=HIGH_LOSS_RATIO");
        List<WebElement> rows = ui.driver().findElements(By.cssSelector(".warning-list tr[data-warning]"));
        assertThat(rows).allSatisfy(row -> assertThat(row.getText()).contains("高赔付率"));
        String id = rows.get(0).getDomAttribute("data-warning");
        By row = By.cssSelector(".warning-list tr[data-warning='" + id + "']");
        ui.screenshot("queue");

        ui.click(By.cssSelector(".warning-list tr[data-warning='" + id + "'] button[data-action=acknowledge]"));
        ui.type(By.cssSelector("dialog.confirm textarea[name=note]"), "已联系代理人核实");
        ui.click(By.cssSelector("dialog.confirm button[type=submit]"));
        ui.waitForText(row, "已确认");
        assertThat(warning(id).get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(warning(id).get("acknowledgeNote").asString()).isEqualTo("已联系代理人核实");

        ui.click(By.cssSelector(".warning-list tr[data-warning='" + id + "'] button[data-action=resolve]"));
        ui.click(By.cssSelector("dialog.confirm button[type=submit]"));       // a resolution needs a note
        assertThat(ui.waitFor(By.cssSelector("dialog.confirm textarea.invalid")).isDisplayed()).isTrue();
        ui.type(By.cssSelector("dialog.confirm textarea[name=note]"), "Loss ratio explained by one storm claim");
        ui.click(By.cssSelector("dialog.confirm button[type=submit]"));
        ui.waitForText(row, "已解决");
        JsonNode resolved = warning(id);
        assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.get("resolvedBy").asString()).isEqualTo("approver");
        assertThat(resolved.get("resolveNote").asString()).isEqualTo("Loss ratio explained by one storm claim");
    }

    @Test
    void anUnderwriterSeesTheQueueWithoutTheApproversButtons() {
        ui.signIn("underwriter");
        ui.open("warnings?status=ALL");
        ui.waitFor(By.cssSelector(".warning-list tr[data-warning]"));
        assertThat(ui.driver().findElements(By.cssSelector(".warning-list button[data-action]"))).isEmpty();

        ui.type(By.cssSelector(".filters input[name=branch]"), "NOWHERE");
        ui.click(By.cssSelector(".filters button[type=submit]"));
        ui.waitForText(By.cssSelector(".warning-list"), "没有符合条件的预警");
    }

    @Test
    void aMalformedBranchIsShownAtItsField() {
        ui.signIn("underwriter");
        ui.open("warnings");
        ui.type(By.cssSelector(".filters input[name=branch]"), "G D");
        ui.click(By.cssSelector(".filters button[type=submit]"));
        ui.waitFor(By.cssSelector(".filters input[name=branch].invalid"));
        assertThat(ui.driver().findElement(By.cssSelector(".filters input[name=branch]")).getDomProperty("value")).isEqualTo("G D");
    }

    @Test
    void theQueueFitsATablet() {
        ui.atTabletWidth();
        ui.signIn("approver");
        ui.fitsTheWindow("warnings", By.cssSelector(".warning-list tr[data-warning]"), "queue");
    }

    private void select(String name, String value) {
        WebElement select = ui.waitFor(By.cssSelector(".filters select[name=" + name + "]"));
        new org.openqa.selenium.support.ui.Select(select).selectByValue(value);
    }

    private JsonNode warning(String id) {
        return new ApiClient(ui.port()).get("/api/v1/warnings/" + id, "approver").json();
    }
}
