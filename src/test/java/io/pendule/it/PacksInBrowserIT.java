package io.pendule.it;

import io.pendule.packs.control.TestPacks;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pack pages in headless Chromium (see {@link Browser}), on the embedded database, as an admin: the upload form
 * imports a real zip (and a broken one comes back with its problems, nothing stored); the version page lists the
 * pack's files, shows its Readme as text (its script element stays text and never runs) and links the Kibana export,
 * which downloads the file as imported; the list shows the pack with its versions. No console error nor CSP violation
 * but the refused upload's 400.
 */
class PacksInBrowserIT extends BrowserIT {

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("packsbrowser");
    }

    @Test
    void aPackIsImportedFromTheFormAndItsPagesShowItsFilesReadmeAndKibanaExport() throws Exception {
        Map<String, String> files = TestPacks.valid("browser-pack", "1.2.0");
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), "pack-upload");
        Path zip = Files.write(dir.resolve("browser-pack-1.2.0.zip"), TestPacks.zip(files));
        Path broken = Files.write(dir.resolve("broken.zip"), TestPacks.zip(Map.of("Readme.md", "no properties")));
        try (Browser browser = Browser.start("en-US")) {
            browser.driver.get(root() + "/packs");
            assertEquals("Packs", browser.driver.findElement(By.tagName("h1")).getText());

            byId(browser, "pack-file").sendKeys(broken.toAbsolutePath().toString());
            clickAndWait(browser, browser.driver.findElement(By.cssSelector("form[action$='/packs'] button.primary")));
            String refused = text(browser, ".form-errors");
            assertTrue(refused.contains("properties.json: missing"), refused);
            assertEquals(404, api().get("/packs/browser-pack").status(), "nothing stored");

            byId(browser, "pack-file").sendKeys(zip.toAbsolutePath().toString());
            clickAndWait(browser, browser.driver.findElement(By.cssSelector("form[action$='/packs'] button.primary")));
            assertTrue(browser.driver.getCurrentUrl().endsWith("/packs/browser-pack/1.2.0?imported=new"), browser.driver.getCurrentUrl());
            assertEquals("Version 1.2.0 was imported.", text(browser, "p.notice"));
            assertEquals("browser-pack 1.2.0", browser.driver.findElement(By.tagName("h1")).getText());

            List<String> listed = browser.driver.findElements(By.cssSelector("table.pack-files tbody td:first-child"))
                    .stream().map(WebElement::getText).toList();
            assertEquals(files.keySet().stream().sorted().toList(), listed, "every file of the pack");

            WebElement readme = browser.driver.findElement(By.cssSelector("pre.readme"));
            assertEquals(files.get("Readme.md").strip(), readme.getText().strip(), "the Readme as text, its markup shown");
            assertEquals(0L, script(browser, "return document.querySelectorAll('main script, pre.readme *').length;"),
                    "the Readme's <script> is no element of the page");
            assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert(), "and it never ran");

            WebElement kibana = browser.driver.findElement(By.cssSelector("a.kibana"));
            assertTrue(kibana.getAttribute("href").endsWith("/packs/browser-pack/1.2.0/kibana"), kibana.getAttribute("href"));
            assertTrue(kibana.getAttribute("download") != null, "a download, not a page");
            Object downloaded = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0]).then(r => r.text().then(t => done([r.status, r.headers.get('Content-Disposition'), t])))"
                    + ".catch(e => done(String(e)));", kibana.getAttribute("href"));
            assertEquals(List.of(200L, "attachment; filename=\"browser-pack-1.2.0-export.ndjson\"", files.get("kibana-dashboard/export.ndjson")),
                    downloaded, "the export as imported, with the reader's session");
            browser.keepScreenshot("pack.png");

            browser.driver.get(root() + "/packs");
            WebElement row = browser.driver.findElement(By.cssSelector("tr[data-pack='browser-pack']"));
            assertTrue(row.getText().contains("1.2.0") && row.getText().contains("Métriques de base"), row.getText());
            clickAndWait(browser, row.findElement(By.cssSelector("a")));
            assertEquals("browser-pack 1.2.0", browser.driver.findElement(By.tagName("h1")).getText());
            browser.assertNoConsoleErrors(".*/packs - Failed to load resource: the server responded with a status of 400.*");
        }
    }
}
