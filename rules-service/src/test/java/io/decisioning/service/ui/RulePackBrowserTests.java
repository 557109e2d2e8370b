package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import io.decisioning.service.customer.CrmFixtures;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The analyst's whole path in the browser: open a pack, change a threshold in its decision table, see
 * the validation error at the cell, fix it (and the scenarios at the new boundary), run the scenarios,
 * simulate, and have an approver publish it; then the new version is live.
 */
@BrowserTest
class RulePackBrowserTests {

    @RegisterExtension
    static final Browser ui = new Browser();

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAnalystChangesAThresholdAndAnApproverPublishesIt() {
        ui.signIn("analyst");
        ui.open("packs/grading");
        ui.click(By.cssSelector("a[href='#/packs/grading/1']"));
        ui.waitFor(By.cssSelector(".version-page"));
        ui.screenshot("version");

        // A threshold mistyped: saved as a draft that does not compile, the error shown at the cell.
        openFile("grade-thresholds.drl.csv");
        WebElement premium = cell("D11");
        assertThat(premium.getDomProperty("value")).isEqualTo("500000");
        ui.type(premium, "6o0000");
        ui.type(By.cssSelector(".save-draft input[name=comment]"), "Key accounts from 600,000 a year");
        ui.click(By.cssSelector("button[data-action=save]"));
        int invalid = waitForNewVersion(1);
        ui.waitFor(By.cssSelector(".problems .problem"));
        assertThat(text(By.cssSelector(".problems"))).contains("grade-thresholds.drl.csv")
                .as("the zh-CN page reads the compile error in Chinese").contains("在由第 11 行生成的规则中");
        assertThat(ui.waitFor(By.cssSelector("td[data-cell=D11]")).getDomAttribute("class")).startsWith("marked-");
        assertThat(cell("D11").getDomProperty("value")).isEqualTo("6o0000");   // nothing the analyst typed is lost
        ui.screenshot("invalid-draft");

        // Fixed, with the scenarios at the old boundary moved to the new one.
        ui.type(cell("D11"), "600000");
        openFile("grading.scenarios.csv");
        for (int row = 8; row <= 10; row++) {
            String name = cell("A" + row).getDomProperty("value");
            assertThat(name).contains("500000");
            ui.type(cell("A" + row), name.replace("500000", "600000"));
        }
        ui.type(cell("C8"), "599999.99");
        ui.type(cell("C9"), "600000");
        ui.type(cell("C10"), "600001");
        ui.type(By.cssSelector(".save-draft input[name=comment]"), "Key accounts from 600,000 a year");
        ui.click(By.cssSelector("button[data-action=save]"));
        int draft = waitForNewVersion(invalid);
        ui.waitFor(By.cssSelector(".problems"));
        assertThat(text(By.cssSelector(".problems"))).doesNotContain("row 11");

        ui.click(By.cssSelector("button[data-action=test]"));
        ui.waitFor(By.cssSelector(".test-results .summary"));
        WebElement summary = ui.driver().findElement(By.cssSelector(".test-results .summary"));
        assertThat(summary.getDomAttribute("data-failed")).isEqualTo("0");
        assertThat(Integer.parseInt(summary.getDomAttribute("data-passed"))).isGreaterThan(20);

        ui.click(By.cssSelector("button[data-action=simulate]"));
        new WebDriverWait(ui.driver(), Duration.ofSeconds(60)).until(d ->
                "DONE".equals(d.findElement(By.cssSelector(".simulation")).getDomAttribute("data-status")));
        ui.screenshot("tested-and-simulated");
        ui.signOut();

        // The author may not publish; an approver does.
        ui.signIn("approver");
        ui.open("packs/grading/" + draft);
        ui.click(By.cssSelector("button[data-action=publish]"));
        ui.click(By.cssSelector("dialog.confirm button[type=submit]"));
        ui.waitForText(By.cssSelector(".version-page .page-head h2"), "已发布");

        JsonNode packs = api().get("/api/v1/rule-packs", "approver").json();
        JsonNode grading = null;
        for (JsonNode pack : packs) {
            if (pack.get("name").asString().equals("grading")) {
                grading = pack;
            }
        }
        assertThat(grading.get("publishedVersion").asInt()).isEqualTo(draft);

        // The dashboard shows the new version live on this node.
        By live = By.cssSelector("#live-packs [data-pack=grading] .live-version");
        new WebDriverWait(ui.driver(), Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(500)).until(d -> {
            ui.open("dashboard");
            return ui.waitFor(live).getText().equals(String.valueOf(draft));
        });
        assertThat(text(By.cssSelector("#live-packs [data-pack=grading] .published-version"))).isEqualTo(String.valueOf(draft));
        ui.screenshot("dashboard-after-publish");
    }

