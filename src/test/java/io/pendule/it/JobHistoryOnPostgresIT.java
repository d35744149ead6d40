package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The history of a job page on PostgreSQL: keyset pages over 120 runs (no overlap, no gap, newer and older links that
 * round-trip and stay put while runs arrive), the date range in the job's zone, 400 pages for bad dates; and the live
 * part of an execution page, which shows a running shell job's output before it ends and stops polling once it has.
 */
class JobHistoryOnPostgresIT extends PagesIT {

    private static final String DB = "jobhistory";
    /** Seeded runs: ids far above what the node's sequence hands out, one an hour from this instant. */
    private static final long FIRST_ID = 5_000_000;
    private static final Instant FIRST_AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final Pattern ROW = Pattern.compile("<a href=\"[^\"]*/jobs/paged/executions/(\\d+)[;\"]");
    private static final Pattern RAN = Pattern.compile("\\?ran=(\\d+)$");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.onPostgres(DB);
    }

    private void createJob(String name, String command) {
        assertEquals(201, client().api().post("/jobs", "{\"name\":\"" + name + "\",\"schedule\":\"@manually\","
                + "\"timezone\":\"Europe/Paris\",\"executor\":\"shell\",\"executor_config\":{\"shell\":\"true\",\"command\":\""
                + command + "\"}}").status());
    }

    /** Runs {@code FIRST_ID + i} for i in [from, to], scheduled i hours after FIRST_AT; every tenth failed. */
    private static void seed(int from, int to) throws Exception {
        try (Connection db = TestDatabases.connect(Deployments.postgresUrl(DB));
             PreparedStatement insert = db.prepareStatement("INSERT INTO execution (id, job_name, group_id, attempt, trigger, "
                     + "status, scheduled_at, created_at, not_before, started_at, finished_at, stdout) "
                     + "VALUES (?, 'paged', ?, 1, 'schedule', ?, ?, ?, ?, ?, ?, '')")) {
            for (int i = from; i <= to; i++) {
                java.sql.Timestamp at = java.sql.Timestamp.from(FIRST_AT.plus(Duration.ofHours(i)));
                insert.setLong(1, FIRST_ID + i);
                insert.setLong(2, FIRST_ID + i);
                insert.setString(3, i % 10 == 0 ? "failed" : "succeeded");
                for (int column = 4; column <= 7; column++) {
                    insert.setTimestamp(column, at);
                }
                insert.setTimestamp(8, java.sql.Timestamp.from(FIRST_AT.plus(Duration.ofHours(i)).plusMillis(250 + i)));
                insert.addBatch();
            }
            insert.executeBatch();
            try (Statement counters = db.createStatement()) {
                counters.executeUpdate("UPDATE job_stats SET success_count = 108, error_count = 12 WHERE job_name = 'paged'");
            }
        }
    }

    private String page(String query) throws Exception {
        return okPage("/jobs/paged" + query);
    }

    private static List<Long> rows(String page) {
        List<Long> ids = new ArrayList<>();
        Matcher row = ROW.matcher(page);
        while (row.find()) {
            ids.add(Long.parseLong(row.group(1)) - FIRST_ID);
        }
        return ids;
    }

    /** The query of the page's "newer" (prev) or "older" (next) link, if it has one. */
    private static Optional<String> link(String page, String rel) {
        Matcher link = Pattern.compile("<a rel=\"" + rel + "\" href=\"[^\"?]*(\\?[^\"]*)\"").matcher(page);
        return link.find() ? Optional.of(link.group(1).replace("&amp;", "&")) : Optional.empty();
    }

    private static List<Long> descending(long newest, long oldest) {
        return LongStream.rangeClosed(oldest, newest).map(i -> newest + oldest - i).boxed().toList();
    }

    private static boolean seeded;

    /** The job "paged" and its runs 1 to 120, made by whichever test comes first. */
    private void paged() throws Exception {
        if (!seeded) {
            createJob("paged", "true");
            seed(1, 120);
            seeded = true;
        }
    }

    @Test
    void keysetPagesNeitherOverlapNorSkipAndTheirLinksRoundTrip() throws Exception {
        paged();

        String first = page("");
        assertEquals(descending(120, 71), rows(first));
        assertTrue(link(first, "prev").isEmpty(), "nothing newer than the first page");
        assertTrue(first.contains("120 finished runs in all: 108 succeeded, 12 failed."), "counts from job_stats");
        assertTrue(first.contains("90 %"), "the success rate over the whole history");
        assertTrue(first.contains("Europe/Paris"), "the zone of the dates is said");
        assertTrue(first.contains("<time data-local datetime=\"2026-01-05T23:00:00Z\""), first);

        seed(121, 121); // a run arriving meanwhile does not move the older pages
        String older = link(first, "next").orElseThrow();
        assertEquals("?before=" + (FIRST_ID + 71), older);
        String second = page(older);
        assertEquals(descending(70, 21), rows(second));
        String third = page(link(second, "next").orElseThrow());
        assertEquals(descending(20, 1), rows(third));
        assertTrue(link(third, "next").isEmpty(), "nothing older than the last page");

        assertEquals(descending(70, 21), rows(page(link(third, "prev").orElseThrow())), "newer from the third is the second");
        String backToFirst = page(link(second, "prev").orElseThrow());
        assertEquals(descending(120, 71), rows(backToFirst), "newer from the second is the first as it was shown");
        assertEquals(descending(121, 121), rows(page(link(backToFirst, "prev").orElseThrow())).subList(0, 1),
                "and newer again shows the run that arrived");

        assertEquals(descending(121, 72), rows(page("?before=not-a-number")), "a bad cursor shows the first page");
        assertEquals(descending(121, 72), rows(page("?before=999999999")), "so does an unknown one");

        List<Long> failed = rows(page("?status=failed"));
        assertEquals(descending(120, 10).stream().filter(i -> i % 10 == 0).toList(), failed, "filtered by status");
    }

    @Test
    void theDateRangeIsInTheJobsZoneAndBadDatesAre400() throws Exception {
        paged();
        // 2026-01-02 in Paris (UTC+1) is [2026-01-01T23:00Z, 2026-01-02T23:00Z): runs 23 to 46
        String day = page("?from=2026-01-02&to=2026-01-02");
        assertEquals(descending(46, 23), rows(day));
        assertTrue(day.contains("value=\"2026-01-02\""), "the dates are kept in the form");
        assertEquals(descending(46, 29), rows(page("?from=2026-01-02T06:00&to=2026-01-02")), "from a time of day (05:00Z)");
        assertEquals(List.of(40L, 30L), rows(page("?from=2026-01-02&to=2026-01-02&status=failed")), "with a status");
        assertEquals(descending(46, 23).stream().filter(i -> i % 10 != 0).toList(),
                rows(page("?from=2026-01-02&to=2026-01-02&trigger=schedule&status=succeeded")), "and a trigger");
        assertTrue(rows(page("?from=2026-01-02&to=2026-01-02&trigger=manual")).isEmpty());

        HttpResponse<String> bad = client().get("/jobs/paged?from=2026-13-45", "en");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("from: must be a date"), bad.body());
        HttpResponse<String> reversed = client().get("/jobs/paged?from=2026-01-03&to=2026-01-01", "en");
        assertEquals(400, reversed.statusCode());
        assertTrue(reversed.body().contains("to: must come after"), reversed.body());
    }

    @Test
    void theLivePartShowsTheOutputOfARunningJobAndStopsPollingOnceItEnds() throws Exception {
        createJob("tail", "for i in 1 2 3 4 5 6; do echo line-$i; sleep 1; done");
        String jobPage = client().get("/jobs/tail", "en").body();
        HttpResponse<String> ran = client().postForm("/jobs/tail/run", "from=job&_csrf=" + PageClient.token(jobPage));
        Matcher id = RAN.matcher(ran.headers().firstValue("Location").orElse(""));
        assertTrue(id.find(), ran.headers().toString());
        String live = "/jobs/tail/executions/" + id.group(1) + "/live";

        String whileRunning = awaitFragment(live, body -> body.contains("line-2"));
        assertTrue(whileRunning.contains("class=\"status running\""), whileRunning);
        assertFalse(whileRunning.contains("line-6"), "seen before the end: " + whileRunning);
        assertTrue(whileRunning.contains("hx-trigger=\"every 1s\"") && whileRunning.contains("hx-get=\"")
                && whileRunning.contains("hx-swap=\"outerHTML\""), "polls while running: " + whileRunning);
        assertTrue(whileRunning.contains("/cancel"), "can be cancelled while running");
        assertFalse(whileRunning.contains("<html"), "a fragment, not a page");
        String fullPage = client().get("/jobs/tail/executions/" + id.group(1), "en").body();
        assertTrue(fullPage.contains("hx-trigger=\"every 1s\"") && fullPage.contains("Refresh"), "the page polls, or is refreshed by hand");

        String finished = awaitFragment(live, body -> body.contains("class=\"status succeeded\""));
        assertTrue(finished.contains("line-1\nline-2\nline-3\nline-4\nline-5\nline-6\n"), "the final output: " + finished);
        assertFalse(finished.contains("hx-trigger") || finished.contains("hx-get"), "no more polling: " + finished);
        assertFalse(finished.contains("/cancel"));
        assertEquals(404, client().get("/jobs/tail/executions/999999/live", "en").statusCode());
    }

    @Test
    void theCancelButtonOfTheLivePartStopsTheRun() throws Exception {
        createJob("long", "echo started; sleep 30");
        String jobPage = client().get("/jobs/long", "en").body();
        HttpResponse<String> ran = client().postForm("/jobs/long/run", "from=job&_csrf=" + PageClient.token(jobPage));
        Matcher id = RAN.matcher(ran.headers().firstValue("Location").orElse(""));
        assertTrue(id.find(), ran.headers().toString());
        String execution = "/jobs/long/executions/" + id.group(1);
        String running = awaitFragment(execution + "/live", body -> body.contains("started"));
        HttpResponse<String> cancelled = client().postForm(execution + "/cancel", "_csrf=" + PageClient.token(running));
        assertEquals(302, cancelled.statusCode(), cancelled.body());
        String stopped = awaitFragment(execution + "/live", body -> body.contains("class=\"status cancelled\""));
        assertTrue(stopped.contains("started"), "the output printed before the cancel is kept: " + stopped);
        assertFalse(stopped.contains("hx-trigger"), "no more polling");
    }

    private String awaitFragment(String path, java.util.function.Predicate<String> done) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> fragment = client().get(path, "en");
            assertEquals(200, fragment.statusCode(), fragment.body());
            body = fragment.body();
            if (done.test(body)) {
                return body;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("never came: " + body);
    }
}
