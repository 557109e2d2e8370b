package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.service.ApiClient;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The admin UI's shell in a real browser: sign-in, the pages offered per role, the language switch. */
@BrowserTest
class ShellBrowserTests {

    @RegisterExtension
    static final Browser ui = new Browser();

    private static final String PASSWORD = "a long enough secret";

    @Test
    void aWrongPasswordIsSaidOnTheFormAndNoBrowserDialogAppears() {
        ui.signIn("analyst", "wrong");

        ui.waitForText(By.id("signin-error"), "用户名或密码错误");
        assertThat(ui.driver().findElement(By.id("shell")).isDisplayed()).isFalse();
        ui.screenshot("signin-error");
    }

    @Test
    void aUserLockedOutAfterWrongPasswordsIsToldUntilWhen() {
        String name = user("ui.locked.");
        ApiClient api = new ApiClient(ui.port());
        for (int i = 0; i < 5; i++) {
            assertThat(api.withPassword("wrong " + i).get("/api/v1/me", name).status()).isEqualTo(401);
        }

        ui.signIn(name, PASSWORD);

        ui.waitForText(By.id("signin-error"), "连续 5 次密码错误已被锁定");
        assertThat(ui.driver().findElement(By.id("signin-error")).getText()).contains("后可再登录");
        assertThat(ui.driver().findElement(By.id("shell")).isDisplayed()).isFalse();
        ui.screenshot("signin-locked");
    }

    @Test
    void aUserChangesTheirOwnPasswordAndWorksOnWithIt() {
        String name = user("ui.pw.");
        ui.signIn(name, PASSWORD);
        ui.waitFor(By.cssSelector("#pages a"));

        ui.click(By.id("password"));
        ui.type(By.cssSelector("dialog.password-dialog input[name=currentPassword]"), PASSWORD);
        ui.type(By.cssSelector("dialog.password-dialog input[name=newPassword]"), "my new long secret");
        ui.type(By.cssSelector("dialog.password-dialog input[name=repeatPassword]"), "my new long secreT");
        ui.click(By.cssSelector("dialog.password-dialog button[type=submit]"));
        ui.waitForText(By.cssSelector("dialog.password-dialog input[name=repeatPassword] + .field-error"), "两次输入的新密码不一致");
        ui.type(By.cssSelector("dialog.password-dialog input[name=repeatPassword]"), "my new long secret");
        ui.screenshot("change-password");
        ui.click(By.cssSelector("dialog.password-dialog button[type=submit]"));
        ui.waitFor(By.cssSelector(".toast.success"));

        ApiClient api = new ApiClient(ui.port());
        assertThat(api.withPassword(PASSWORD).get("/api/v1/me", name).status()).as("the old password").isEqualTo(401);
        assertThat(api.withPassword("my new long secret").get("/api/v1/me", name).status()).isEqualTo(200);
        ui.open("warnings");
        ui.waitFor(By.cssSelector(".warning-list"));
        assertThat(ui.driver().findElement(By.id("signin")).isDisplayed()).as("still signed in, with the new password").isFalse();
    }

    /** A new analyst of head office with {@link #PASSWORD}, so that no demo user is locked out or changed. */
    private static String user(String prefix) {
        String name = prefix + UUID.randomUUID().toString().substring(0, 8);
        assertThat(new ApiClient(ui.port()).post("/api/v1/users", """
                {"username": "%s", "password": "%s", "roles": ["ANALYST", "UNDERWRITER"], "branchCode": "HQ"}"""
                .formatted(name, PASSWORD), "admin").status()).isEqualTo(201);
        return name;
    }

    @Test
    void eachRoleIsOfferedOnlyThePagesItMayUse() {
        assertThat(pagesOfferedTo("underwriter"))
                .containsExactly("dashboard", "customers", "blacklist", "warnings", "complaints", "account-managers", "batch");
        assertThat(pagesOfferedTo("analyst"))
                .containsExactly("dashboard", "customers", "packs", "blacklist", "warnings", "complaints", "identity", "due-lists",
                        "account-managers", "visit-report", "complaint-report", "batch");
        assertThat(pagesOfferedTo("auditor")).containsExactly("audit");
        assertThat(pagesOfferedTo("admin"))
                .containsExactly("dashboard", "customers", "packs", "blacklist", "warnings", "complaints", "identity", "due-lists",
                        "account-managers", "assignments", "visit-report", "complaint-report", "batch", "audit");
        // a manager's book is their morning page: first, and where they land
        assertThat(pagesOfferedTo("am.gdsz.03")).containsExactly("book", "due-lists");
    }

    @Test
    void aPageTheRoleCannotUseIsNotShownEvenByItsAddress() {
        ui.signIn("underwriter");
        ui.open("packs");

        ui.waitFor(By.cssSelector("#pages a.current"));
        assertThat(ui.driver().getCurrentUrl()).endsWith("#/dashboard");
        assertThat(ui.driver().findElements(By.cssSelector(".page-packs"))).isEmpty();
    }

    @Test
    void theLanguageSwitchTranslatesThePageAndIsRemembered() {
        assertThat(ui.waitFor(By.cssSelector("#signin h2")).getText()).isEqualTo("登录");

        ui.click(By.id("lang"));
        ui.waitForText(By.cssSelector("#signin h2"), "Sign in");
        ui.signIn("analyst");
        assertThat(ui.waitFor(By.cssSelector("#pages a[data-page=packs]")).getText()).isEqualTo("Rule packs");

        ui.driver().navigate().refresh();
        ui.waitFor(By.cssSelector("#pages a[data-page=packs]"));
        assertThat(ui.driver().findElement(By.cssSelector("#pages a[data-page=packs]")).getText()).isEqualTo("Rule packs");
        assertThat(ui.script("return document.documentElement.lang")).isEqualTo("en");

        ui.click(By.id("lang"));
        ui.waitForText(By.cssSelector("#pages a[data-page=packs]"), "规则包");
        ui.screenshot("shell-zh");
    }

    @Test
    void signingOutForgetsTheCredentials() {
        ui.signIn("analyst");
        ui.signOut();

        assertThat(ui.script("return sessionStorage.getItem('auth')")).isNull();
        ui.driver().navigate().refresh();
        assertThat(ui.waitFor(By.id("signin")).isDisplayed()).isTrue();
    }

    @Test
    void theShellFitsATablet() {
        ui.atTabletWidth();
        ui.signIn("admin");
        ui.waitFor(By.cssSelector("#pages a.current"));
        ui.assertNoHorizontalOverflow();
        ui.screenshot("shell");
    }

    private List<String> pagesOfferedTo(String username) {
        ui.freshTab();
        ui.signIn(username);
        List<String> pages = ui.driver().findElements(By.cssSelector("#pages a")).stream()
                .map(link -> link.getDomAttribute("data-page")).toList();
        ui.signOut();
        return pages;
    }

    static String text(WebElement element) {
        return element.getText().trim();
    }
}