    @Test
    void aSimulationThatMovesCustomersShowsItsTransitionsThePremiumAtStakeAndExampleCustomers() {
        String table = api().get("/api/v1/rule-packs/grading/versions/1", "analyst").json()
                .get("files").get("grade-thresholds.drl.csv").asString();
        assertThat(table).contains("\"3, 3\",,HIGH_QUALITY");
        String looser = table.replace("\"3, 3\",,HIGH_QUALITY", "\"1, 1\",,HIGH_QUALITY");
        JsonNode created = api().post("/api/v1/rule-packs/grading/versions", "{\"files\": {\"grade-thresholds.drl.csv\": "
                + quote(looser) + "}, \"comment\": \"High quality after one claim-free year\", \"baseVersion\": 1}",
                "analyst").json();
        assertThat(created.get("valid").asBoolean()).as(created.toString()).isTrue();
        int version = created.get("version").asInt();

        ui.signIn("analyst");
        ui.open("packs/grading/" + version);
        ui.click(By.cssSelector("button[data-action=simulate]"));
        new WebDriverWait(ui.driver(), Duration.ofSeconds(60)).until(d ->
                "DONE".equals(d.findElement(By.cssSelector(".simulation")).getDomAttribute("data-status")));

        JsonNode simulation = api().get("/api/v1/rule-packs/grading/versions/" + version + "/simulation", "analyst").json();
        assertThat(simulation.get("changed").asLong()).isPositive();
        assertThat(text(By.cssSelector(".simulation .sim-changed .value")).replaceAll("\\D", ""))
                .isEqualTo(simulation.get("changed").asString());
        assertThat(simulation.get("changedPremium").decimalValue()).isPositive();
        assertThat(text(By.cssSelector(".simulation .sim-premium .value"))).startsWith("¥");
        // one row and one bar per transition, in the table and in each of the two charts (customers, premium)
        int transitions = simulation.get("transitions").size();
        assertThat(ui.driver().findElements(By.cssSelector(".simulation table.transitions tbody tr"))).hasSize(transitions);
        assertThat(ui.driver().findElements(By.cssSelector(".simulation svg.bar-chart"))).hasSize(2);
        assertThat(ui.driver().findElements(By.cssSelector(".simulation svg.bar-chart rect.bar"))).hasSize(2 * transitions);
        assertThat(text(By.cssSelector(".simulation table.transitions"))).contains("客户等级").contains("优质客户");
        assertThat((java.util.List<?>) ui.script("""
                return [...document.querySelectorAll('.simulation svg.bar-chart text.chart-label')]
                    .filter(t => t.getBBox().x < 0).map(t => t.textContent);"""))
                .as("chart labels cut off on the left").isEmpty();
        ui.script("arguments[0].scrollIntoView({block: 'start'});", ui.driver().findElement(By.cssSelector(".simulation")));
        ui.screenshot("simulation-transitions");

        // an example customer opens the customer's page
        WebElement example = ui.waitFor(By.cssSelector(".simulation table.transitions .examples a"));
        String customerNo = example.getText();
        example.click();
        ui.waitForText(By.cssSelector(".page-customers h2"), customerNo);
    }

