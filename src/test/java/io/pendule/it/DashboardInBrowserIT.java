package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.WebElement;

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
class DashboardInBrowserIT extends BrowserIT {

    private static final Pattern EXECUTION = Pattern.compile("[?&]execution=(\\d+)");

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("browser");
    }

    @Test
    void theLanguageAndThemeFollowTheReaderAndAreRemembered() throws Exception {
        Api api = api();
        assertEquals(201, api.post("/jobs", "{\"name\":\"nightly-report\",\"schedule\":\"0 0 2 * * *\","
                + "\"executor\":\"shell\",\"executor_config\":{\"command\":\"true\"}}").status());

        try (Browser browser = Browser.start("en-US")) {
            browser.driver.get(root() + "/");
            assertEquals("Overview", text(browser, "h1"));
            assertEquals("en", script(browser, "return document.documentElement.lang"));
            assertTrue(browser.driver.findElement(By.tagName("main")).getText().contains("nightly-report"),
                    "the job is among the next fires");
            browser.keepScreenshot("overview.png");

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
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void aJobIsFoundWithTheSearchAndRunWithItsButton() throws Exception {
        Api api = api();
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
            browser.keepScreenshot("jobs.png");
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void keyboardShortcutsSearchAndRun() throws Exception {
        Api api = api();
        assertEquals(201, api.post("/jobs", "{\"name\":\"shortcut-probe\",\"schedule\":\"@manually\",\"executor\":\"shell\","
                + "\"executor_config\":{\"command\":\"true\"}}").status());
        try (Browser browser = Browser.start("en-US")) {
            browser.driver.get(root() + "/jobs");
            new Actions(browser.driver).sendKeys("/").perform();
            assertEquals("q", script(browser, "return document.activeElement.id"), "/ puts the cursor in the search field");
            assertEquals("", browser.driver.findElement(By.id("q")).getAttribute("value"), "the / itself is not typed");

            browser.driver.get(root() + "/jobs/shortcut-probe");
            WebElement heading = browser.driver.findElement(By.tagName("h1"));
            new Actions(browser.driver).sendKeys("r").perform();
            awaitGone(browser, heading);
            assertTrue(browser.driver.getCurrentUrl().contains("?ran="), browser.driver.getCurrentUrl());
            api.await("/jobs/shortcut-probe/executions", Duration.ofSeconds(20), list -> list.size() == 1
                    && list.get(0).get("trigger").asText().equals("manual"));

            new Actions(browser.driver).keyDown(Keys.CONTROL).sendKeys("r").keyUp(Keys.CONTROL).perform();
            Thread.sleep(1500); // a run the shortcut would have queued is in the history at once: give the form time to post
            assertEquals(1, api.get("/jobs/shortcut-probe/executions").json().size(), "ctrl+r is the browser's, not a run");

            browser.driver.get(root() + "/jobs/shortcut-probe");
            new Actions(browser.driver).sendKeys(browser.driver.findElement(By.id("status")), "r").perform();
            Thread.sleep(1500);
            assertEquals(1, api.get("/jobs/shortcut-probe/executions").json().size(), "r typed in a field is no run");
            WebElement title = browser.driver.findElement(By.tagName("h1"));
            script(browser, "document.activeElement.blur()");
            new Actions(browser.driver).sendKeys("e").perform();
            awaitGone(browser, title);
            assertTrue(browser.driver.getCurrentUrl().endsWith("/jobs/shortcut-probe/edit"), "e edits the job shown: "
                    + browser.driver.getCurrentUrl());
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void pagesFitANarrowScreenAndShowTimesInTheReadersZone() throws Exception {
        Api api = api();
        assertEquals(201, api.post("/jobs", "{\"name\":\"a-job-with-a-rather-long-name-for-a-phone-screen\",\"schedule\":\"0 */5 * * * *\","
                + "\"executor\":\"shell\",\"executor_config\":{\"command\":\"echo narrow\"}}").status());
        try (Browser browser = Browser.start("fr-FR")) {
            browser.driver.manage().window().setSize(new Dimension(400, 860));
            String job = "/jobs/a-job-with-a-rather-long-name-for-a-phone-screen";
            String run = api.post(job + "/run", "").header("X-Execution-Id");
            for (String page : List.of("/", "/jobs", job, job + "/edit", job + "/executions/" + run, "/new", "/dependencies",
                    "/busy", "/nodes")) {
                browser.driver.get(root() + page);
                assertEquals(Boolean.TRUE, script(browser, "return document.documentElement.scrollWidth <= window.innerWidth"),
                        page + " scrolls sideways on a narrow screen: " + script(browser, "return document.documentElement.scrollWidth"));
            }
            browser.driver.get(root() + "/");
            List<WebElement> local = browser.driver.findElements(By.cssSelector("time[data-local]"));
            assertTrue(!local.isEmpty(), "the next fire at least");
            for (WebElement time : local) {
                assertEquals(time.getAttribute("datetime"), time.getAttribute("title"), "the instant as written stays in the title");
                assertTrue(!time.getText().equals(time.getAttribute("datetime")), "shown in the reader's words: " + time.getText());
            }
            browser.keepScreenshot("narrow-overview.png");
            browser.assertNoConsoleErrors();
        }
    }

    /**
     * The Import cron page as a person uses it: reached from the menu, a crontab pasted, a preview that creates nothing,
     * a bad line refused with its line named (nothing created), then the jobs created and linked; markup in a command
     * stays text.
     */
    @Test
    void aCrontabIsPreviewedThenImportedFromTheImportCronPage() throws Exception {
        Api api = api();
        String crontab = "MAILTO=ops@example.org\n# nightly backup\n30 2 * * * /usr/local/bin/backup-db --full\n"
                + "@hourly echo '<b>tick</b>'\n";
        try (Browser browser = Browser.start("en-US")) {
            browser.driver.get(root() + "/jobs");
            WebElement menu = browser.driver.findElement(By.cssSelector("nav a[href$='/import']"));
            assertEquals("Import cron", menu.getText());
            clickAndWait(browser, menu);
            assertEquals("Import CronJobs and crontabs", browser.driver.findElement(By.tagName("h1")).getText());

            browser.driver.findElement(By.cssSelector("input[name='kind'][value='crontab']")).click();
            byId(browser, "import-text").sendKeys("@daily /opt/first\n0 0 31 2 * never\n");
            clickAndWait(browser, browser.driver.findElement(By.cssSelector("button[value='create']")));
            String refused = text(browser, ".form-errors");
            assertTrue(refused.startsWith("Nothing was created") && refused.contains("line 2: schedule:"), refused);
            assertEquals(404, api.get("/jobs/first").status(), "all or nothing");

            WebElement text = byId(browser, "import-text");
            text.clear();
            text.sendKeys(crontab);
            clickAndWait(browser, browser.driver.findElement(By.cssSelector("button[value='preview']")));
            assertEquals("Would create 2 job(s)", text(browser, "main section h2"));
            List<String> planned = browser.driver.findElements(By.cssSelector("table.import-jobs tbody tr")).stream()
                    .map(row -> row.getAttribute("data-job")).toList();
            assertEquals(2, planned.size(), planned.toString());
            for (String name : planned) {
                assertEquals(404, api.get("/jobs/" + name).status(), "a preview creates nothing: " + name);
            }
            assertTrue(text(browser, "table.import-jobs").contains("<b>tick</b>"), "the command's markup shown as text");
            assertEquals(0L, script(browser, "return document.querySelectorAll('table.import-jobs b').length;"));

            clickAndWait(browser, browser.driver.findElement(By.cssSelector("button[value='create']")));
            assertEquals("Created 2 job(s)", text(browser, "main section h2"));
            List<String> schedules = planned.stream().map(name -> api.get("/jobs/" + name).json().get("schedule").asText()).sorted().toList();
            assertEquals(List.of("30 2 * * *", "@hourly"), schedules, "both created as planned");
            WebElement link = browser.driver.findElement(By.cssSelector("table.import-jobs a[href$='/jobs/" + planned.get(0) + "']"));
            clickAndWait(browser, link);
            String heading = browser.driver.findElement(By.tagName("h1")).getText();
            assertTrue(heading.startsWith(planned.get(0)), heading);
            browser.assertNoConsoleErrors(".*400.*");
            for (String name : planned) {
                assertEquals(200, api.delete("/jobs/" + name).status());
            }
        }
    }
}
