package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In headless Chromium: a running shell job's output appears on its execution page line by line without the page
 * being reloaded (the same document all along), until the run has succeeded and the polling stops; the history of a
 * job page filtered by status with its form. No console error, no Content-Security-Policy violation. Screenshots of
 * the execution page and the job page go to target/screenshots/ (and docs/screenshots/ with
 * -Dpendule.docs.screenshots=true).
 */
class ExecutionLiveInBrowserIT extends BrowserIT {

    private static final Pattern RAN = Pattern.compile("\\?ran=(\\d+)");

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("livebrowser");
    }

    private void shellJob(String name, String command) {
        int status = api().post("/jobs", "{\"name\":\"" + name + "\",\"schedule\":\"@manually\",\"executor\":\"shell\","
                + "\"executor_config\":{\"shell\":\"true\",\"command\":\"" + command + "\"}}").status();
        assertTrue(status == 201 || status == 200, "saved: " + status);
    }

    private static WebDriverWait waitUpTo(Browser browser, int seconds) {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(seconds));
    }

    private static String stdout(Browser browser) {
        return browser.driver.findElement(By.cssSelector("pre.stdout")).getText();
    }

    @Test
    void theOutputOfARunningJobAppearsWithoutReloadingUntilItSucceeds() throws Exception {
        shellJob("tail-demo", "for i in 1 2 3 4 5 6; do echo line-$i; sleep 1; done");
        try (Browser browser = Browser.start("en-US")) {
            browser.driver.get(root() + "/jobs/tail-demo");
            WebElement run = browser.driver.findElement(By.cssSelector("button[data-shortcut='r']"));
            run.click();
            awaitGone(browser, run);
            Matcher ran = RAN.matcher(browser.driver.getCurrentUrl());
            assertTrue(ran.find(), browser.driver.getCurrentUrl());

            browser.driver.get(root() + "/jobs/tail-demo/executions/" + ran.group(1));
            browser.driver.executeScript("window.__marker = 1");
            waitUpTo(browser, 20).until(driver -> stdout(browser).contains("line-1"));
            String early = stdout(browser);
            waitUpTo(browser, 20).until(driver -> stdout(browser).contains("line-3"));
            assertFalse(early.contains("line-6"), "line-1 was shown before the end: " + early);
            assertEquals(1L, browser.driver.executeScript("return window.__marker"), "the same document, not reloaded");
            assertTrue(browser.driver.findElement(By.cssSelector("#live")).getAttribute("hx-trigger") != null, "polling");

            waitUpTo(browser, 20).until(driver -> !driver.findElements(By.cssSelector("#live .status.succeeded")).isEmpty());
            assertEquals("succeeded", browser.driver.findElement(By.cssSelector("#live .status")).getText());
            assertEquals("line-1\nline-2\nline-3\nline-4\nline-5\nline-6", stdout(browser));
            assertEquals(1L, browser.driver.executeScript("return window.__marker"), "still the same document");
            assertEquals(null, browser.driver.findElement(By.cssSelector("#live")).getAttribute("hx-trigger"), "polling stopped");
            assertTrue(browser.driver.findElements(By.cssSelector("#live form button.danger")).isEmpty(), "no cancel once finished");
            browser.keepScreenshot("execution.png");
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void theHistoryIsFilteredByStatusInTheBrowser() throws Exception {
        shellJob("flaky", "true");
        api().post("/jobs/flaky", "");
        api().await("/jobs/flaky/executions", Duration.ofSeconds(20), list -> list.size() == 1
                && list.get(0).get("status").asText().equals("succeeded"));
        shellJob("flaky", "echo broken >&2; exit 3");
        api().post("/jobs/flaky", "");
        api().await("/jobs/flaky/executions", Duration.ofSeconds(20), list -> list.size() == 2
                && list.findValuesAsText("status").containsAll(List.of("succeeded", "failed")));

        try (Browser browser = Browser.start("en-US")) {
            browser.driver.get(root() + "/jobs/flaky");
            assertEquals(2, browser.driver.findElements(By.cssSelector("table.history tbody tr")).size());
            new Select(browser.driver.findElement(By.id("status"))).selectByValue("failed");
            WebElement filter = browser.driver.findElement(By.cssSelector("form.history-filter button[type='submit']"));
            filter.click();
            awaitGone(browser, filter);
            assertTrue(browser.driver.getCurrentUrl().contains("status=failed"), browser.driver.getCurrentUrl());
            List<WebElement> rows = browser.driver.findElements(By.cssSelector("table.history tbody tr"));
            assertEquals(1, rows.size(), "only the failed run");
            assertTrue(rows.get(0).getText().contains("failed") && rows.get(0).getText().contains("exit status 3"),
                    rows.get(0).getText());
            assertEquals("failed", new Select(browser.driver.findElement(By.id("status"))).getFirstSelectedOption()
                    .getAttribute("value"), "the filter is kept");
            browser.driver.get(root() + "/jobs/flaky");
            browser.driver.executeScript("document.querySelector('form.history-filter').scrollIntoView()");
            browser.keepScreenshot("job.png");
            browser.assertNoConsoleErrors();
        }
    }
}