    @Test
    void aSimulationOfTheIdentityPackShowsPairsPartiesAndTheReviewQueueNowAndWithTheVersion() {
        // one person entered twice by name and birth date, with two phones: a pair for review under the live version
        String name = "模" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        for (String branch : List.of("GD", "HQ")) {
            String customerNo = CrmFixtures.uniqueNumber();
            jdbc.sql("""
                            INSERT INTO customer (customer_no, customer_type, name, id_type, id_number, birth_date, phone,
                                                  branch_code, created_at)
                            VALUES (:no, 'PERSON', :name, 'PASSPORT', :passport, '1972-03-04', :phone, :branch, '2020-01-01 09:00:00')
                            """)
                    .param("no", customerNo).param("name", name)
                    .param("passport", "E" + CrmFixtures.uniquePhone())
                    .param("phone", CrmFixtures.uniquePhone()).param("branch", branch).update();
            assertThat(api().post("/api/v1/customers/" + customerNo + "/evaluate", null, "underwriter").status()).isEqualTo(200);
        }
        int published = jdbc.sql("SELECT version FROM rule_pack_version WHERE pack = 'identity' AND status = 'PUBLISHED'")
                .query(Integer.class).single();
        String table = api().get("/api/v1/rule-packs/identity/versions/" + published, "analyst").json()
                .get("files").get("linking.drl.csv").asString();
        String review = "IDN-040 Same name and birth date,70,,,true,true,,REVIEW";
        assertThat(table).contains(review);
        JsonNode created = api().post("/api/v1/rule-packs/identity/versions", "{\"files\": {\"linking.drl.csv\": "
                + quote(table.replace(review, review.replace("REVIEW", "AUTO_LINK"))) + "}, \"comment\": \"Name and birth date"
                + " are enough\", \"baseVersion\": " + published + "}", "analyst").json();
        assertThat(created.get("valid").asBoolean()).as(created.toString()).isTrue();
        int version = created.get("version").asInt();

        ui.signIn("analyst");
        ui.open("packs/identity/" + version);
        ui.click(By.cssSelector("button[data-action=simulate]"));
        new WebDriverWait(ui.driver(), Duration.ofSeconds(60)).until(d ->
                "DONE".equals(d.findElement(By.cssSelector(".simulation")).getDomAttribute("data-status")));

        JsonNode identity = api().get("/api/v1/rule-packs/identity/versions/" + version + "/simulation", "analyst").json()
                .get("identity");
        assertThat(text(By.cssSelector(".simulation .sim-parties .value")).replaceAll("[^\\d→]", ""))
                .isEqualTo(identity.get("partiesNow").asLong() + "→" + identity.get("partiesDraft").asLong());
        assertThat(text(By.cssSelector(".simulation .sim-review-queue .value")).replaceAll("[^\\d→]", ""))
                .isEqualTo(identity.get("reviewQueueNow").asLong() + "→" + identity.get("reviewQueueDraft").asLong());
        assertThat(ui.driver().findElements(By.cssSelector(".simulation table.link-outcomes tbody tr"))).hasSize(3);
        assertThat(text(By.cssSelector(".simulation table.link-changes"))).contains("人工确认").contains("自动合并");
        assertThat(ui.driver().findElements(By.cssSelector(".simulation .sim-premium"))).isEmpty();
        ui.script("arguments[0].scrollIntoView({block: 'start'});", ui.driver().findElement(By.cssSelector(".simulation")));
        ui.screenshot("simulation-identity");

        // an example pair's record opens the customer's page
        WebElement example = ui.waitFor(By.cssSelector(".simulation table.link-changes .example-pair a"));
        String customerNo = example.getText();
        example.click();
        ui.waitForText(By.cssSelector(".page-customers h2"), customerNo);
    }

    @Test
    void theAuthorOfAVersionIsNotOfferedToPublishIt() {
        String drl = api().get("/api/v1/rule-packs/tiering/versions/1", "admin").json()
                .get("files").get("tiering.drl").asString();
        String created = api().post("/api/v1/rule-packs/tiering/versions",
                "{\"files\": {\"tiering.drl\": " + quote(drl) + "}, \"comment\": \"same rules\", \"baseVersion\": 1}", "admin").body();
        int version = Integer.parseInt(created.replaceAll("(?s).*\"version\":(\\d+).*", "$1"));
        ui.signIn("admin");
        ui.open("packs/tiering/" + version);

        WebElement publish = ui.waitFor(By.cssSelector("button[data-action=publish]"));
        assertThat(publish.isEnabled()).isFalse();
        assertThat(text(By.cssSelector(".own-version"))).contains("须由另一位审批人发布");
    }

    @Test
    void twoVersionsAreComparedCellByCellAndLineByLine() {
        String base = api().get("/api/v1/rule-packs/warnings/versions/1", "analyst").json()
                .get("files").get("blacklisted.drl").asString();
        String changed = base.replaceFirst("\n", "\n// reviewed by the fraud team\n");
        String body = "{\"files\": {\"blacklisted.drl\": " + quote(changed) + "}, \"comment\": \"note\", \"baseVersion\": 1}";
        String created = api().post("/api/v1/rule-packs/warnings/versions", body, "analyst").body();
        int version = Integer.parseInt(created.replaceAll("(?s).*\"version\":(\\d+).*", "$1"));

        ui.signIn("analyst");
        ui.open("packs/warnings/diff/1/" + version);

        ui.waitFor(By.cssSelector(".file-diff[data-file='blacklisted.drl'] tr.added"));
        assertThat(text(By.cssSelector(".file-diff[data-file='blacklisted.drl'] tr.added"))).contains("reviewed by the fraud team");
        assertThat(ui.driver().findElements(By.cssSelector(".file-diff"))).hasSize(1);
        ui.screenshot("diff");
    }

