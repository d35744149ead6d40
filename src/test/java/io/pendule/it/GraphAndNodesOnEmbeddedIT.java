package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dependencies, nodes and running pages over HTTP, on the embedded database: the graph's SVG with a link per job
 * and an edge of the right kind between the right jobs, standalone jobs left out, the focus on a job and a 404 for an
 * unknown one; this node with its roles; a running job listed and cancelled from the page, not without the form's
 * token; display names escaped; the texts in French.
 */
class GraphAndNodesOnEmbeddedIT extends PagesIT {

    private static final String XSS = "<img src=x onerror=alert(1)>";

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("graphpages");
    }

    /** The application's context path as links start with it: "" at the server's root. */
    private String context() {
        return java.net.URI.create(base.toString()).getPath().replaceAll("/$", "");
    }

    private String body(String path, String language) throws Exception {
        HttpResponse<String> page = client().get(path, language);
        assertEquals(200, page.statusCode(), path + ": " + page.body());
        return page.body();
    }

    private void create(String name, Consumer<ObjectNode> more) throws Exception {
        ObjectNode job = Api.JSON.createObjectNode();
        job.put("name", name).put("schedule", "@manually").put("executor", "shell");
        job.putObject("executor_config").put("command", "true");
        more.accept(job);
        Api.Answer answer = client().api().post("/jobs", job.toString());
        assertEquals(201, answer.status(), answer.body());
    }

    /** The class attributes of the SVG paths drawn from one job to another. */
    private static List<String> edgeClasses(String page, String from, String to) {
        return Pattern.compile("<path\\b[^>]*>").matcher(page).results().map(MatchResult::group)
                .filter(path -> path.contains("data-from=\"" + from + "\"") && path.contains("data-to=\"" + to + "\""))
                .map(path -> path.replaceAll("(?s).*\\bclass=\"([^\"]*)\".*", "$1")).toList();
    }

    private void createTheChain() throws Exception {
        create("g-extract", j -> { });
        create("g-load", j -> j.put("parent_job", "g-extract").put("displayname", XSS));
        create("g-report", j -> j.put("trigger_rule", "on_failure").putArray("depends_on").add("g-load"));
        create("g-audit", j -> j.putArray("requires").addObject().put("job", "g-extract").put("within", "24h"));
        create("g-lonely", j -> { });
    }

    @Test
    void theGraphDrawsEveryRelatedJobAndTheRightEdges() throws Exception {
        createTheChain();
        String page = body("/dependencies", "en");
        assertTrue(page.contains("<svg"), page);
        for (String job : List.of("g-extract", "g-load", "g-report", "g-audit")) {
            assertTrue(page.contains("href=\"" + context() + "/jobs/" + job + "\""), job + " is a link: " + page);
        }
        assertFalse(page.contains("data-job=\"g-lonely\""), "a standalone job is not drawn");
        assertTrue(page.matches("(?s).*\\b(1 job stands|[2-9] jobs stand|[1-9]\\d+ jobs stand) alone.*"), "how many stand alone");
        assertEquals(List.of("link parent"), edgeClasses(page, "g-extract", "g-load"), page);
        assertEquals(List.of("link depends_on on_failure"), edgeClasses(page, "g-load", "g-report"));
        assertEquals(List.of("link requires"), edgeClasses(page, "g-extract", "g-audit"));
        assertEquals(List.of(), edgeClasses(page, "g-load", "g-extract"), "edges go downstream");
        assertTrue(page.contains("<title>g-extract → g-audit · requires (24h)</title>"), "the window in the title");
        assertTrue(page.contains("class=\"job never\""), "never run yet");

        assertFalse(page.contains(XSS), "the display name is escaped");
        assertTrue(page.contains("&lt;img src=x onerror=al…"), "the display name, cut: " + page);
        assertTrue(page.contains("<title>g-load (&lt;img src=x onerror=alert(1)&gt;) · never run</title>"), "and whole in the title");
        assertFalse(page.matches("(?s).*<script(?![^>]*\\bsrc=).*"), "no inline script");
        assertFalse(page.contains("style="), "no style attribute");
    }

    @Test
    void theGraphFocusesOnAJobsLineage() throws Exception {
        createTheChainOnce();
        String page = body("/dependencies?job=g-load", "en");
        assertTrue(page.contains("data-job=\"g-extract\"") && page.contains("data-job=\"g-report\""), "ancestor and descendant");
        assertFalse(page.contains("data-job=\"g-audit\""), "a sibling is not in the lineage");
        assertTrue(page.contains("class=\"job never focus\" data-job=\"g-load\""), page);
        assertEquals(404, client().get("/dependencies?job=no-such-job", "en").statusCode());
        assertTrue(client().get("/dependencies?job=no-such-job", "en").body().contains("Not found"));
        String french = body("/dependencies", "fr-FR,fr;q=0.9");
        assertTrue(french.contains("<html lang=\"fr\"") && french.contains("Dépendances") && french.contains("Légende"), french);
    }

    private void createTheChainOnce() throws Exception {
        if (client().api().get("/jobs/g-extract").status() == 404) {
            createTheChain();
        }
    }

    @Test
    void theNodesPageListsThisNodeWithItsRoles() throws Exception {
        String page = body("/nodes", "en");
        assertTrue(page.contains("data-node=\"it-graphpages\""), page);
        assertTrue(page.contains(">api</span>") && page.contains(">worker</span>"), "its roles");
        assertTrue(page.contains(">alive</span>") && page.contains(">leader</span>") && page.contains("s ago"), page);
        String french = body("/nodes", "fr");
        assertTrue(french.contains("Nœuds") && french.contains(">actif</span>") && french.contains("il y a"), french);
    }

    @Test
    void aRunningJobIsListedAndCancelledFromTheBusyPage() throws Exception {
        Api api = client().api();
        create("g-sleeper", j -> j.put("displayname", XSS).with("executor_config").put("command", "sleep 20"));
        assertTrue(body("/busy", "en").contains("Nothing is running now."), "the empty state");
        assertEquals(202, api.post("/jobs/g-sleeper", "").status());
        JsonNode running = api.await("/jobs/g-sleeper/executions", Duration.ofSeconds(20), list -> list.size() == 1
                && list.get(0).get("status").asText().equals("running"));
        String id = running.get(0).get("execution_id").asText();

        String page = body("/busy", "en");
        assertTrue(page.contains(context() + "/jobs/g-sleeper/executions/" + id), page);
        assertTrue(page.contains("data-execution=\"" + id + "\""));
        assertFalse(page.contains(XSS));
        String french = body("/busy", "fr");
        assertTrue(french.contains("En cours") && french.contains("Écoulé") && french.contains("Annuler"), french);

        assertEquals(403, client().postForm("/busy", "id=" + id).statusCode(), "refused without the form's token");
        assertEquals("running", Api.JSON.readTree(api.get("/jobs/g-sleeper/executions/" + id).body()).get("status").asText(),
                "still running");

        HttpResponse<String> cancelled = client().postForm("/busy", "id=" + id + "&_csrf=" + PageClient.token(page));
        assertEquals(302, cancelled.statusCode(), cancelled.body());
        assertTrue(cancelled.headers().firstValue("Location").orElse("").endsWith("/busy?cancelled=" + id + "&answer=requested"),
                cancelled.headers().toString());
        api.await("/jobs/g-sleeper/executions", Duration.ofSeconds(10), list -> list.get(0).get("status").asText().equals("cancelled"));
        String after = body("/busy?cancelled=" + id + "&answer=requested", "en");
        assertTrue(after.contains("Execution " + id + " is being stopped."), after);
        assertFalse(after.contains("data-execution=\"" + id + "\""), "no longer running");
        assertEquals(404, client().postForm("/busy", "id=999999&_csrf=" + PageClient.token(page)).statusCode());
    }

    @Test
    void theOverviewShowsTheNextFiresOnATimelineAndLinksToNodesAndRunning() throws Exception {
        create("g-hourly", j -> j.put("schedule", "@every 10m").put("displayname", XSS));
        String page = body("/", "en");
        assertTrue(page.contains("class=\"fires\""), page);
        Matcher ticks = Pattern.compile("<rect class=\"fire\"").matcher(page);
        assertTrue(ticks.results().count() >= 3, "a tick per fire within the hour: " + page);
        assertTrue(page.contains("<ol class=\"timeline\""), "the list stays below");
        assertTrue(page.contains("href=\"" + context() + "/busy\"") && page.contains("href=\"" + context() + "/nodes\""));
        assertFalse(page.contains(XSS));
        assertFalse(page.contains("style="));
    }
}
