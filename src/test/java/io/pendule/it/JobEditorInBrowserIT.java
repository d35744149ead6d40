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
 * The job editor in headless Chromium (see {@link Browser}), on the embedded database: the executor's fields follow
 * the executor chosen, the schedule is checked live while typed (htmx), a refused save shows the field's message and
 * saves nothing, a saved job is run from its page and its output appears on its execution's page. No console error
 * nor CSP violation. Its screenshot goes to target/screenshots/editor.png (and docs/screenshots/ on demand).
 */
class JobEditorInBrowserIT extends BrowserIT {

    private static final Pattern RAN = Pattern.compile("[?&]ran=(\\d+)");

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("editorbrowser");
    }

    private static String waitForPreview(Browser browser, String expected) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("schedule-preview")).getText().contains(expected));
        return byId(browser, "schedule-preview").getText();
    }

    /** The console's errors but the one a refused form's 400 answer logs, which the test asks for. */

    @Test
    void aJobIsCreatedInTheEditorCheckedLiveRunAndItsOutputShown() throws Exception {
        Api api = api();
        try (Browser browser = Browser.start("en-US")) {
            browser.driver.get(root() + "/new");
            assertEquals("New job", browser.driver.findElement(By.tagName("h1")).getText());
            assertTrue(byId(browser, "http_url").isDisplayed(), "an http job by default");
            assertFalse(byId(browser, "shell_command").isDisplayed());
            new Select(byId(browser, "executor")).selectByValue("shell");
            assertFalse(byId(browser, "http_url").isDisplayed(), "the http fields are hidden for a shell job");
            assertFalse(byId(browser, "http_headers").isDisplayed());
            assertTrue(byId(browser, "shell_command").isDisplayed());

            byId(browser, "name").sendKeys("hello-editor");
            byId(browser, "displayname").sendKeys("Hello from the editor");
            byId(browser, "schedule").sendKeys("0 61 * * * *");
            String error = waitForPreview(browser, "Cannot read this schedule");
            assertTrue(error.contains("field 2 (minutes) \"61\""), error);
            assertTrue(browser.driver.getCurrentUrl().endsWith("/new"), "checked without submitting");
            assertEquals("hello-editor", byId(browser, "name").getDomProperty("value"), "the page was not reloaded");

            byId(browser, "schedule").clear();
            byId(browser, "schedule").sendKeys("0 30 9 * * MON-FRI");
            byId(browser, "timezone").sendKeys("Europe/Paris");
            String preview = waitForPreview(browser, "(Europe/Paris)");
            assertTrue(preview.contains("09:30") && !preview.contains("Cannot read"), preview);
            assertEquals(5, browser.driver.findElements(By.cssSelector("#schedule-preview li")).size(), preview);
            browser.keepScreenshot("editor.png");

            clickAndWait(browser, browser.driver.findElement(By.cssSelector("button.primary")));
            assertTrue(byId(browser, "shell_command-error").getText().contains("required"), "the message next to the field");
            assertEquals("hello-editor", byId(browser, "name").getDomProperty("value"), "what was typed is kept");
            assertEquals("shell", new Select(byId(browser, "executor")).getFirstSelectedOption().getDomProperty("value"));
            assertFalse(byId(browser, "http_url").isDisplayed());
            assertEquals(404, api.get("/jobs/hello-editor").status(), "nothing saved");

            byId(browser, "shell_command").sendKeys("echo hello-from-editor");
            clickAndWait(browser, browser.driver.findElement(By.cssSelector("button.primary")));
            assertTrue(browser.driver.getCurrentUrl().endsWith("/jobs/hello-editor?saved=created"), browser.driver.getCurrentUrl());
            assertEquals("Hello from the editor", browser.driver.findElement(By.cssSelector("h1 span")).getText());
            assertEquals("echo hello-from-editor", api.get("/jobs/hello-editor").json().get("executor_config").get("command").asText());

            clickAndWait(browser, browser.driver.findElement(By.cssSelector("button[data-shortcut='r']")));
            Matcher ran = RAN.matcher(browser.driver.getCurrentUrl());
            assertTrue(ran.find(), browser.driver.getCurrentUrl());
            String execution = root() + "/jobs/hello-editor/executions/" + ran.group(1);
            WebElement link = new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> {
                List<WebElement> links = d.findElements(By.cssSelector("a[href$='/executions/" + ran.group(1) + "']"));
                if (links.isEmpty()) {
                    d.navigate().refresh();
                    return null;
                }
                return links.get(0);
            });
            clickAndWait(browser, link);
            assertEquals(execution, browser.driver.getCurrentUrl());
            new WebDriverWait(browser.driver, Duration.ofSeconds(30), Duration.ofSeconds(1)).until(d -> {
                List<WebElement> stdout = d.findElements(By.cssSelector("pre.stdout"));
                if (!stdout.isEmpty() && stdout.get(0).getText().contains("hello-from-editor")) {
                    return true;
                }
                d.navigate().refresh();
                return false;
            });
            browser.assertNoConsoleErrors(".*/new - Failed to load resource: the server responded with a status of 400.*");
        }
    }
}