    @Test
    void anUploadedWorkbookIsSavedWithTheDraftAndShownAsAGrid() throws Exception {
        Path file = Files.createTempDirectory("upload").resolve("premium-bands.drl.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Row row = workbook.createSheet("Bands").createRow(0);
            row.createCell(0).setCellValue("band");
            row.createCell(1).setCellValue(250000);
            workbook.write(out);
        }
        ui.signIn("analyst");
        ui.open("packs/scoring/1");
        ui.waitFor(By.cssSelector(".version-page .tabs"));

        ui.driver().findElement(By.id("pack-upload")).sendKeys(file.toAbsolutePath().toString());
        ui.waitFor(By.cssSelector(".tabs button.active[data-file='premium-bands.drl.xlsx']"));
        ui.click(By.cssSelector("button[data-action=save]"));
        int version = waitForNewVersion(1, "scoring");

        ui.click(By.cssSelector(".tabs button[data-file='premium-bands.drl.xlsx']"));
        ui.waitFor(By.cssSelector(".workbook td[data-cell=B1] input"));
        assertThat(ui.driver().findElement(By.cssSelector(".workbook td[data-cell=B1] input")).getDomProperty("value"))
                .isEqualTo("250000");
        assertThat(api().get("/api/v1/rule-packs/scoring/versions/" + version, "analyst").json()
                .get("files").has("premium-bands.drl.xlsx")).isTrue();
        ui.screenshot("workbook");
    }

    @Test
    void aCsvTableDownloadedAsAWorkbookIsUploadedBackInItsPlaceAndPassesTheScenarios() throws Exception {
        ui.signIn("analyst");
        ui.open("packs/scoring/1");
        openFile("risk-scorecard.drl.csv");
        Path file = Files.createTempDirectory("download").resolve("risk-scorecard.drl.xlsx");
        ui.recordDownloads();
        Files.write(file, ui.download(By.cssSelector(".file-tools button[data-download=xlsx]")));

        ui.driver().findElement(By.id("pack-upload")).sendKeys(file.toAbsolutePath().toString());
        ui.waitFor(By.cssSelector(".tabs button.active[data-file='risk-scorecard.drl.xlsx']"));
        assertThat(ui.driver().findElement(By.cssSelector(".tabs button[data-file='risk-scorecard.drl.csv']")).getDomAttribute("class"))
                .as("the CSV table it replaces").contains("removed");
        ui.click(By.cssSelector("button[data-action=save]"));
        int version = waitForNewVersion(1, "scoring");

        JsonNode draft = api().get("/api/v1/rule-packs/scoring/versions/" + version, "analyst").json();
        assertThat(draft.get("version").get("valid").asBoolean()).as(draft.toString()).isTrue();
        assertThat(draft.get("files").has("risk-scorecard.drl.csv")).isFalse();
        assertThat(draft.get("files").get("pack.properties").asString()).contains("risk-scorecard.drl.xlsx")
                .doesNotContain("risk-scorecard.drl.csv");
        JsonNode tested = api().post("/api/v1/rule-packs/scoring/versions/" + version + "/test", null, "analyst").json();
        assertThat(tested.get("failed").asInt()).as(tested.toString()).isZero();
        assertThat(tested.get("passed").asInt()).isPositive();
    }

    @Test
    void aVersionExportedAsAZipIsImportedBackAsADraftWithTheSameFiles() throws Exception {
        ui.signIn("analyst");
        ui.open("packs/tiering/1");
        ui.waitFor(By.cssSelector(".version-page .tabs"));
        Path zip = Files.createTempDirectory("export").resolve("tiering-v1.zip");
        ui.recordDownloads();
        Files.write(zip, ui.download(By.cssSelector(".version-page button[data-action=export]")));

        ui.open("packs/tiering");
        ui.waitFor(By.cssSelector("label[for=pack-import]"));
        ui.driver().findElement(By.id("pack-import")).sendKeys(zip.toAbsolutePath().toString());
        int version = waitForNewVersion(1, "tiering");

        ui.waitFor(By.cssSelector(".version-page .tabs"));
        JsonNode imported = api().get("/api/v1/rule-packs/tiering/versions/" + version, "analyst").json();
        JsonNode original = api().get("/api/v1/rule-packs/tiering/versions/1", "analyst").json();
        assertThat(imported.get("files")).isEqualTo(original.get("files"));
        assertThat(imported.get("version").get("valid").asBoolean()).isTrue();
        assertThat(imported.get("version").get("comment").asString()).isEqualTo("tiering-v1.zip");
    }


