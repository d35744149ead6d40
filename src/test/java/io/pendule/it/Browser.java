package io.pendule.it;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * Headless Chromium for the dashboard's browser tests: Debian's /usr/bin/chromium driven by its /usr/bin/chromedriver
 * (never Selenium Manager, which would download them), in a fresh profile, with a 1280x800 window, the given
 * language, and the browser console kept for {@link #consoleErrors()}. The first page it is sent to that needs a
 * signed-in reader brings the sign-in page: it signs in there as the deployments' admin, through the form, once per
 * browser, and goes on to the page asked.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private Browser(String language, boolean signIn) throws IOException {
        profile = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), "chromium");
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(profile.resolve("chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking flags Chromium's own connections are refused by a closed network.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,800", "--lang=" + language, "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver started;
        try {
            started = signIn ? new SigningIn(service, options) : new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteProfile();
            throw e;
        }
        driver = started;
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // --window-size counts the window's frame too: grow it until the page itself has 1280x800
        Object frame = driver.executeScript("return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]");
        List<?> extra = (List<?>) frame;
        driver.manage().window().setSize(new Dimension(1280 + ((Number) extra.get(0)).intValue(),
                800 + ((Number) extra.get(1)).intValue()));
    }

    /**
     * Starts Chromium speaking {@code language} (its Accept-Language). Without Chromium or its driver the test is
     * skipped, except on CI ({@code CI=true}), where .ci/run installs them: there it fails.
     */
    static Browser start(String language) throws IOException {
        requireChromium();
        return new Browser(language, true);
    }

    /** As {@link #start(String)}, for a reader who does not sign in: pages that need one show the sign-in page. */
    static Browser startSignedOut(String language) throws IOException {
        requireChromium();
        return new Browser(language, false);
    }

    private static void requireChromium() {
        String missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(p -> !Files.isExecutable(p)).map(Path::toString)
                .reduce((a, b) -> a + " and " + b).orElse(null);
        if (missing != null) {
            String message = missing + " missing: browser tests need Debian's chromium and chromium-driver packages"
                    + " (apt-get install chromium chromium-driver; .ci/run installs them)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message + "; skipped outside CI");
        }
    }

    /**
     * The element has left the document: the page it was on has been replaced. Asked while the page is being replaced,
     * chromedriver may answer that the element's node "does not belong to the document" rather than that it is stale:
     * that is gone too.
     */
    static ExpectedCondition<Boolean> gone(WebElement element) {
        return driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException stale) {
                return true;
            } catch (WebDriverException asked) {
                if (String.valueOf(asked.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw asked;
            }
        };
    }

    /** Saves a PNG of the window as it is now. */
    Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** The browser console's errors since the last call (CSP violations are among them). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    /**
     * Saves a screenshot under target/screenshots/, and in docs/screenshots/ too with -Dpendule.docs.screenshots=true
     * (how the README's pictures are refreshed).
     */
    void keepScreenshot(String name) throws IOException {
        Path shot = screenshot(Path.of("target", "screenshots", name));
        if (Boolean.getBoolean("pendule.docs.screenshots")) {
            Path docs = Path.of(System.getProperty("basedir", "."), "docs", "screenshots", name);
            Files.createDirectories(docs.getParent());
            Files.copy(shot, docs, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * No error in the console since the last look, Content-Security-Policy violations first among them, but those
     * the test expects (regular expressions: a page answered 400 on purpose).
     */
    void assertNoConsoleErrors(String... expected) {
        List<String> errors = consoleErrors();
        Assertions.assertTrue(errors.stream().noneMatch(e -> e.contains("Content Security Policy") || e.contains("Refused to")),
                "CSP violations in the console: " + errors);
        Assertions.assertEquals(List.of(), errors.stream().filter(e -> Stream.of(expected).noneMatch(e::matches)).toList(),
                "the console has no errors");
    }

    /** Chromium that signs in through the sign-in form the first time a page sends it there. */
    private static final class SigningIn extends ChromeDriver {

        private boolean signedIn;

        SigningIn(ChromeDriverService service, ChromeOptions options) {
            super(service, options);
        }

        @Override
        public void get(String url) {
            super.get(url);
            if (signedIn || !onSignInPage()) {
                return;
            }
            signedIn = true;
            findElement(By.id("username")).sendKeys(Deployments.ADMIN);
            findElement(By.id("password")).sendKeys(Deployments.ADMIN_PASSWORD);
            WebElement submit = findElement(By.cssSelector("form[action$='/login'] button[type=submit]"));
            submit.click();
            new WebDriverWait(this, Duration.ofSeconds(15)).until(gone(submit));
            Assertions.assertFalse(onSignInPage(), "signing in as " + Deployments.ADMIN + " failed: "
                    + findElement(By.tagName("main")).getText());
            if (!withoutFragment(getCurrentUrl()).equals(withoutFragment(url))) {
                super.get(url);
            }
        }

        private boolean onSignInPage() {
            String path = URI.create(getCurrentUrl()).getPath();
            return path != null && path.endsWith("/login") && !findElements(By.id("username")).isEmpty();
        }

        private static String withoutFragment(String url) {
            int hash = url.indexOf('#');
            return hash < 0 ? url : url.substring(0, hash);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temporary folder under target/ left behind
        }
    }
}
