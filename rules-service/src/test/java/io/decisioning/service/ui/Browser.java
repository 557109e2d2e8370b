package io.decisioning.service.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The browser of the admin UI's tests, a JUnit extension (register it as a static field with
 * {@code @RegisterExtension} in a {@link BrowserTest} class): the system's headless Chromium driven by
 * chromedriver (Debian's {@code chromium} and {@code chromium-driver}; {@code .ci/run} installs them).
 * Without them the tests are skipped with a message, so a newcomer with only a JDK still gets a green
 * build; CI sets {@code UI_TESTS_REQUIRED=true} so that there a missing browser fails instead.
 *
 * <p>One browser per test class, a fresh tab state (signed out, storage cleared) per test, the window
 * at 1280x800 unless a test narrows it. After each test the browser's console must hold no errors
 * other than the HTTP answers the test provoked on purpose (a script error or a Content-Security-Policy
 * refusal fails the test). Screenshots go to {@code target/screenshots/}, named after the test class.
 */
final class Browser implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path CHROMIUM = Path.of(System.getProperty("ui.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("ui.chromedriver", "/usr/bin/chromedriver"));
    static final Duration WAIT = Duration.ofSeconds(20);

    private ChromeDriver browser;
    private String testClass;
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        testClass = context.getRequiredTestClass().getSimpleName();
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)";
        if ("true".equals(System.getenv("UI_TESTS_REQUIRED"))) {
            assertThat(installed).as(missing).isTrue();
        }
        assumeTrue(installed, "Browser tests skipped: " + missing);
        Path profile = Files.createTempDirectory("ui-test-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--lang=zh-CN", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.ACCEPT);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(WAIT);
        Files.createDirectories(SCREENSHOTS);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        port = Integer.parseInt(SpringExtension.getApplicationContext(context).getEnvironment()
                .getRequiredProperty("local.server.port"));
        freshTab();
    }

    /** Starts over: a blank page, the window at 1280x800, signed out with empty storage. */
    void freshTab() {
        // Leave the previous test's page entirely (a page with unsaved edits asks before it is left;
        // the browser accepts such prompts), then start signed out with empty storage.
        browser.get("about:blank");
        viewport(1280, 800);
        browser.get(baseUrl() + "/admin/");
        browser.executeScript("sessionStorage.clear(); localStorage.clear();");
        browser.get(baseUrl() + "/admin/");
        browser.manage().logs().get(LogType.BROWSER);   // drop what the previous test left
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                // HTTP answers a test provokes (401 on a wrong password, 400 on a rejected form...)
                // show up as "Failed to load resource"; they are asserted on the page instead.
                .filter(message -> !message.contains("Failed to load resource"))
                .toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }

    ChromeDriver driver() {
        return browser;
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Opens a page of the UI by its route, e.g. {@code open("warnings?status=OPEN")}. */
    void open(String route) {
        browser.get(baseUrl() + "/admin/#/" + route);
    }

    /** Signs in through the form with the demo password and waits for the navigation. */
    void signIn(String username) {
        signIn(username, "demo");
        waitFor(By.cssSelector("#pages a"));
    }

    void signIn(String username, String password) {
        WebElement form = waitFor(By.id("signin"));
        type(form.findElement(By.name("username")), username);
        type(form.findElement(By.name("password")), password);
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    void signOut() {
        click(By.id("signout"));
        waitFor(By.id("signin"));
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitForText(By by, String text) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    void waitUntilGone(By by) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    /** Clicks an element once it can be clicked, scrolled to the middle of the window (clear of the sticky header). */
    void click(By by) {
        WebElement element = new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(by));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", element);
        element.click();
    }

    void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    void type(By by, String text) {
        type(waitFor(by), text);
    }

    /**
     * From now on, records what the page fetches ({@code window.downloads}: url, Accept header, status) and the last
     * file it hands to the browser to save ({@code window.lastBlob}), as the export and download buttons do.
     */
    void recordDownloads() {
        script("""
                window.downloads = [];
                window.lastBlob = null;
                if (!window.recording) {
                  window.recording = true;
                  const fetchBefore = window.fetch;
                  window.fetch = async (url, options) => {
                    const response = await fetchBefore(url, options);
                    window.downloads.push({ url: String(url), accept: options.headers.Accept, status: response.status });
                    return response;
                  };
                  const objectUrl = URL.createObjectURL;
                  URL.createObjectURL = blob => { window.lastBlob = blob; return objectUrl.call(URL, blob); };
                }""");
    }

    /**
     * Clicks {@code button} and returns the bytes of the file it hands to the browser to save (after
     * {@link #recordDownloads}); the fetch it made is {@code window.downloads}' last.
     */
    byte[] download(By button) {
        script("window.lastBlob = null;");
        click(button);
        new WebDriverWait(browser, WAIT).until(driver -> script("return window.lastBlob") != null);
        String base64 = String.valueOf(browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const reader = new FileReader();
                reader.onload = () => done(reader.result.substring(reader.result.indexOf(',') + 1));
                reader.readAsDataURL(window.lastBlob);"""));
        return Base64.getDecoder().decode(base64);
    }

    /** Of the fetches recorded since {@link #recordDownloads}, the {@code index}th's {@code field} (url, accept, status). */
    Object fetched(int index, String field) {
        return script("return window.downloads[" + index + "]." + field);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(js, args);
    }

    /** Writes target/screenshots/{test class}-{name}-{page width}.png of what the window shows. */
    void screenshot(String name) {
        int width = ((Number) browser.executeScript("return window.innerWidth;")).intValue();
        try {
            Files.write(SCREENSHOTS.resolve(testClass + "-" + name + "-" + width + ".png"),
                    browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write screenshot " + name, e);
        }
    }

    /** Narrows the page to a tablet (768x1024). */
    void atTabletWidth() {
        viewport(768, 1024);
    }

    /** Sizes the window so that the page itself (not the window with its frame) is width x height. */
    void viewport(int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
        Number innerWidth = (Number) browser.executeScript("return window.innerWidth;");
        Number innerHeight = (Number) browser.executeScript("return window.innerHeight;");
        browser.manage().window().setSize(new Dimension(
                2 * width - innerWidth.intValue(), 2 * height - innerHeight.intValue()));
    }

    /**
     * Opens {@code route}, waits for {@code ready}, checks that nothing is wider than the window and
     * writes screenshot {@code name}: one page of a "fits a tablet" test.
     */
    void fitsTheWindow(String route, By ready, String name) {
        open(route);
        waitFor(ready);
        assertNoHorizontalOverflow();
        screenshot(name);
    }

    /** No element of the page is wider than the window (nothing cut off or forcing a sideways scroll). */
    void assertNoHorizontalOverflow() {
        Object overflow = script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
    }
}
