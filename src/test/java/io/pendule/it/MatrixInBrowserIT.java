package io.pendule.it;

import io.pendule.packs.control.TestPacks;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The activation matrix in headless Chromium (see {@link Browser}), on the embedded database: a pack imported is a
 * column; ticking a cell saves it
 * without reloading the page (htmx) and the row appears in HDM's table (read through the API); unticking removes it;
 * a cell's configuration is edited, refused with its line while not JSON (what was typed kept), then saved and shown
 * as configured; a job runs the pack, the cell's re-run runs it on the cell's endpoint, and the cell takes the colour of
 * that run. No console error nor CSP violation but the refused form's 400.
 */
class MatrixInBrowserIT extends BrowserIT {

    private static final String CONFIG = "{\"tables\": [\"commandes\", \"élèves\"]}";

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("matrixbrowser");
    }

    private static WebElement cell(Browser browser) {
        return browser.driver.findElement(By.id("cell-metric-basic-db1"));
    }

    /** Clicks the cell's box and waits for htmx to swap the cell (the saved row is in the table before the swap). */
    private static void toggleAndAwaitTheSwap(Browser browser) {
        WebElement box = cell(browser).findElement(By.cssSelector("input.cell-toggle"));
        box.click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(box));
    }

    @Test
    void aCellIsToggledInPlaceAndItsConfigurationEdited() throws Exception {
        Api api = api();
        assertEquals(201, api.post("/endpoints", "{\"slug\":\"db1\",\"kind\":\"postgresql\",\"url\":\"postgresql://db1/app\","
                + "\"credentials\":\"${secret:db1-password}\"}").status());
        assertEquals(201, PacksScenarios.upload(api, TestPacks.zip(TestPacks.valid("basic", "0.3.7")), null).status(),
                "a pack of the registry is a column of the matrix");
        try (Browser browser = Browser.start("en-US")) {
            browser.driver.get(root() + "/packs/matrix");
            assertEquals("Activation matrix", browser.driver.findElement(By.tagName("h1")).getText());
            assertTrue(cell(browser).getAttribute("class").contains("no-job"), "no job runs it: " + cell(browser).getAttribute("class"));
            assertEquals("no job runs this pack", cell(browser).findElement(By.className("run-state")).getText());

            script(browser, "window.notReloaded = true;");
            WebElement box = cell(browser).findElement(By.cssSelector("input.cell-toggle"));
            assertFalse(box.isSelected());
            box.click();
            api.await("/activations", Duration.ofSeconds(10), cells -> cells.size() == 1);
            assertEquals("basic db1", api.get("/activations").json().get(0).get("pack").asText() + " "
                    + api.get("/activations").json().get(0).get("slug").asText());
            new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> {
                WebElement swapped = cell(browser).findElement(By.cssSelector("input.cell-toggle"));
                return swapped.isSelected();
            });
            assertEquals(Boolean.TRUE, script(browser, "return window.notReloaded === true;"), "the page was not reloaded");

            toggleAndAwaitTheSwap(browser);
            api.await("/activations", Duration.ofSeconds(10), cells -> cells.isEmpty());
            assertEquals(Boolean.TRUE, script(browser, "return window.notReloaded === true;"), "still the same page");
            toggleAndAwaitTheSwap(browser);
            api.await("/activations", Duration.ofSeconds(10), cells -> cells.size() == 1);
            browser.keepScreenshot("matrix.png");

            clickAndWait(browser, cell(browser).findElement(By.className("cell-config")));
            assertEquals("Configuration of basic on db1", browser.driver.findElement(By.tagName("h1")).getText());
            WebElement json = byId(browser, "config-json");
            json.clear();
            json.sendKeys("{\"tables\": [\"commandes\",\n oops]}");
            clickAndWait(browser, browser.driver.findElement(By.cssSelector("#config-form button.primary")));
            String refused = text(browser, ".form-errors");
            assertTrue(refused.contains("not JSON at line 2"), refused);
            assertTrue(byId(browser, "config-json").getDomProperty("value").contains("oops"), "what was typed is kept");
            assertEquals(404, api.get("/pack-configs/basic:db1?type=metric").status(), "nothing saved");

            byId(browser, "config-json").clear();
            byId(browser, "config-json").sendKeys(CONFIG);
            clickAndWait(browser, browser.driver.findElement(By.cssSelector("#config-form button.primary")));
            assertTrue(browser.driver.getCurrentUrl().contains("/packs/matrix"), browser.driver.getCurrentUrl());
            assertEquals("{…}", cell(browser).findElement(By.className("cell-config")).getText(), "shown as configured");
            Api.Answer stored = api.get("/pack-configs/basic:db1?type=metric");
            assertEquals(200, stored.status(), stored.body());
            assertEquals(CONFIG, stored.body());
            // a job runs the pack: the cell says so, its re-run runs the pack on db1, and the cell takes that run's colour
            Api.Answer job = api.post("/jobs", "{\"name\":\"basic-metrics\",\"schedule\":\"@manually\",\"executor\":\"pack\","
                    + "\"executor_config\":{\"pack\":\"basic\",\"type\":\"metric\"}}");
            assertEquals(201, job.status(), job.body());
            // its credentials name a secret never stored: the run would fail for it (this deployment has no secret key)
            Api.Answer noCredentials = api.put("/endpoints/db1", "{\"slug\":\"db1\",\"kind\":\"postgresql\",\"url\":\"postgresql://db1/app\"}");
            assertEquals(200, noCredentials.status(), noCredentials.body());
            browser.driver.get(root() + "/packs/matrix");
            assertTrue(cell(browser).getAttribute("class").contains("never-run"), cell(browser).getAttribute("class"));
            clickAndWait(browser, cell(browser).findElement(By.cssSelector("form.rerun button")));
            api.await("/jobs/basic-metrics/executions", Duration.ofSeconds(60), runs -> runs.size() == 1
                    && runs.get(0).get("status").asText().matches("succeeded|failed"));
            assertEquals("db1", api.get("/jobs/basic-metrics/executions").json().get(0).get("target").asText());
            browser.driver.get(root() + "/packs/matrix");
            assertTrue(cell(browser).getAttribute("class").contains("succeeded"), cell(browser).getAttribute("class") + ": "
                    + api.get("/jobs/basic-metrics/executions").body());
            assertTrue(cell(browser).findElement(By.className("run-state")).getText().startsWith("succeeded"),
                    cell(browser).findElement(By.className("run-state")).getText());
            browser.assertNoConsoleErrors(".*/packs/matrix/config - Failed to load resource: the server responded with a status of 400.*");
        }
    }
}
