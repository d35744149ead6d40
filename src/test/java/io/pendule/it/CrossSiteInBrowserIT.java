package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-site request forgery in a real browser (headless Chromium): while it is signed in to Pendule's dashboard, pages
 * of another site post forms to the API and to the dashboard. Nothing is created, changed or deleted: the API takes
 * no session cookie, and the dashboard's forms need their form token. Both a site of the same host on another port
 * (same-site: the browser sends the session cookie along) and one under another host name (cross-site) attack.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CrossSiteInBrowserIT {

    private static final String NAME = "crosssite";
    private static final String USER = "xsite-admin";
    private static final String PASSWORD = "the cross-site admin's password";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.onPostgres(NAME, "");
    }

    String root() {
        return PlainHttp.loopback(base);
    }

    @Test
    void anotherSitesFormsChangeNothingWhileTheBrowserIsSignedIn() throws Exception {
        String db = Deployments.postgresUrl(NAME);
        Identities.user(db, USER, "admin", PASSWORD);
        Map<String, String> admin = PlainHttp.bearer(Identities.token(db, USER, "admin"));
        for (String job : List.of("victim", "victim-control")) {
            assertEquals(201, PlainHttp.postJson(root() + "/v1/jobs", admin, SecurityScenarios.shellJob(job)).status());
        }
        String pendule = URI.create(root()).getHost();
        String otherHost = pendule.equals("localhost") ? "127.0.0.1" : "localhost";
        try (AttackerSite site = new AttackerSite(); Browser browser = Browser.start("en")) {
            signIn(browser);
            List<String> sameSite = CrossSiteAttacks.run(browser, site, pendule, root(), "victim", "same");
            assertSignedIn(browser);
            List<String> crossSite = CrossSiteAttacks.run(browser, site, otherHost, root(), "victim", "cross");
            assertSignedIn(browser);
            System.out.println("where the forms of another site landed: " + String.join("\n", sameSite) + "\n"
                    + String.join("\n", crossSite));

            for (String prefix : List.of("same", "cross")) {
                for (String job : CrossSiteAttacks.jobsTheyWouldCreate(prefix)) {
                    assertEquals(404, PlainHttp.get(root() + "/v1/jobs/" + job, admin).status(),
                            job + " was created from another site: " + sameSite + " " + crossSite);
                }
            }
            PlainHttp.Answer victim = PlainHttp.get(root() + "/v1/jobs/victim", admin);
            assertEquals(200, victim.status(), "the victim job was deleted from another site: " + sameSite + " " + crossSite);
            assertFalse(SecurityScenarios.tree(victim.body()).get("disabled").asBoolean(), "the victim job was toggled: " + sameSite);

            // the same browser, on Pendule's own page, does delete: the refusals above were the defences, not a broken session
            browser.driver.get(root() + "/jobs/victim-control");
            WebElement delete = browser.driver.findElement(By.cssSelector("form[action$='/victim-control/delete'] button"));
            delete.click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(15)).until(Browser.gone(delete));
            assertEquals(404, PlainHttp.get(root() + "/v1/jobs/victim-control", admin).status(),
                    "the dashboard's own form deletes: " + browser.driver.getCurrentUrl());
        }
    }

    /** Signs in through the sign-in form as this test's admin, and checks the dashboard then opens. */
    private void signIn(Browser browser) {
        browser.driver.get(root() + "/login");
        if (!browser.driver.findElements(By.id("username")).isEmpty()) {
            browser.driver.findElement(By.id("username")).sendKeys(USER);
            browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
            WebElement submit = browser.driver.findElement(By.cssSelector("form[action$='/login'] button[type=submit]"));
            submit.click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(15)).until(Browser.gone(submit));
        }
        assertSignedIn(browser);
    }

    private void assertSignedIn(Browser browser) {
        browser.driver.get(root() + "/jobs");
        String path = URI.create(browser.driver.getCurrentUrl()).getPath();
        assertTrue(path.endsWith("/jobs"), "signed in, the dashboard opens: " + browser.driver.getCurrentUrl());
    }
}
