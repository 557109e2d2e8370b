package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/** The warning queue in the browser: filters, acknowledge with a note, resolve with a required note. */
class WarningsBrowserTests extends BrowserTestSupport {

    @BeforeEach
    void assessed() {
        DemoBook.assessed(port);
    }

    @Test
    void anApproverFiltersTheQueueAcknowledgesAndResolvesAWarning() {
        signIn("approver");
        open("warnings");
        select("type", "HIGH_LOSS_RATIO");
        click(By.cssSelector(".filters button[type=submit]"));
        waitFor(By.cssSelector(".warning-list tr[data-warning]"));
        assertThat(browser().getCurrentUrl()).contains("type=HIGH_LOSS_RATIO");
        List<WebElement> rows = browser().findElements(By.cssSelector(".warning-list tr[data-warning]"));
        assertThat(rows).allSatisfy(row -> assertThat(row.getText()).contains("高赔付率"));
        String id = rows.get(0).getDomAttribute("data-warning");
        By row = By.cssSelector(".warning-list tr[data-warning='" + id + "']");
        screenshot("queue");

        click(By.cssSelector(".warning-list tr[data-warning='" + id + "'] button[data-action=acknowledge]"));
        type(By.cssSelector("dialog.confirm textarea[name=note]"), "已联系代理人核实");
        click(By.cssSelector("dialog.confirm button[type=submit]"));
        waitForText(row, "已确认");
        assertThat(warning(id).get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(warning(id).get("acknowledgeNote").asString()).isEqualTo("已联系代理人核实");

        click(By.cssSelector(".warning-list tr[data-warning='" + id + "'] button[data-action=resolve]"));
        click(By.cssSelector("dialog.confirm button[type=submit]"));       // a resolution needs a note
        assertThat(waitFor(By.cssSelector("dialog.confirm textarea.invalid")).isDisplayed()).isTrue();
        type(By.cssSelector("dialog.confirm textarea[name=note]"), "Loss ratio explained by one storm claim");
        click(By.cssSelector("dialog.confirm button[type=submit]"));
        waitForText(row, "已解决");
        JsonNode resolved = warning(id);
        assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.get("resolvedBy").asString()).isEqualTo("approver");
        assertThat(resolved.get("resolveNote").asString()).isEqualTo("Loss ratio explained by one storm claim");
    }

    @Test
    void anUnderwriterSeesTheQueueWithoutTheApproversButtons() {
        signIn("underwriter");
        open("warnings?status=ALL");
        waitFor(By.cssSelector(".warning-list tr[data-warning]"));
        assertThat(browser().findElements(By.cssSelector(".warning-list button[data-action]"))).isEmpty();

        type(By.cssSelector(".filters input[name=branch]"), "NOWHERE");
        click(By.cssSelector(".filters button[type=submit]"));
        waitForText(By.cssSelector(".warning-list"), "没有符合条件的预警");
    }

    @Test
    void aMalformedBranchIsShownAtItsField() {
        signIn("underwriter");
        open("warnings");
        type(By.cssSelector(".filters input[name=branch]"), "G D");
        click(By.cssSelector(".filters button[type=submit]"));
        waitFor(By.cssSelector(".filters input[name=branch].invalid"));
        assertThat(browser().findElement(By.cssSelector(".filters input[name=branch]")).getDomProperty("value")).isEqualTo("G D");
    }

    @Test
    void theQueueFitsATablet() {
        atTabletWidth();
        signIn("approver");
        open("warnings");
        waitFor(By.cssSelector(".warning-list tr[data-warning]"));
        assertNoHorizontalOverflow();
        screenshot("queue");
    }

    private void select(String name, String value) {
        WebElement select = waitFor(By.cssSelector(".filters select[name=" + name + "]"));
        new org.openqa.selenium.support.ui.Select(select).selectByValue(value);
    }

    private JsonNode warning(String id) {
        return new ApiClient(port).get("/api/v1/warnings/" + id, "approver").json();
    }
}
