package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's first pages over HTTP, on the embedded database: the overview and the jobs list in the reader's
 * language (Accept-Language, or ?lang= remembered in a cookie), user data escaped, a Content-Security-Policy that
 * forbids inline scripts, Dkron's /ui/ bookmarks sent to /, and a form refused (403) without its token and
 * accepted with it. The same pages in headless Chromium: DashboardInBrowserIT.
 */
class PagesOnEmbeddedIT extends PagesIT {

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("pages");
    }

    @Test
    void theOverviewSpeaksTheReadersLanguageAndRemembersASwitch() throws Exception {
        HttpResponse<String> french = get("/", "fr-FR,fr;q=0.9,en;q=0.5");
        assertEquals(200, french.statusCode());
        assertTrue(french.body().contains("<html lang=\"fr\""), french.body());
        assertTrue(french.body().contains("Vue d&#39;ensemble") || french.body().contains("Vue d'ensemble"));
        HttpResponse<String> switched = get("/?lang=en", "fr-FR");
        assertTrue(switched.body().contains("<html lang=\"en\""));
        assertTrue(switched.body().contains("Overview"));
        assertTrue(get("/", "fr-FR").body().contains("<html lang=\"en\""), "the switch is remembered over the browser's language");
    }

    @Test
    void pagesForbidInlineScriptsAndEscapeWhatUsersWrote() throws Exception {
        Api api = new Api(root() + "/v1");
        assertEquals(201, api.post("/jobs", "{\"name\":\"xss-probe\",\"displayname\":\"<img src=x onerror=alert(1)>\","
                + "\"schedule\":\"@every 1h\",\"executor\":\"shell\",\"executor_config\":{\"command\":\"true\"}}").status());
        HttpResponse<String> jobs = get("/jobs?q=xss", "en");
        assertEquals(200, jobs.statusCode());
        assertTrue(jobs.body().contains("&lt;img src=x onerror=alert(1)&gt;"), jobs.body());
        assertFalse(jobs.body().contains("<img src=x"), "user data never reaches the page as markup");
        assertFalse(jobs.body().matches("(?s).*<script(?![^>]*\\bsrc=).*"), "no inline script in the page");
        String policy = jobs.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), policy);
        assertTrue(jobs.body().contains("every 1 hour") || jobs.body().contains("every 1h"), "the schedule in words");
    }

    @Test
    void aFormWithoutItsTokenIsRefusedAndWithItRuns() throws Exception {
        Api api = new Api(root() + "/v1");
        assertEquals(201, api.post("/jobs", "{\"name\":\"form-run\",\"schedule\":\"@manually\",\"executor\":\"shell\","
                + "\"executor_config\":{\"command\":\"true\"}}").status());
        assertEquals(403, postForm("/jobs/form-run/run", "").statusCode(), "no token");
        HttpResponse<String> forged = postForm("/jobs/form-run/run", "_csrf=forged");
        assertEquals(403, forged.statusCode(), "a wrong token");
        assertTrue(forged.body().contains("Form refused") && forged.body().contains("<nav"), "a styled error page: " + forged.body());
        assertEquals("0", api.get("/jobs/form-run/executions").header("X-Total-Count"), "nothing ran");

        String token = PageClient.token(get("/jobs?q=form-run", "en").body());
        HttpResponse<String> ran = postForm("/jobs/form-run/run", "_csrf=" + token);
        assertEquals(302, ran.statusCode(), ran.body());
        assertTrue(ran.headers().firstValue("Location").orElse("").contains("/jobs?ran=form-run"));
        api.await("/jobs/form-run/executions", Duration.ofSeconds(20), list -> list.size() == 1
                && list.get(0).get("trigger").asText().equals("manual"));
    }

    @Test
    void dkronsUiBookmarksLeadToTheOverview() throws Exception {
        HttpResponse<String> ui = get("/ui/", "en");
        assertEquals(302, ui.statusCode());
        assertTrue(ui.headers().firstValue("Location").orElse("").endsWith("/"), ui.headers().toString());
    }

    @Test
    void theOverviewCountsTheJobsThatFailedAndLinksTheirLastFailedRun() throws Exception {
        Api api = new Api(root() + "/v1");
        assertEquals(201, api.post("/jobs", "{\"name\":\"always-fails\",\"schedule\":\"@manually\",\"executor\":\"shell\","
                + "\"executor_config\":{\"command\":\"exit 3\"}}").status());
        assertEquals(201, api.post("/jobs", "{\"name\":\"never-fails\",\"schedule\":\"@manually\",\"executor\":\"shell\","
                + "\"executor_config\":{\"command\":\"true\"}}").status());
        for (int run = 0; run < 2; run++) {
            assertEquals(202, api.post("/jobs/always-fails/run", "").status());
            int runs = run + 1;
            api.await("/jobs/always-fails/executions", Duration.ofSeconds(20), list -> list.size() == runs
                    && list.get(0).get("status").asText().equals("failed"));
        }
        assertEquals(202, api.post("/jobs/never-fails/run", "").status());
        api.await("/jobs/never-fails/executions", Duration.ofSeconds(20), list -> list.size() == 1
                && list.get(0).get("status").asText().equals("succeeded"));
        String lastFailed = api.get("/jobs/always-fails/executions").json().get(0).get("execution_id").asText();

        String overview = get("/", "en").body();
        Matcher tile = Pattern.compile("<span class=\"count\">(\\d+)</span><span>jobs failed in the last 24 h</span>").matcher(overview);
        assertTrue(tile.find(), overview);
        assertEquals("1", tile.group(1), "one job failed, twice");
        assertTrue(overview.contains("/jobs/always-fails/executions/" + lastFailed + "\""), "its last failed run is linked");
        assertEquals(1, Pattern.compile("/jobs/always-fails/executions/\\d+\"").matcher(overview).results().count(),
                "one line per failing job");
        assertFalse(overview.contains("/jobs/never-fails/executions/"), "a success is no failure");
    }
}
