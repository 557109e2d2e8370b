package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.decisioning.testing.OidcProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The admin UI signs people in through the company's OpenID Connect provider (DESIGN.md section 14), for real: a
 * Spring Authorization Server the test starts, its own sign-in page, the authorization code flow with PKCE back to
 * the UI, the code turned into a token by the page, and the pages of the token's roles. Not a {@link BrowserTest}:
 * the service needs the provider's settings, so it runs in a context of its own (without demo data).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "rules.demo.data=0")
class SingleSignOnBrowserTests {

    private static final OidcProvider PROVIDER = OidcProvider.start();
    private static final String CLIENT = "decisioning-admin";

    @RegisterExtension
    static final Browser ui = new Browser();

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry properties) {
        properties.add("rules.security.oidc.issuer-uri", PROVIDER::issuer);
        properties.add("rules.security.oidc.client-id", () -> CLIENT);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @Test
    void aPersonSignsInWithTheirCompanyAccountAndWorksWithTheRolesOfTheirToken() {
        // the provider takes no "localhost" redirect (OAuth 2.1 wants the loopback address itself)
        String admin = "http://127.0.0.1:" + ui.port() + "/admin/";
        PROVIDER.allowAdminUi(CLIENT, admin);
        ui.driver().get(admin);
        ui.waitFor(By.id("sso-button"));
        ui.screenshot("sso-offered");

        ui.click(By.id("sso-button"));
        ui.type(By.id("username"), "li.sso");
        ui.type(By.id("password"), OidcProvider.SECRET);
        ui.screenshot("sso-provider-sign-in");
        ui.click(By.cssSelector("button[type=submit]"));

        ui.waitFor(By.cssSelector("#pages a"));
        assertThat(ui.driver().findElement(By.id("who")).getText()).contains("li.sso").contains("HQ");
        assertThat(ui.driver().getCurrentUrl()).as("the code is gone from the address").doesNotContain("code=");
        assertThat(ui.driver().findElement(By.id("password")).isDisplayed())
                .as("the provider keeps the password, not the service").isFalse();
        assertThat(ui.driver().findElements(By.cssSelector("#pages a[data-page='packs']"))).as("an analyst's page").isNotEmpty();
        assertThat(ui.driver().findElements(By.cssSelector("#pages a[data-page='audit']"))).as("an auditor's page").isEmpty();
        ui.click(By.cssSelector("#pages a[data-page='packs']"));
        ui.waitForText(By.id("view"), "grading");
        ui.screenshot("sso-signed-in");
    }
}
