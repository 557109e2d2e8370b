package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The admin UI's shell in a real browser: sign-in, the pages offered per role, the language switch. */
class ShellBrowserTests extends BrowserTestSupport {

    @Test
    void aWrongPasswordIsSaidOnTheFormAndNoBrowserDialogAppears() {
        signIn("analyst", "wrong");

        waitForText(By.id("signin-error"), "用户名或密码错误");
        assertThat(browser().findElement(By.id("shell")).isDisplayed()).isFalse();
        screenshot("signin-error");
    }

    @Test
    void eachRoleIsOfferedOnlyThePagesItMayUse() {
        assertThat(pagesOfferedTo("underwriter"))
                .containsExactly("dashboard", "customers", "blacklist", "warnings", "batch");
        assertThat(pagesOfferedTo("analyst"))
                .containsExactly("dashboard", "customers", "packs", "blacklist", "warnings", "batch");
        assertThat(pagesOfferedTo("auditor")).containsExactly("audit");
        assertThat(pagesOfferedTo("admin"))
                .containsExactly("dashboard", "customers", "packs", "blacklist", "warnings", "batch", "audit");
    }

    @Test
    void aPageTheRoleCannotUseIsNotShownEvenByItsAddress() {
        signIn("underwriter");
        open("packs");

        waitFor(By.cssSelector("#pages a.current"));
        assertThat(browser().getCurrentUrl()).endsWith("#/dashboard");
        assertThat(browser().findElements(By.cssSelector(".page-packs"))).isEmpty();
    }

    @Test
    void theLanguageSwitchTranslatesThePageAndIsRemembered() {
        assertThat(waitFor(By.cssSelector("#signin h2")).getText()).isEqualTo("登录");

        click(By.id("lang"));
        waitForText(By.cssSelector("#signin h2"), "Sign in");
        signIn("analyst");
        assertThat(waitFor(By.cssSelector("#pages a[data-page=packs]")).getText()).isEqualTo("Rule packs");

        browser().navigate().refresh();
        waitFor(By.cssSelector("#pages a[data-page=packs]"));
        assertThat(browser().findElement(By.cssSelector("#pages a[data-page=packs]")).getText()).isEqualTo("Rule packs");
        assertThat(script("return document.documentElement.lang")).isEqualTo("en");

        click(By.id("lang"));
        waitForText(By.cssSelector("#pages a[data-page=packs]"), "规则包");
        screenshot("shell-zh");
    }

    @Test
    void signingOutForgetsTheCredentials() {
        signIn("analyst");
        signOut();

        assertThat(script("return sessionStorage.getItem('auth')")).isNull();
        browser().navigate().refresh();
        assertThat(waitFor(By.id("signin")).isDisplayed()).isTrue();
    }

    @Test
    void theShellFitsATablet() {
        atTabletWidth();
        signIn("admin");
        waitFor(By.cssSelector("#pages a.current"));
        assertNoHorizontalOverflow();
        screenshot("shell");
    }

    private List<String> pagesOfferedTo(String username) {
        freshTab();
        signIn(username);
        List<String> pages = browser().findElements(By.cssSelector("#pages a")).stream()
                .map(link -> link.getDomAttribute("data-page")).toList();
        signOut();
        return pages;
    }

    static String text(WebElement element) {
        return element.getText().trim();
    }
}
