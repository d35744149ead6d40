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
 * The job page and the execution page over HTTP, on the embedded database: configuration, next fires in the job's
 * zone, history with its filters and duration chart, texts in French; a run's stdout and stderr apart and escaped;
 * the action forms refused without their token and working with it; 404 pages for what does not exist.
 */
class JobPagesOnEmbeddedIT extends PagesIT {

    private static final Pattern RAN = Pattern.compile("\\?ran=(\\d+)$");

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("jobpages");
    }

    private void create(String name) {
        assertEquals(201, api().post("/jobs", "{\"name\":\"" + name + "\",\"displayname\":\"Probe " + name + "\","
                + "\"schedule\":\"0 30 9 * * *\",\"timezone\":\"Europe/Paris\",\"executor\":\"shell\","
                + "\"metadata\":{\"team\":\"ops\"},\"executor_config\":{\"shell\":\"true\","
                + "\"command\":\"echo '<script>alert(1)</script>'; echo err-line >&2\"}}").status());
    }

    /** Runs the job with the page's run-now form and waits for the run to succeed; answers its number. */
    private long runFromThePage(String name) throws Exception {
        String page = get("/jobs/" + name, "en").body();
        HttpResponse<String> ran = postForm("/jobs/" + name + "/run", "from=job&_csrf=" + PageClient.token(page));
        assertEquals(302, ran.statusCode(), ran.body());
        Matcher id = RAN.matcher(ran.headers().firstValue("Location").orElse(""));
        assertTrue(id.find(), ran.headers().toString());
        api().await("/jobs/" + name + "/executions", Duration.ofSeconds(30), list -> list.size() == 1
                && list.get(0).get("status").asText().equals("succeeded"));
        return Long.parseLong(id.group(1));
    }

    @Test
    void theJobPageShowsItsConfigurationNextFiresHistoryAndChartInFrench() throws Exception {
        create("page-probe");
        long id = runFromThePage("page-probe");
        HttpResponse<String> page = get("/jobs/page-probe", "fr-FR,fr;q=0.9");
        assertEquals(200, page.statusCode());
        String body = page.body();
        assertTrue(body.contains("<html lang=\"fr\""), body);
        assertTrue(body.contains("Prochains déclenchements") && body.contains("Historique") && body.contains("Configuration de l"), body);
        assertTrue(body.contains("Probe page-probe") && body.contains("0 30 9 * * *") && body.contains("Europe/Paris"), body);
        assertTrue(body.contains("team") && body.contains("ops"), "the tags");
        assertEquals(5, Pattern.compile("<li><time>[0-9-]+ 09:30:00 \\+0[12]:00 \\(Europe/Paris\\)</time></li>").matcher(body)
                .results().count(), "five next fires at 9:30 in Paris");
        assertTrue(body.contains("/jobs/page-probe/executions/" + id), "the run in the history");
        assertTrue(body.contains("<svg") && body.contains("<rect") && body.contains("class=\"bar succeeded\""), "the chart");
        assertTrue(body.contains("100 %"), "the success rate");
        assertFalse(body.matches("(?s).*<script(?![^>]*\\bsrc=).*"), "no inline script");
        assertFalse(body.contains("style="), "no style attribute");

        assertTrue(get("/jobs/page-probe?trigger=manual", "en").body().contains("/executions/" + id));
        assertFalse(get("/jobs/page-probe?status=failed", "en").body().contains("/executions/" + id), "filtered out");
        assertEquals(400, get("/jobs/page-probe?status=bogus", "en").statusCode());
        assertEquals(400, get("/jobs/page-probe?trigger=bogus", "en").statusCode());
        assertEquals(200, get("/jobs/page-probe?start=x", "en").statusCode());
        assertTrue(get("/jobs?q=page-probe", "en").body().contains("href=\"/jobpages/jobs/page-probe\"")
                || get("/jobs?q=page-probe", "en").body().contains("/jobs/page-probe\""), "the list links to the page");
    }

    @Test
    void theExecutionPageShowsStdoutAndStderrApartAndEscaped() throws Exception {
        create("output-probe");
        long id = runFromThePage("output-probe");
        HttpResponse<String> page = get("/jobs/output-probe/executions/" + id, "en");
        assertEquals(200, page.statusCode());
        String body = page.body();
        Matcher stdout = Pattern.compile("(?s)<pre class=\"stdout\">(.*?)</pre>").matcher(body);
        Matcher stderr = Pattern.compile("(?s)<pre class=\"stderr\">(.*?)</pre>").matcher(body);
        assertTrue(stdout.find() && stderr.find(), body);
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt;\n", stdout.group(1));
        assertEquals("err-line\n", stderr.group(1));
        assertFalse(body.contains("<script>alert"), "what the job printed never reaches the page as markup");
        assertTrue(body.contains("Standard output") && body.contains("Exit code") && body.contains("manual"), body);
        assertFalse(body.contains("/cancel"), "nothing to cancel once finished");

        create("other-probe");
        assertEquals(404, get("/jobs/other-probe/executions/" + id, "en").statusCode(), "another job's execution");
        assertEquals(404, get("/jobs/output-probe/executions/999999", "en").statusCode());
        HttpResponse<String> missing = get("/jobs/no-such-job", "fr");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("Introuvable"), missing.body());
    }

    @Test
    void toggleAndDeleteNeedTheTokenAndWorkWithIt() throws Exception {
        create("form-probe");
        assertEquals(403, postForm("/jobs/form-probe/toggle", "").statusCode());
        assertEquals(403, postForm("/jobs/form-probe/delete", "_csrf=forged").statusCode());
        assertFalse(api().get("/jobs/form-probe").json().get("disabled").asBoolean());

        String token = PageClient.token(get("/jobs/form-probe", "en").body());
        HttpResponse<String> toggled = postForm("/jobs/form-probe/toggle", "_csrf=" + token);
        assertEquals(302, toggled.statusCode(), toggled.body());
        assertTrue(toggled.headers().firstValue("Location").orElse("").endsWith("/jobs/form-probe"));
        assertTrue(api().get("/jobs/form-probe").json().get("disabled").asBoolean());
        String page = get("/jobs/form-probe", "en").body();
        assertTrue(page.contains(">Enable<") && page.contains(">disabled<"), page);

        assertEquals(404, postForm("/jobs/no-such-job/toggle", "_csrf=" + token).statusCode());
        HttpResponse<String> deleted = postForm("/jobs/form-probe/delete", "_csrf=" + token);
        assertEquals(302, deleted.statusCode(), deleted.body());
        assertTrue(deleted.headers().firstValue("Location").orElse("").contains("/jobs?deleted=form-probe"));
        assertEquals(404, api().get("/jobs/form-probe").status());
        assertEquals(404, get("/jobs/form-probe", "en").statusCode());
    }

    @Test
    void theJobPageSaysWhenNoLiveNodeCanRunTheJob() throws Exception {
        assertEquals(201, api().post("/jobs", "{\"name\":\"zone-probe\",\"schedule\":\"@manually\",\"executor\":\"shell\","
                + "\"executor_config\":{\"command\":\"true\"},\"tags\":{\"zone\":\"absent\"}}").status());
        String page = get("/jobs/zone-probe", "en").body();
        assertTrue(page.contains("No node can run this job: no live worker node has its tags zone=absent."), page);
        assertTrue(get("/jobs/zone-probe", "fr").body().contains("Aucun nœud ne peut exécuter cette tâche"), "in French");
        create("served-probe");
        assertFalse(get("/jobs/served-probe", "en").body().contains("No node can run this job"), "this node runs it");
    }
}
