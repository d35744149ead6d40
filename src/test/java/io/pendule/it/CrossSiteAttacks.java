package io.pendule.it;

import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forms another site can make a visitor's browser post to Pendule: a job for the API as text/plain (a JSON body
 * a form can forge) and as a urlencoded form, a job's toggle by the API, and the dashboard's own forms (delete a job,
 * the list's bulk delete, the editor's "new job") without their form token. Each page posts itself on load; the
 * browser is on Pendule's answer when {@link #run} returns.
 */
final class CrossSiteAttacks {

    private CrossSiteAttacks() {
    }

    /** What an attack would have made: the jobs that must not exist afterwards. */
    static List<String> jobsTheyWouldCreate(String prefix) {
        return List.of(prefix + "-plain", prefix + "-form", prefix + "-new");
    }

    /**
     * Makes {@code browser} visit each attacking page of {@code site} (under {@code attackerHost}) against the node at
     * {@code root}, whose job {@code victim} they try to delete or disable; answers, per page, where the browser
     * ended (always on the node: the form was posted) and what it showed.
     */
    static List<String> run(Browser browser, AttackerSite site, String attackerHost, String root, String victim, String prefix) {
        Map<String, String> api = new LinkedHashMap<>();
        String json = "{\"name\":\"" + prefix + "-plain\",\"schedule\":\"@manually\",\"executor\":\"http\","
                + "\"executor_config\":{\"method\":\"GET\",\"url\":\"" + root + "/health\"},\"x\":\"";
        api.put(json, "\"}");
        site.autoSubmittingForm("/" + prefix + "/plain", root + "/v1/jobs", "text/plain", api);
        site.autoSubmittingForm("/" + prefix + "/form", root + "/v1/jobs", "application/x-www-form-urlencoded",
                Map.of("name", prefix + "-form", "schedule", "@manually", "executor", "http"));
        site.autoSubmittingForm("/" + prefix + "/toggle", root + "/v1/jobs/" + victim + "/toggle",
                "application/x-www-form-urlencoded", Map.of("x", "y"));
        site.autoSubmittingForm("/" + prefix + "/delete", root + "/jobs/" + victim + "/delete",
                "application/x-www-form-urlencoded", Map.of("from", "job"));
        site.autoSubmittingForm("/" + prefix + "/bulk", root + "/jobs", "application/x-www-form-urlencoded",
                Map.of("action", "delete", "name", victim, "confirm", "yes"));
        site.autoSubmittingForm("/" + prefix + "/new", root + "/new", "application/x-www-form-urlencoded",
                Map.of("name", prefix + "-new", "schedule", "@manually", "executor", "shell", "shell_command", "true"));
        List<String> landed = new ArrayList<>();
        for (String page : List.of("plain", "form", "toggle", "delete", "bulk", "new")) {
            browser.driver.get(site.url(attackerHost, "/" + prefix + "/" + page));
            new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                    .until(driver -> driver.getCurrentUrl().startsWith(root) ? Boolean.TRUE : null);
            String text = browser.driver.findElement(org.openqa.selenium.By.tagName("body")).getText();
            landed.add(page + " → " + browser.driver.getCurrentUrl() + " : " + (text.length() > 160 ? text.substring(0, 160) : text)
                    .replace('\n', ' '));
        }
        return landed;
    }
}