    @Test
    void anApproverRollsAPackBackWithAReason() throws InterruptedException {
        ApiClient api = api();
        String drl = api.get("/api/v1/rule-packs/tiering/versions/1", "analyst").json().get("files").get("tiering.drl").asString();
        JsonNode created = api.post("/api/v1/rule-packs/tiering/versions", "{\"files\": {\"tiering.drl\": "
                + quote(drl + "\n// reviewed\n") + "}, \"comment\": \"reviewed\", \"baseVersion\": 1}", "analyst").json();
        int version = created.get("version").asInt();
        String base = "/api/v1/rule-packs/tiering/versions/" + version;
        assertThat(api.post(base + "/test", "{}", "analyst").json().get("failed").asInt()).isZero();
        api.post(base + "/simulate", null, "analyst");
        for (int i = 0; i < 120 && !"DONE".equals(api.get(base + "/simulation", "analyst").json().get("status").asString()); i++) {
            Thread.sleep(250);
        }
        assertThat(api.post(base + "/publish", null, "approver").status()).isEqualTo(200);

        ui.signIn("approver");
        ui.open("packs/tiering");
        ui.click(By.cssSelector("button[data-action=rollback]"));
        ui.click(By.cssSelector("dialog.confirm button[type=submit]"));                    // a rollback needs a reason
        ui.waitFor(By.cssSelector("dialog.confirm textarea.invalid"));
        ui.type(By.cssSelector("dialog.confirm textarea[name=note]"), "回滚：等待风控复核");
        ui.click(By.cssSelector("dialog.confirm button[type=submit]"));
        ui.waitFor(By.cssSelector(".toast.success"));

        JsonNode tiering = null;
        for (JsonNode pack : api.get("/api/v1/rule-packs", "approver").json()) {
            if (pack.get("name").asString().equals("tiering")) {
                tiering = pack;
            }
        }
        assertThat(tiering.get("publishedVersion").asInt()).isLessThan(version);
        ui.screenshot("rolled-back");
    }

    @Test
    void switchingTheLanguageKeepsUnsavedEdits() {
        ui.signIn("analyst");
        ui.open("packs/grading/1");
        openFile("grade-thresholds.drl.csv");
        ui.type(cell("D11"), "550000");

        ui.click(By.id("lang"));
        ui.waitForText(By.cssSelector("#pages a[data-page=packs]"), "Rule packs");
        assertThat(cell("D11").getDomProperty("value")).isEqualTo("550000");

        ui.click(By.id("lang"));
        ui.waitForText(By.cssSelector("#pages a[data-page=packs]"), "规则包");
        assertThat(cell("D11").getDomProperty("value")).isEqualTo("550000");
    }

    @Test
    void thePackPagesFitATablet() {
        ui.atTabletWidth();
        ui.signIn("analyst");
        ui.fitsTheWindow("packs", By.cssSelector(".page-packs table"), "list");
        ui.fitsTheWindow("packs/grading/1", By.cssSelector(".version-page .code-editor, .version-page .grid-editor"), "version");
    }

    private void openFile(String file) {
        ui.click(By.cssSelector(".tabs button[data-file='" + file + "']"));
        ui.waitFor(By.cssSelector(".tabs button.active[data-file='" + file + "']"));
    }

    private WebElement cell(String reference) {
        return ui.waitFor(By.cssSelector("td[data-cell=" + reference + "] input"));
    }

    private int waitForNewVersion(int after) {
        return waitForNewVersion(after, "grading");
    }

    private int waitForNewVersion(int after, String pack) {
        Pattern route = Pattern.compile("#/packs/" + pack + "/(\\d+)$");
        new WebDriverWait(ui.driver(), Duration.ofSeconds(20)).until(d -> {
            Matcher m = route.matcher(d.getCurrentUrl());
            return m.find() && Integer.parseInt(m.group(1)) > after;
        });
        Matcher m = route.matcher(ui.driver().getCurrentUrl());
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private String text(By by) {
        return ui.waitFor(by).getText();
    }

    private ApiClient api() {
        return new ApiClient(ui.port());
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
