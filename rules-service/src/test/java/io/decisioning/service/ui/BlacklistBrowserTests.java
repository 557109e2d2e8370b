package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/** The blacklist in the browser: add with check digits and field errors, search, history, lift. */
class BlacklistBrowserTests extends BrowserTestSupport {

    private static final Pattern ENTRY_ROUTE = Pattern.compile("#/blacklist/(\\d+)$");

    @Test
    void anApproverAddsAnEntryFixingTheErrorsShownAtTheFieldsThenLiftsIt() {
        signIn("approver");
        open("blacklist");
        click(By.cssSelector("[data-action=add]"));
        waitFor(By.cssSelector(".blacklist-form"));

        // A wrong check digit is shown at the field as it is typed.
        type(By.name("idNumber"), "110105194912310021");
        waitForText(By.cssSelector(".blacklist-form .field:has([name=idNumber]) .field-error"), "校验位不正确");
        screenshot("check-digit");
        type(By.name("idNumber"), "11010519491231002X");
        type(By.name("name"), "张三丰");
        type(By.name("phone"), "12");
        new Select(browser().findElement(By.name("reasonCode"))).selectByValue("MISREPRESENTATION");
        type(By.name("note"), "隐瞒既往病史");

        // The service refuses the phone: the error is at the phone, everything typed is still there.
        click(By.cssSelector(".blacklist-form button[data-action=save]"));
        waitFor(By.cssSelector(".blacklist-form input[name=phone].invalid"));
        assertThat(browser().findElement(By.name("name")).getDomProperty("value")).isEqualTo("张三丰");
        assertThat(browser().findElement(By.name("note")).getDomProperty("value")).isEqualTo("隐瞒既往病史");
        screenshot("rejected");

        type(By.name("phone"), "+86 138 0013 8000");
        click(By.cssSelector(".blacklist-form button[data-action=save]"));
        new WebDriverWait(browser(), Duration.ofSeconds(20)).until(d -> ENTRY_ROUTE.matcher(d.getCurrentUrl()).find());
        Matcher route = ENTRY_ROUTE.matcher(browser().getCurrentUrl());
        assertThat(route.find()).isTrue();
        String id = route.group(1);
        waitForText(By.cssSelector(".page-head h2"), "生效");
        JsonNode stored = entry(id);
        assertThat(stored.get("idNumber").asString()).isEqualTo("11010519491231002X");
        assertThat(stored.get("reasonCode").asString()).isEqualTo("MISREPRESENTATION");

        open("blacklist?query=张三丰");
        waitFor(By.cssSelector(".blacklist-results tr.entry-" + id));

        open("blacklist/" + id);
        click(By.cssSelector("button[data-action=lift]"));
        type(By.cssSelector("dialog.confirm textarea[name=note]"), "法院判决撤销");
        click(By.cssSelector("dialog.confirm button[type=submit]"));
        waitForText(By.cssSelector(".page-head h2"), "已解除");
        assertThat(waitFor(By.cssSelector(".timeline")).getText()).contains("approver 解除").contains("法院判决撤销");
        assertThat(entry(id).get("status").asString()).isEqualTo("LIFTED");
        screenshot("lifted");
    }

    @Test
    void anUnderwriterSearchesWithMaskedNumbersAndIsNotOfferedToAddOrLift() {
        signIn("underwriter");
        open("blacklist");
        waitFor(By.cssSelector(".blacklist-results tbody tr"));
        assertThat(browser().findElements(By.cssSelector("[data-action=add]"))).isEmpty();
        String firstNumber = waitFor(By.cssSelector(".blacklist-results tbody tr td:nth-child(4)")).getText();
        assertThat(firstNumber).contains("*");

        click(By.cssSelector(".blacklist-results tbody tr"));
        waitFor(By.cssSelector(".timeline"));
        assertThat(browser().findElements(By.cssSelector("button[data-action=lift]"))).isEmpty();
    }

    @Test
    void theBlacklistFitsATablet() {
        atTabletWidth();
        signIn("approver");
        open("blacklist");
        waitFor(By.cssSelector(".blacklist-results tbody tr"));
        assertNoHorizontalOverflow();
        screenshot("search");
        open("blacklist/new");
        waitFor(By.cssSelector(".blacklist-form"));
        assertNoHorizontalOverflow();
        screenshot("add");
    }

    private JsonNode entry(String id) {
        return new ApiClient(port).get("/api/v1/blacklist/" + id, "approver").json();
    }
}
