package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/** The blacklist in the browser: add with check digits and field errors, search, history, lift. */
@BrowserTest
class BlacklistBrowserTests {

    @RegisterExtension
    static final Browser ui = new Browser();

    private static final Pattern ENTRY_ROUTE = Pattern.compile("#/blacklist/(\\d+)$");

    @Test
    void anApproverAddsAnEntryFixingTheErrorsShownAtTheFieldsThenLiftsIt() {
        ui.signIn("approver");
        ui.open("blacklist");
        ui.click(By.cssSelector("[data-action=add]"));
        ui.waitFor(By.cssSelector(".blacklist-form"));

        // A wrong check digit is shown at the field as it is typed.
        ui.type(By.name("idNumber"), "110105194912310021");
        ui.waitForText(By.cssSelector(".blacklist-form .field:has([name=idNumber]) .field-error"), "校验位不正确");
        ui.screenshot("check-digit");
        ui.type(By.name("idNumber"), "11010519491231002X");
        ui.type(By.name("name"), "张三丰");
        ui.type(By.name("phone"), "12");
        new Select(ui.driver().findElement(By.name("reasonCode"))).selectByValue("MISREPRESENTATION");
        ui.type(By.name("note"), "隐瞒既往病史");

        // The service refuses the phone: the error is at the phone, everything typed is still there.
        ui.click(By.cssSelector(".blacklist-form button[data-action=save]"));
        ui.waitFor(By.cssSelector(".blacklist-form input[name=phone].invalid"));
        assertThat(ui.driver().findElement(By.name("name")).getDomProperty("value")).isEqualTo("张三丰");
        assertThat(ui.driver().findElement(By.name("note")).getDomProperty("value")).isEqualTo("隐瞒既往病史");
        ui.screenshot("rejected");

        ui.type(By.name("phone"), "+86 138 0013 8000");
        ui.click(By.cssSelector(".blacklist-form button[data-action=save]"));
        new WebDriverWait(ui.driver(), Duration.ofSeconds(20)).until(d -> ENTRY_ROUTE.matcher(d.getCurrentUrl()).find());
        Matcher route = ENTRY_ROUTE.matcher(ui.driver().getCurrentUrl());
        assertThat(route.find()).isTrue();
        String id = route.group(1);
        ui.waitForText(By.cssSelector(".page-head h2"), "生效");
        JsonNode stored = entry(id);
        assertThat(stored.get("idNumber").asString()).isEqualTo("11010519491231002X");
        assertThat(stored.get("reasonCode").asString()).isEqualTo("MISREPRESENTATION");

        ui.open("blacklist?query=张三丰");
        ui.waitFor(By.cssSelector(".blacklist-results tr.entry-" + id));

        ui.open("blacklist/" + id);
        ui.click(By.cssSelector("button[data-action=lift]"));
        ui.type(By.cssSelector("dialog.confirm textarea[name=note]"), "法院判决撤销");
        ui.click(By.cssSelector("dialog.confirm button[type=submit]"));
        ui.waitForText(By.cssSelector(".page-head h2"), "已解除");
        assertThat(ui.waitFor(By.cssSelector(".timeline")).getText()).contains("approver 解除").contains("法院判决撤销");
        assertThat(entry(id).get("status").asString()).isEqualTo("LIFTED");
        ui.screenshot("lifted");
    }

    @Test
    void anOldFifteenDigitIdIsAcceptedAndItsBirthDateFilledInAndCheckedAgainstTheFormsOwn() {
        ui.signIn("approver");
        ui.open("blacklist");
        ui.click(By.cssSelector("[data-action=add]"));
        ui.waitFor(By.cssSelector(".blacklist-form"));
        By idError = By.cssSelector(".blacklist-form .field:has([name=idNumber]) .field-error");
        By birthError = By.cssSelector(".blacklist-form .field:has([name=birthDate]) .field-error");

        ui.type(By.name("idNumber"), "110105490230002");
        ui.click(By.name("name"));
        ui.waitForText(idError, "出生日期不存在");

        ui.type(By.name("idNumber"), "１１０１０５ ４９１２３１ ００２");
        ui.click(By.name("name"));
        new WebDriverWait(ui.driver(), Duration.ofSeconds(10)).until(d ->
                "1949-12-31".equals(d.findElement(By.name("birthDate")).getDomProperty("value")));
        assertThat(ui.driver().findElement(idError).getText()).isEmpty();

        ((org.openqa.selenium.JavascriptExecutor) ui.driver()).executeScript("""
                const input = document.querySelector('[name=birthDate]');
                input.value = '1949-12-30';
                input.dispatchEvent(new Event('change'));""");
        ui.waitForText(birthError, "1949-12-31");
        ui.screenshot("birth-date-mismatch");
    }

    @Test
    void anUnderwriterSearchesWithMaskedNumbersAndIsNotOfferedToAddOrLift() {
        ui.signIn("underwriter");
        ui.open("blacklist");
        ui.waitFor(By.cssSelector(".blacklist-results tbody tr"));
        assertThat(ui.driver().findElements(By.cssSelector("[data-action=add]"))).isEmpty();
        String firstNumber = ui.waitFor(By.cssSelector(".blacklist-results tbody tr td:nth-child(4)")).getText();
        assertThat(firstNumber).contains("*");

        ui.click(By.cssSelector(".blacklist-results tbody tr"));
        ui.waitFor(By.cssSelector(".timeline"));
        assertThat(ui.driver().findElements(By.cssSelector("button[data-action=lift]"))).isEmpty();
    }

    @Test
    void theBlacklistFitsATablet() {
        ui.atTabletWidth();
        ui.signIn("approver");
        ui.fitsTheWindow("blacklist", By.cssSelector(".blacklist-results tbody tr"), "search");
        ui.fitsTheWindow("blacklist/new", By.cssSelector(".blacklist-form"), "add");
    }

    private JsonNode entry(String id) {
        return new ApiClient(ui.port()).get("/api/v1/blacklist/" + id, "approver").json();
    }
}
