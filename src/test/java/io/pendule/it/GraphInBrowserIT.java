package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dependencies, running and nodes pages in headless Chromium: the graph's SVG shown and a job's box leading to its
 * page; a running job cancelled with its button on the running page; no console error nor Content-Security-Policy
 * violation. Screenshots dependencies.png, busy.png and nodes.png (docs/screenshots/ with -Dpendule.docs.screenshots=true).
 */
class GraphInBrowserIT extends BrowserIT {

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("graphbrowser");
    }

    private static void create(Api api, String json) {
        Api.Answer answer = api.post("/jobs", json);
        assertEquals(201, answer.status(), answer.body());
    }

    private static String job(String name, String command, String more) {
        return "{\"name\":\"" + name + "\",\"schedule\":\"@manually\",\"executor\":\"shell\",\"executor_config\":{\"command\":\""
                + command + "\"}" + more + "}";
    }

    @Test
    void aJobOfTheGraphLeadsToItsPage() throws Exception {
        Api api = api();
        create(api, job("nightly-extract", "true", ",\"schedule\":\"0 0 2 * * *\"").replace("\"schedule\":\"@manually\",", ""));
        create(api, job("load-warehouse", "true", ",\"parent_job\":\"nightly-extract\""));
        create(api, job("refresh-dashboards", "true", ",\"depends_on\":[\"load-warehouse\"]"));
        create(api, job("alert-on-failure", "true", ",\"trigger_rule\":\"on_failure\",\"depends_on\":[\"load-warehouse\"]"));
        create(api, job("monthly-audit", "true", ",\"requires\":[{\"job\":\"nightly-extract\",\"within\":\"24h\"}]"));
        create(api, job("cleanup", "false", ",\"parent_job\":\"nightly-extract\""));
        assertEquals(200, api.post("/jobs/cleanup?wait=true", "").status());
        create(api, job("archive", "true", ",\"parent_job\":\"cleanup\",\"disabled\":true"));

        try (Browser browser = Browser.start("en-US")) {
            browser.driver.get(root() + "/dependencies");
            WebElement svg = browser.driver.findElement(By.cssSelector("figure.graph svg"));
            assertTrue(svg.isDisplayed());
            assertTrue(svg.getSize().getWidth() > 500, "drawn at its size: " + svg.getSize());
            assertEquals(7, browser.driver.findElements(By.cssSelector("figure.graph a.job")).size());
            browser.keepScreenshot("dependencies.png");

            WebElement node = browser.driver.findElement(By.cssSelector("a.job[data-job='load-warehouse'] text"));
            node.click();
            awaitGone(browser, node);
            assertTrue(browser.driver.getCurrentUrl().endsWith("/jobs/load-warehouse"), browser.driver.getCurrentUrl());
            assertTrue(browser.driver.findElement(By.tagName("h1")).getText().contains("load-warehouse"));
            browser.assertNoConsoleErrors();

            browser.driver.get(root() + "/dependencies?job=cleanup");
            assertEquals(3, browser.driver.findElements(By.cssSelector("figure.graph a.job")).size(), "nightly-extract, cleanup, archive");
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void aRunningJobIsCancelledFromTheRunningPage() throws Exception {
        Api api = api();
        create(api, job("long-backup", "sleep 30", ""));
        assertEquals(202, api.post("/jobs/long-backup", "").status());
        JsonNode running = api.await("/jobs/long-backup/executions", Duration.ofSeconds(20), list -> list.size() == 1
                && list.get(0).get("status").asText().equals("running"));
        String id = running.get(0).get("execution_id").asText();

        try (Browser browser = Browser.start("en-US")) {
            browser.driver.get(root() + "/nodes");
            assertTrue(browser.driver.findElement(By.cssSelector("tr[data-node='it-graphbrowser']")).getText().contains("alive"));
            browser.keepScreenshot("nodes.png");

            browser.driver.get(root() + "/busy");
            WebElement row = browser.driver.findElement(By.cssSelector("tr[data-execution='" + id + "']"));
            assertTrue(row.getText().contains("long-backup"), row.getText());
            browser.keepScreenshot("busy.png");
            WebElement cancel = row.findElement(By.cssSelector("button[type='submit']"));
            assertEquals("Cancel", cancel.getText());
            cancel.click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("cancelled=" + id));
            assertEquals("Execution " + id + " is being stopped.",
                    browser.driver.findElement(By.cssSelector("p.notice")).getText());
            api.await("/jobs/long-backup/executions", Duration.ofSeconds(10),
                    list -> list.get(0).get("status").asText().equals("cancelled"));
            browser.assertNoConsoleErrors();
        }
    }
}
