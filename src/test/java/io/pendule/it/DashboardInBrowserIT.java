package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real browser (headless Chromium, see {@link Browser}), on the embedded database: the language
 * taken from the browser and switched with the nav's links (and remembered), the dark theme applied, a job found with
 * the search form and run with its button, and no Content-Security-Policy violation in the console. Screenshots of the
 * overview and the jobs page go to target/screenshots/ (and to docs/screenshots/ with -Dpendule.docs.screenshots=true).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DashboardInBrowserIT {

    private static final Pattern EXECUTION = Pattern.compile("[?&]execution=(\\d+)");

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("browser");
    }

    private String root() {
        return base.toString().replaceAll("/$", "");
    }

    private static String text(Browser browser, String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText();
    }

    private static Object script(Browser browser, String js) {
        return browser.driver.executeScript(js);
    }

    private static void clickAndWait(Browser browser, WebElement element) {
        element.click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(element));
    }

    private static void assertNoConsoleErrors(Browser browser) {
        List<String> errors = browser.consoleErrors();
        assertTrue(errors.stream().noneMatch(e -> e.contains("Content Security Policy") || e.contains("Refused to")),
                "CSP violations in the console: " + errors);
        // The pages declare no icon, so Chromium asks the server's root for /favicon.ico and logs its 404
        assertEquals(List.of(), errors.stream().filter(e -> !e.contains("/favicon.ico ")).toList(),
                "the console has no errors");
    }

    private static void keepScreenshot(Browser browser, String name) throws Exception {
        Path shot = browser.screenshot(Path.of("target", "screenshots", name));
        if (Boolean.getBoolean("pendule.docs.screenshots")) {
            Path docs = Path.of(System.getProperty("basedir", "."), "docs", "screenshots", name);
            Files.createDirectories(docs.getParent());
            Files.copy(shot, docs, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void theLanguageAndThemeFollowTheReaderAndAreRemembered() throws Exception {
        Api api = new Api(root() + "/v1");
        assertEquals(201, api.post("/jobs", "{\"name\":\"nightly-report\",\"schedule\":\"0 0 2 * * *\","
                + "\"executor\":\"shell\",\"executor_config\":{\"command\":\"true\"}}").status());

        try (Browser browser = Browser.start("en-US")) {
            browser.driver.get(root() + "/");
            assertEquals("Overview", text(browser, "h1"));
            assertEquals("en", script(browser, "return document.documentElement.lang"));
            assertTrue(browser.driver.findElement(By.tagName("main")).getText().contains("nightly-report"),
                    "the job is among the next fires");
            keepScreenshot(browser, "overview.png");

            clickAndWait(browser, browser.driver.findElement(By.cssSelector("nav a[hreflang='fr']")));
            assertEquals("fr", script(browser, "return document.documentElement.lang"));
            assertEquals("Vue d'ensemble", text(browser, "h1"));
            assertEquals("Prochains déclenchements", text(browser, "main section:nth-of-type(4) h2"));

            clickAndWait(browser, browser.driver.findElement(By.linkText("Tâches")));
            assertEquals("fr", script(browser, "return document.documentElement.lang"), "French is remembered");
            assertEquals("Tâches", text(browser, "h1"));
            assertEquals("Lancer", text(browser, "table button[type='submit']"));

            assertEquals("rgb(251, 251, 250)", script(browser, "return getComputedStyle(document.body).backgroundColor"),
                    "light by default (the headless browser prefers no dark scheme)");
            clickAndWait(browser, browser.driver.findElement(By.linkText("Clair/sombre")));
            assertEquals("dark", script(browser, "return document.documentElement.dataset.theme"));
            assertEquals("rgb(21, 24, 28)", script(browser, "return getComputedStyle(document.body).backgroundColor"),
                    "the dark style sheet applies");
            clickAndWait(browser, browser.driver.findElement(By.linkText("Vue d'ensemble")));
            assertEquals("dark", script(browser, "return document.documentElement.dataset.theme"), "dark is remembered");
            assertEquals("fr", script(browser, "return document.documentElement.lang"));
            assertNoConsoleErrors(browser);
        }
    }

    @Test
    void aJobIsFoundWithTheSearchAndRunWithItsButton() throws Exception {
        Api api = new Api(root() + "/v1");
        for (String job : List.of("disk-usage", "refresh-cache", "purge-tmp")) {
            assertEquals(201, api.post("/jobs", "{\"name\":\"" + job + "\",\"schedule\":\"@every 1h\",\"executor\":\"shell\","
                    + "\"executor_config\":{\"command\":\"echo " + job + "\"}}").status());
        }

        try (Browser browser = Browser.start("en-US")) {
            browser.driver.get(root() + "/jobs");
            assertEquals("en", script(browser, "return document.documentElement.lang"));
            assertEquals("Jobs", text(browser, "h1"));
            WebElement search = browser.driver.findElement(By.id("q"));
            search.sendKeys("disk");
            clickAndWait(browser, browser.driver.findElement(By.cssSelector("form.search button")));
            assertTrue(browser.driver.getCurrentUrl().contains("q=disk"), browser.driver.getCurrentUrl());
            List<WebElement> rows = browser.driver.findElements(By.cssSelector("table tbody tr"));
            assertEquals(1, rows.size(), "only the job searched for");
            assertTrue(rows.get(0).getText().contains("disk-usage"), rows.get(0).getText());

            WebElement run = rows.get(0).findElement(By.cssSelector("button[type='submit']"));
            assertEquals("Run now", run.getText());
            clickAndWait(browser, run);
            String url = browser.driver.getCurrentUrl();
            assertTrue(url.contains("/jobs?ran=disk-usage"), url);
            Matcher execution = EXECUTION.matcher(url);
            assertTrue(execution.find(), url);
            assertEquals("Run of disk-usage queued (execution " + execution.group(1) + ").", text(browser, "p.notice"));

            JsonNode executions = api.await("/jobs/disk-usage/executions", Duration.ofSeconds(20), list -> list.size() == 1
                    && list.get(0).get("status").asText().equals("succeeded"));
            assertEquals(execution.group(1), executions.get(0).get("execution_id").asText(), "the execution the notice names");
            assertEquals("manual", executions.get(0).get("trigger").asText());
            assertEquals("0", api.get("/jobs/refresh-cache/executions").header("X-Total-Count"), "only that job ran");

            browser.driver.get(root() + "/jobs");
            keepScreenshot(browser, "jobs.png");
            assertNoConsoleErrors(browser);
        }
    }
}
