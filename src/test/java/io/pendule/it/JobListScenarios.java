package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jobs list over HTTP, as a browser without scripts sees it: every filter narrows the list (jobs made through the
 * API with other executors, tags, metadata, disabled flags and statuses), the sort orders, paging that keeps the
 * filters, a 400 page naming the parameter for a bad value; the last runs as dots linking to their executions; the
 * bulk actions (run, enable, disable, delete with its confirmation) checked through the API, refused without the form
 * token, and a job others depend on refused alone. Each test uses jobs of its own prefix, searched with q. Run once
 * per database by the subclasses.
 */
abstract class JobListScenarios extends PagesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Pattern ROW = Pattern.compile("<tr[^>]*data-job=\"([^\"]+)\"");
    private static final Pattern DOT = Pattern.compile("<a ([^>]*class=\"dot [^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");
    /** Until sessions are tracked by their cookie only, a first page's links may carry the session. */
    private static final Pattern SESSION_IN_URL = Pattern.compile(";jsessionid=[^\"?#]*");
    private static final Pattern LINK = Pattern.compile("<a href=\"([^\"]+)\" rel=\"(prev|next)\"");

    private HttpResponse<String> page(String path) throws Exception {
        return client().get(path, "en");
    }

    private String list(String query) throws Exception {
        HttpResponse<String> answer = page("/jobs?" + query);
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }

    private static List<String> rows(String page) {
        List<String> names = new ArrayList<>();
        Matcher row = ROW.matcher(page);
        while (row.find()) {
            names.add(row.group(1));
        }
        return names;
    }

    private static String job(String name, String executor, Consumer<ObjectNode> more) {
        ObjectNode job = Api.JSON.createObjectNode();
        job.put("name", name).put("schedule", "@manually").put("executor", executor);
        if (executor.equals("shell")) {
            job.putObject("executor_config").put("command", "true");
        } else {
            job.putObject("executor_config").put("method", "GET").put("url", "http://127.0.0.1:9/never");
        }
        more.accept(job);
        return job.toString();
    }

    private void create(String json) {
        Api.Answer answer = api().post("/jobs", json);
        assertEquals(201, answer.status(), answer.body());
    }

    private void createShell(String name, String command, Consumer<ObjectNode> more) {
        create(job(name, "shell", j -> {
            ((ObjectNode) j.get("executor_config")).put("command", command);
            more.accept(j);
        }));
    }

    /** Runs the job through the API and waits until it has finished {@code runs} executions in all. */
    private void runAndWait(String name, int runs) throws InterruptedException {
        Api.Answer ran = api().post("/jobs/" + name, "");
        assertEquals(202, ran.status(), ran.body());
        api().await("/jobs/" + name + "/executions", PATIENCE, list -> list.size() == runs
                && StreamSupport.stream(list.spliterator(), false).allMatch(e -> !e.get("status").asText().equals("queued")
                && !e.get("status").asText().equals("running")));
        api().await("/jobs/" + name, PATIENCE, j -> j.get("success_count").asLong() + j.get("error_count").asLong() == runs);
    }

    private static String form(String... pairs) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            form.append(form.isEmpty() ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    private String token() throws Exception {
        return PageClient.token(list(""));
    }

    private boolean disabled(String name) {
        return api().get("/jobs/" + name).json().get("disabled").asBoolean();
    }

    // ---------------------------------------------------------------- filters

    @Test
    void everyFilterNarrowsTheList() throws Exception {
        createShell("flt-ok", "true", j -> j.putObject("metadata").put("team", "ops"));
        createShell("flt-bad", "false", j -> j.putObject("metadata").put("team", "dev"));
        runAndWait("flt-ok", 1);
        runAndWait("flt-bad", 1);
        // tagged once they have run: a job's tags choose the nodes that run it, and the test's node has none
        createShell("flt-ok", "true", j -> {
            j.putObject("tags").put("zone", "eu");
            j.putObject("metadata").put("team", "ops");
        });
        createShell("flt-bad", "false", j -> {
            j.putObject("tags").put("zone", "us");
            j.putObject("metadata").put("team", "dev");
        });
        create(job("flt-web", "http", j -> j.put("disabled", true)));
        createShell("flt-idle", "true", j -> {
            j.putObject("tags").put("zone", "eu");
            j.putObject("metadata").put("team", "ops").put("env", "prod");
        });

        assertEquals(List.of("flt-bad", "flt-idle", "flt-ok", "flt-web"), rows(list("q=flt-")));
        assertEquals(List.of("flt-ok"), rows(list("q=flt-&status=success")));
        assertEquals(List.of("flt-bad"), rows(list("q=flt-&status=failed")));
        assertEquals(List.of("flt-idle", "flt-web"), rows(list("q=flt-&status=untriggered")));
        assertEquals(List.of("flt-web"), rows(list("q=flt-&disabled=true")));
        assertEquals(List.of("flt-bad", "flt-idle", "flt-ok"), rows(list("q=flt-&disabled=false")));
        assertEquals(List.of("flt-web"), rows(list("q=flt-&executor=http")));
        assertEquals(List.of("flt-bad", "flt-idle", "flt-ok"), rows(list("q=flt-&executor=shell")));
        assertEquals(List.of("flt-idle", "flt-ok"), rows(list("q=flt-&tag=zone%3Deu")));
        assertEquals(List.of("flt-bad"), rows(list("q=flt-&tag=zone%3Dus")));
        assertEquals(List.of("flt-idle", "flt-ok"), rows(list("q=flt-&metadata=team%3Dops")));
        assertEquals(List.of("flt-idle"), rows(list("q=flt-&metadata=team%3Dops&metadata=env%3Dprod")));
        assertEquals(List.of("flt-ok"), rows(list("q=flt-&executor=shell&status=success&tag=zone%3Deu&metadata=team%3Dops")));
        assertEquals(List.of(), rows(list("q=flt-&executor=http&status=failed")));
        assertTrue(list("q=flt-&executor=http&status=failed").contains("No job matches these filters."));

        // the tag rows follow the job when it is saved again
        createShell("flt-idle", "true", j -> j.putObject("tags").put("zone", "asia"));
        assertEquals(List.of("flt-ok"), rows(list("q=flt-&tag=zone%3Deu")));
        assertEquals(List.of("flt-idle"), rows(list("q=flt-&tag=zone%3Dasia")));
        assertEquals("asia", api().get("/jobs/flt-idle").json().get("tags").get("zone").asText(), "the API shows the new tags");

        String page = list("q=flt-&executor=shell&tag=zone%3Deu");
        assertTrue(page.contains("<option value=\"shell\" selected=\"selected\">shell</option>"), "the form shows the filters");
        assertTrue(page.contains("value=\"zone=eu\""), "the form keeps the tag");
        assertTrue(page.contains("1–1 of 1"), "x–y of N");
    }

    @Test
    void theRunningFilterListsTheJobsRunningNow() throws Exception {
        createShell("now-slow", "sleep 8", j -> { });
        createShell("now-idle", "true", j -> { });
        runAndWait("now-idle", 1);
        assertEquals(202, api().post("/jobs/now-slow", "").status());
        api().await("/jobs/now-slow/executions", PATIENCE, l -> l.size() == 1 && l.get(0).get("status").asText().equals("running"));
        assertEquals(List.of("now-slow"), rows(list("q=now-&status=running")));
        api().await("/jobs/now-slow/executions", PATIENCE, l -> l.get(0).get("status").asText().equals("succeeded"));
        assertEquals(List.of(), rows(list("q=now-&status=running")), "no longer once it has finished");
    }

    @Test
    void badFilterValuesAnswerA400PageNamingTheParameter() throws Exception {
        for (String[] bad : new String[][]{{"status=bogus", "status"}, {"tag=nokey", "tag"}, {"metadata=%3Dvalue", "metadata"},
                {"executor=ftp", "executor"}, {"disabled=maybe", "disabled"}, {"sort=colour", "sort"}, {"order=up", "order"}}) {
            HttpResponse<String> answer = page("/jobs?" + bad[0]);
            assertEquals(400, answer.statusCode(), bad[0]);
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), bad[0]);
            assertTrue(answer.body().contains("<h1>Bad request</h1>"), "the styled error page for " + bad[0]);
            assertTrue(answer.body().contains(bad[1] + ": "), "the page names " + bad[1] + ": " + answer.body());
        }
    }

    // ---------------------------------------------------------------- sort and paging

    @Test
    void theListSortsByEachColumnBothWays() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        createShell("srt-a", "true", j -> j.put("schedule", "@at " + now.plus(3, ChronoUnit.DAYS)));
        createShell("srt-b", "true", j -> j.put("schedule", "@at " + now.plus(1, ChronoUnit.DAYS)));
        createShell("srt-c", "false", j -> j.put("schedule", "@at " + now.plus(2, ChronoUnit.DAYS)));
        runAndWait("srt-b", 1);
        runAndWait("srt-b", 2);
        runAndWait("srt-c", 1);
        runAndWait("srt-c", 2);
        runAndWait("srt-c", 3);

        assertEquals(List.of("srt-a", "srt-b", "srt-c"), rows(list("q=srt-")));
        assertEquals(List.of("srt-c", "srt-b", "srt-a"), rows(list("q=srt-&sort=name&order=desc")));
        assertEquals(List.of("srt-b", "srt-c", "srt-a"), rows(list("q=srt-&sort=next")));
        assertEquals(List.of("srt-a", "srt-c", "srt-b"), rows(list("q=srt-&sort=next&order=desc")));
        assertEquals(List.of("srt-a", "srt-c", "srt-b"), rows(list("q=srt-&sort=success_count")));
        assertEquals(List.of("srt-b", "srt-c", "srt-a"), rows(list("q=srt-&sort=success_count&order=desc")));
        assertEquals(List.of("srt-c", "srt-b", "srt-a"), rows(list("q=srt-&sort=error_count&order=desc")),
                "ties by name, the same way");
        assertEquals(List.of("srt-a", "srt-c", "srt-b"), rows(list("q=srt-&sort=status")), "'' < failed < success");

        String page = list("q=srt-&sort=next");
        assertTrue(page.contains("<th aria-sort=\"ascending\"><a href=\"/jobs?q=srt-&amp;sort=next&amp;order=desc\""),
                "the sorted column says so, and its link sorts the other way: " + page);
        assertTrue(page.contains("<th aria-sort=\"none\"><a href=\"/jobs?q=srt-&amp;sort=error_count\""),
                "the other columns sort with the same filters");
        assertTrue(page.contains("data-countdown=\"" + now.plus(1, ChronoUnit.DAYS) + "\""), "a countdown to the next fire");
        assertTrue(page.contains("<time data-local datetime=\"" + now.plus(1, ChronoUnit.DAYS) + "\""), "the time itself");
    }

    @Test
    void pagingKeepsTheFiltersAndTheSort() throws Exception {
        for (int i = 0; i < 53; i++) {
            String set = i % 2 == 0 ? "even" : "odd";
            createShell(String.format("pg-%03d", i), "true", j -> j.putObject("metadata").put("set", set));
        }
        createShell("pg-elsewhere", "true", j -> { });

        String first = list("q=pg-0&metadata=set%3Deven&sort=name&order=desc");
        assertEquals(27, rows(first).size(), "the 27 even jobs, all on the first page");
        assertEquals("pg-052", rows(first).get(0));
        assertFalse(LINK.matcher(first).find(), "no other page");

        String all = list("q=pg-0&sort=name&order=desc");
        assertEquals(50, rows(all).size());
        assertEquals("pg-052", rows(all).get(0));
        assertTrue(all.contains("1–50 of 53"), "x–y of N");
        Matcher next = LINK.matcher(all);
        assertTrue(next.find(), "a link to the next page");
        assertEquals("next", next.group(2));
        String nextHref = next.group(1).replace("&amp;", "&");
        assertEquals("/jobs?q=pg-0&order=desc&start=50", nextHref);

        String second = page(nextHref).body();
        assertEquals(List.of("pg-002", "pg-001", "pg-000"), rows(second));
        assertTrue(second.contains("51–53 of 53"));
        Matcher previous = LINK.matcher(second);
        assertTrue(previous.find());
        assertEquals("prev", previous.group(2));
        assertEquals("/jobs?q=pg-0&order=desc", previous.group(1).replace("&amp;", "&"));
        assertTrue(second.contains("<input type=\"hidden\" name=\"start\" value=\"50\">"),
                "the bulk form brings the reader back to this page");
    }

    // ---------------------------------------------------------------- dots

    @Test
    void theLastRunsAreDotsLinkingToTheirExecutions() throws Exception {
        createShell("dot-few", "true", j -> { });
        createShell("dot-many", "true", j -> { });
        createShell("dot-none", "true", j -> { });
        runAndWait("dot-few", 1);
        runAndWait("dot-few", 2);
        createShell("dot-few", "false", j -> { });
        runAndWait("dot-few", 3);
        for (int i = 1; i <= 12; i++) {
            runAndWait("dot-many", i);
        }

        String page = list("q=dot-");
        List<String[]> few = dots(page, "dot-few");
        assertEquals(3, few.size(), row(page, "dot-few"));
        assertEquals(List.of("failed", "succeeded", "succeeded"), few.stream().map(d -> d[2]).toList(), "newest first");
        List<Long> ids = executionIds("dot-few");
        assertEquals(ids, few.stream().map(d -> Long.parseLong(d[1])).toList(), "each dot is one execution, newest first");
        assertEquals("/jobs/dot-few/executions/" + ids.get(0), few.get(0)[0]);
        assertTrue(few.get(0)[3].startsWith("failed · 20"), "the title gives the status and the time: " + few.get(0)[3]);
        assertEquals(200, page(few.get(0)[0]).statusCode(), "the dot's link leads to the execution's page");

        List<String[]> many = dots(page, "dot-many");
        assertEquals(10, many.size(), "only the last ten runs");
        assertEquals(executionIds("dot-many").subList(0, 10), many.stream().map(d -> Long.parseLong(d[1])).toList());
        assertTrue(many.stream().allMatch(d -> d[2].equals("succeeded")));
        assertEquals(List.of(), dots(page, "dot-none"));
        assertTrue(row(page, "dot-few").contains("<span class=\"visually-hidden\">failed "), "a text alternative to the colour");
    }

    private List<Long> executionIds(String job) {
        List<Long> ids = new ArrayList<>();
        api().get("/jobs/" + job + "/executions").json().forEach(e -> ids.add(e.get("execution_id").asLong()));
        ids.sort((a, b) -> Long.compare(b, a));
        return ids;
    }

    private static String row(String page, String job) {
        int start = page.indexOf("data-job=\"" + job + "\"");
        assertTrue(start >= 0, job + " is listed");
        return page.substring(start, page.indexOf("</tr>", start));
    }

    /** The dots of a job's row: href, execution id, status, title. */
    private static List<String[]> dots(String page, String job) {
        List<String[]> dots = new ArrayList<>();
        Matcher dot = DOT.matcher(row(page, job));
        while (dot.find()) {
            Map<String, String> attributes = new HashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(dot.group(1));
            while (attribute.find()) {
                attributes.put(attribute.group(1), attribute.group(2));
            }
            String href = SESSION_IN_URL.matcher(attributes.get("href")).replaceAll("");
            dots.add(new String[]{href, href.substring(href.lastIndexOf('/') + 1), attributes.get("data-status"),
                    attributes.get("title")});
        }
        return dots;
    }

    // ---------------------------------------------------------------- bulk actions

    @Test
    void bulkDisableEnableAndRunChangeOnlyTheJobsTicked() throws Exception {
        for (String name : List.of("blk-a", "blk-b", "blk-c")) {
            createShell(name, "true", j -> j.put("schedule", "@every 1h"));
        }
        String token = token();

        HttpResponse<String> disabled = client().postForm("/jobs", form("_csrf", token, "action", "disable",
                "name", "blk-a", "name", "blk-b", "q", "blk-", "sort", "next"));
        assertEquals(303, disabled.statusCode(), disabled.body());
        String back = disabled.headers().firstValue("Location").orElseThrow();
        assertTrue(back.endsWith("/jobs?q=blk-&sort=next"), "back to the same list: " + back);
        assertTrue(disabled("blk-a"));
        assertTrue(disabled("blk-b"));
        assertFalse(disabled("blk-c"));
        String shown = page(back.substring(back.indexOf("/jobs"))).body();
        assertTrue(shown.contains("Disabled 2 jobs:"), shown);
        assertTrue(shown.contains("blk-a, blk-b"));
        assertTrue(row(shown, "blk-a").contains("<span class=\"badge\">disabled</span>"), "a disabled badge");
        assertFalse(row(shown, "blk-c").contains("<span class=\"badge\">"));
        assertFalse(list("q=blk-").contains("Disabled 2 jobs:"), "the summary is shown once");

        assertEquals(303, client().postForm("/jobs", form("_csrf", token, "action", "enable", "name", "blk-a")).statusCode());
        assertFalse(disabled("blk-a"));
        assertTrue(disabled("blk-b"));

        assertEquals(303, client().postForm("/jobs", form("_csrf", token, "action", "run", "name", "blk-b", "name", "blk-c"))
                .statusCode());
        api().await("/jobs/blk-b/executions", PATIENCE, l -> l.size() == 1 && l.get(0).get("trigger").asText().equals("manual"));
        api().await("/jobs/blk-c/executions", PATIENCE, l -> l.size() == 1);
        assertEquals("0", api().get("/jobs/blk-a/executions").header("X-Total-Count"), "blk-a was not ticked");
        assertTrue(list("q=blk-").contains("Runs queued for 2 jobs:"));

        HttpResponse<String> none = client().postForm("/jobs", form("_csrf", token, "action", "disable", "q", "blk-"));
        assertEquals(303, none.statusCode());
        assertTrue(list("q=blk-").contains("No job was ticked: nothing was done."));
        assertFalse(disabled("blk-c"));

        HttpResponse<String> badAction = client().postForm("/jobs", form("_csrf", token, "action", "explode", "name", "blk-c"));
        assertEquals(400, badAction.statusCode());
        assertTrue(badAction.body().contains("action: "), badAction.body());
    }

    @Test
    void bulkActionsWithoutTheFormTokenAreRefusedAndChangeNothing() throws Exception {
        createShell("tok-a", "true", j -> { });
        token();
        for (String action : List.of("disable", "delete", "run")) {
            HttpResponse<String> refused = client().postForm("/jobs", form("action", action, "name", "tok-a", "confirm", "yes"));
            assertEquals(403, refused.statusCode(), action);
        }
        HttpResponse<String> forged = client().postForm("/jobs", form("_csrf", "forged", "action", "disable", "name", "tok-a"));
        assertEquals(403, forged.statusCode());
        assertEquals(200, api().get("/jobs/tok-a").status(), "not deleted");
        assertFalse(disabled("tok-a"));
        assertEquals("0", api().get("/jobs/tok-a/executions").header("X-Total-Count"));
    }

    @Test
    void bulkDeleteAsksFirstThenRefusesAJobOthersDependOn() throws Exception {
        createShell("del-parent", "true", j -> { });
        createShell("del-child", "true", j -> j.putArray("depends_on").add("del-parent"));
        createShell("del-lone", "true", j -> { });
        createShell("del-up", "true", j -> { });
        createShell("del-down", "true", j -> j.put("parent_job", "del-up"));
        String token = token();

        HttpResponse<String> asked = client().postForm("/jobs", form("_csrf", token, "action", "delete",
                "name", "del-parent", "name", "del-lone", "q", "del-"));
        assertEquals(200, asked.statusCode());
        assertTrue(asked.body().contains("Delete these jobs?"), asked.body());
        assertTrue(asked.body().contains("<code>del-parent</code>") && asked.body().contains("<code>del-lone</code>"));
        assertTrue(asked.body().contains("name=\"confirm\" value=\"yes\""));
        assertEquals(200, api().get("/jobs/del-lone").status(), "nothing deleted before the confirmation");

        HttpResponse<String> deleted = client().postForm("/jobs", form("_csrf", PageClient.token(asked.body()),
                "action", "delete", "confirm", "yes", "name", "del-parent", "name", "del-lone", "q", "del-"));
        assertEquals(303, deleted.statusCode());
        assertTrue(deleted.headers().firstValue("Location").orElseThrow().endsWith("/jobs?q=del-"));
        assertEquals(404, api().get("/jobs/del-lone").status());
        assertEquals(200, api().get("/jobs/del-parent").status(), "a job others depend on stays");
        String shown = list("q=del-");
        assertTrue(shown.contains("Deleted 1 job:"), shown);
        assertTrue(shown.contains("Refused for 1 job:"));
        assertTrue(shown.contains("<strong>del-parent</strong>: <span>job del-parent has dependent jobs [del-child]"), shown);
        assertEquals(List.of("del-child", "del-down", "del-parent", "del-up"), rows(shown));

        // a parent ticked with its child goes too, whatever their order
        assertEquals(303, client().postForm("/jobs", form("_csrf", token, "action", "delete", "confirm", "yes",
                "name", "del-up", "name", "del-down")).statusCode());
        assertEquals(404, api().get("/jobs/del-up").status());
        assertEquals(404, api().get("/jobs/del-down").status());
        JsonNode left = api().get("/jobs?q=del-").json();
        assertNotNull(left);
        assertEquals(2, left.size());
    }
}
