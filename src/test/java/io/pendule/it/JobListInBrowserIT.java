package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jobs list in headless Chromium (see {@link Browser}), on the embedded database: "/" focuses the search, the
 * filter form narrows by executor and by status, two jobs ticked and disabled together (the notice and the API agree),
 * the countdown to the next fire ticks, the last runs show as dots, and the console stays free of errors and CSP
 * violations. Screenshot: jobs-filtered.png (target/screenshots, and docs/screenshots with
 * -Dpendule.docs.screenshots=true).
 */
class JobListInBrowserIT extends BrowserIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("joblistbrowser");
    }

    private static List<String> rows(Browser browser) {
        return browser.driver.findElements(By.cssSelector("table.joblist tbody tr")).stream()
                .map(row -> row.getAttribute("data-job")).toList();
    }

    private void createJob(Api api, String name, String executor, String more) {
        String config = executor.equals("shell") ? "{\"command\":\"" + (name.contains("fail") ? "false" : "true") + "\"}"
                : "{\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/never\"}";
        Api.Answer created = api.post("/jobs", "{\"name\":\"" + name + "\",\"executor\":\"" + executor + "\","
                + "\"executor_config\":" + config + more + "}");
        assertEquals(201, created.status(), created.body());
    }

    private void run(Api api, String name, int runs) throws InterruptedException {
        for (int i = 1; i <= runs; i++) {
            assertEquals(202, api.post("/jobs/" + name, "").status());
            int done = i;
            api.await("/jobs/" + name, PATIENCE, j -> j.get("success_count").asLong() + j.get("error_count").asLong() == done);
        }
    }

    @Test
    void filterTickDisableAndWatchTheCountdown() throws Exception {
        Api api = api();
        createJob(api, "backup-db", "shell", ",\"schedule\":\"@every 1h\",\"displayname\":\"Nightly database backup\"");
        createJob(api, "rotate-logs", "shell", ",\"schedule\":\"0 */5 * * * *\"");
        createJob(api, "sync-fail", "shell", ",\"schedule\":\"@every 30m\",\"metadata\":{\"team\":\"ops\"}");
        createJob(api, "ping-partner", "http", ",\"schedule\":\"@every 10m\"");
        run(api, "backup-db", 3);
        run(api, "sync-fail", 2);

        try (Browser browser = Browser.start("en-US")) {
            browser.driver.get(root() + "/jobs");
            assertEquals(List.of("backup-db", "ping-partner", "rotate-logs", "sync-fail"), rows(browser));

            new Actions(browser.driver).sendKeys("/").perform();
            assertEquals("q", script(browser, "return document.activeElement.id"), "/ focuses the search field");
            assertEquals("", browser.driver.findElement(By.id("q")).getAttribute("value"), "the / itself is not typed");

            WebElement countdown = browser.driver.findElement(By.cssSelector("tr[data-job='backup-db'] [data-countdown]"));
            String before = countdown.getText();
            assertTrue(before.matches("in [0-9:]+"), "a countdown: " + before);
            Thread.sleep(2200);
            assertNotEquals(before, countdown.getText(), "the countdown ticks");

            List<WebElement> dots = browser.driver.findElements(By.cssSelector("tr[data-job='backup-db'] a.dot"));
            assertEquals(3, dots.size());
            assertTrue(dots.get(0).getAttribute("title").startsWith("succeeded · "), dots.get(0).getAttribute("title"));
            assertEquals(2, browser.driver.findElements(By.cssSelector("tr[data-job='sync-fail'] a.dot.failed")).size());

            new Select(browser.driver.findElement(By.id("filter-executor"))).selectByValue("http");
            clickAndWait(browser, browser.driver.findElement(By.cssSelector("form.filters button[type='submit']:last-of-type")));
            assertTrue(browser.driver.getCurrentUrl().contains("executor=http"), browser.driver.getCurrentUrl());
            assertEquals(List.of("ping-partner"), rows(browser));

            new Select(browser.driver.findElement(By.id("filter-executor"))).selectByValue("shell");
            new Select(browser.driver.findElement(By.id("filter-status"))).selectByValue("failed");
            clickAndWait(browser, browser.driver.findElement(By.cssSelector("form.filters button[type='submit']:last-of-type")));
            assertEquals(List.of("sync-fail"), rows(browser));

            new Select(browser.driver.findElement(By.id("filter-status"))).selectByValue("");
            clickAndWait(browser, browser.driver.findElement(By.cssSelector("form.filters button[type='submit']:last-of-type")));
            assertEquals(List.of("backup-db", "rotate-logs", "sync-fail"), rows(browser));

            browser.driver.findElement(By.id("tick-backup-db")).click();
            browser.driver.findElement(By.id("tick-rotate-logs")).click();
            clickAndWait(browser, browser.driver.findElement(By.cssSelector("form#bulk button[value='disable']")));
            assertTrue(browser.driver.getCurrentUrl().contains("executor=shell"), "the same filters: " + browser.driver.getCurrentUrl());
            String notice = browser.driver.findElement(By.cssSelector(".bulk-summary")).getText();
            assertTrue(notice.contains("Disabled 2 jobs:") && notice.contains("backup-db, rotate-logs"), notice);
            assertTrue(api.get("/jobs/backup-db").json().get("disabled").asBoolean());
            assertTrue(api.get("/jobs/rotate-logs").json().get("disabled").asBoolean());
            assertFalse(api.get("/jobs/sync-fail").json().get("disabled").asBoolean());
            assertEquals(2, browser.driver.findElements(By.cssSelector("tr.disabled .badge")).size());
            browser.keepScreenshot("jobs-filtered.png");

            browser.driver.manage().window().setSize(new Dimension(400, 860));
            assertEquals(Boolean.TRUE, script(browser, "return document.documentElement.scrollWidth <= window.innerWidth"),
                    "the list, its filters, notice and dots fit a narrow screen (the table scrolls on its own): "
                            + script(browser, "return document.documentElement.scrollWidth"));
            browser.driver.manage().window().setSize(new Dimension(1280, 900));

            browser.driver.findElement(By.cssSelector("[data-tick-all]")).click();
            assertEquals(3L, script(browser, "return document.querySelectorAll('input[form=bulk]:checked').length"),
                    "tick all, in place");
            assertTrue(browser.driver.getCurrentUrl().contains("executor=shell") && !browser.driver.getCurrentUrl().contains("tick="),
                    "without leaving the page");
            browser.assertNoConsoleErrors();
        }
    }
}
