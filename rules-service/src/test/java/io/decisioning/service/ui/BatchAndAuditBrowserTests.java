package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/** Batch runs (start one, watch it finish) and the audit trail that records it, in the browser. */
@BrowserTest
class BatchAndAuditBrowserTests {

    @RegisterExtension
    static final Browser ui = new Browser();

    private static final Pattern RUN_ROUTE = Pattern.compile("#/batch/(\\d+)$");

    @Test
    void anAdminStartsARunWatchesItFinishAndAnAuditorFindsItInTheTrail() {
        DemoBook.assessed(ui.port());
        ui.signIn("admin");
        ui.open("batch");
        ui.click(By.cssSelector("button[data-action=start]"));
        ui.click(By.cssSelector("dialog.confirm button[type=submit]"));
        new WebDriverWait(ui.driver(), Duration.ofSeconds(20)).until(d -> RUN_ROUTE.matcher(d.getCurrentUrl()).find());
        Matcher route = RUN_ROUTE.matcher(ui.driver().getCurrentUrl());
        assertThat(route.find()).isTrue();
        String id = route.group(1);

        new WebDriverWait(ui.driver(), Duration.ofSeconds(90)).until(d ->
                "SUCCEEDED".equals(d.findElement(By.cssSelector(".batch-run")).getDomAttribute("data-status")));
        JsonNode run = new ApiClient(ui.port()).get("/api/v1/batch-runs/" + id, "admin").json();
        assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(ui.waitFor(By.cssSelector("[data-figure=processed] .value")).getText().replace(",", ""))
                .isEqualTo(run.get("processed").asString());
        ui.screenshot("run");

        ui.open("batch");
        ui.waitFor(By.cssSelector("tr.run-" + id));
        ui.screenshot("runs");
        ui.signOut();

        ui.signIn("auditor");
        ui.open("audit?action=BATCH_RUN_STARTED");
        ui.waitFor(By.cssSelector(".audit-list tr[data-action=BATCH_RUN_STARTED]"));
        assertThat(ui.waitFor(By.cssSelector(".audit-list tbody")).getText()).contains("BATCH_RUN #" + id).contains("admin");
        ui.screenshot("audit");
    }

    @Test
    void onlyAnAdminIsOfferedToStartARun() {
        ui.signIn("approver");
        ui.open("batch");
        ui.waitFor(By.cssSelector(".page-batch .card"));
        assertThat(ui.driver().findElements(By.cssSelector("button[data-action=start]"))).isEmpty();
    }

    @Test
    void theRunsAndTheTrailFitATablet() {
        ui.atTabletWidth();
        ui.signIn("admin");
        ui.fitsTheWindow("batch", By.cssSelector(".page-batch .card"), "runs");
        ui.fitsTheWindow("audit", By.cssSelector(".audit-list tbody tr"), "audit");
    }
}
