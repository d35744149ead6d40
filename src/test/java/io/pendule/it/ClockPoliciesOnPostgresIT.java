package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static io.pendule.it.TestDatabases.instant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clock's policies on a real PostgreSQL, with real shell commands: concurrency forbid and replace, for scheduled
 * fires and runs from the queue; the misfire policies after a simulated outage (the job's next fire moved into the
 * past in the database); the cluster-wide scheduler pause; starts_at, expires_at and disabled.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class ClockPoliciesOnPostgresIT {

    static final String DATABASE = "clockpolicies";
    private static final String DB_URL = Deployments.postgresUrl(DATABASE);

    @Deployment(testable = false)
    static WebArchive deployment() {
        // a fire 1 s late is a misfire here (60 s by default), so that a pause of a few seconds shows the policies
        return Deployments.onPostgres(DATABASE, "pendule.misfire.threshold=1s\n");
    }

    @ArquillianResource
    URL base;

    Api api() {
        return new Api(base.toString() + "v1");
    }

    record Row(long id, String status, String trigger, String error, Instant fireAt, Instant startedAt,
               Instant finishedAt, Instant cancelRequestedAt) {
    }

    static List<Row> rows(String job) {
        return TestDatabases.query(DB_URL, "SELECT id, status, trigger, error, fire_at, started_at, finished_at, "
                + "cancel_requested_at FROM execution WHERE job_name = ? ORDER BY id", rs -> new Row(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4), instant(rs, 5), instant(rs, 6), instant(rs, 7), instant(rs, 8)), job);
    }

    static Row row(String job, long id) {
        return rows(job).stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    static void execute(String sql, Object... parameters) {
        TestDatabases.update(DB_URL, sql, parameters);
    }

    static List<Row> awaitRows(String job, Duration timeout, Predicate<List<Row>> done) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        List<Row> last = List.of();
        while (Instant.now().isBefore(deadline)) {
            last = rows(job);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out after " + timeout + " on the executions of " + job + ": " + last);
    }

    static long count(List<Row> rows, String status) {
        return rows.stream().filter(r -> r.status().equals(status)).count();
    }

    static String shellJob(String name, String schedule, String command, Consumer<ObjectNode> more) {
        ObjectNode job = Api.JSON.createObjectNode();
        job.put("name", name).put("schedule", schedule).put("executor", "shell");
        job.putObject("executor_config").put("command", command).put("shell", "true");
        more.accept(job);
        return job.toString();
    }

    void create(String json) {
        Api.Answer created = api().post("/jobs", json);
        assertEquals(201, created.status(), created.body());
    }

    long runNow(String path) {
        Api.Answer answer = api().post(path, "");
        assertEquals(202, answer.status(), answer.body());
        return Long.parseLong(answer.header("X-Execution-Id"));
    }

    @Test
    void forbidSkipsTheFiresThatComeWhileTheRunGoesOnAndRunsNoneTogether() throws Exception {
        create(shellJob("forbid-sleep", "@every 1s", "sleep 2.5", j -> j.put("concurrency", "forbid")));
        List<Row> rows = awaitRows("forbid-sleep", Duration.ofSeconds(20),
                r -> count(r, "succeeded") >= 2 && count(r, "skipped") >= 3);
        api().post("/jobs/forbid-sleep/toggle", "");
        List<Row> ran = rows.stream().filter(r -> r.startedAt() != null && r.status().matches("succeeded|running")).toList();
        for (int i = 1; i < ran.size(); i++) {
            Row before = ran.get(i - 1);
            Row after = ran.get(i);
            assertFalse(before.finishedAt() == null || after.startedAt().isBefore(before.finishedAt()),
                    "runs overlap: " + before + " and " + after);
        }
        Row skipped = rows.stream().filter(r -> r.status().equals("skipped")).findFirst().orElseThrow();
        assertTrue(skipped.error().matches("skipped: execution \\d+ of this job is still running \\(concurrency forbid\\)"),
                skipped.error());
        assertEquals(0, count(rows, "failed"), rows.toString());
        JsonNode job = api().get("/jobs/forbid-sleep").json();
        assertEquals(0, job.get("error_count").asInt(), "a skipped fire is not an error of the job: " + job);
    }

    @Test
    void aQueuedRunOfAForbidJobIsSkippedWhileAnotherRunsUnlessItsCallerAllowsIt() throws Exception {
        create(shellJob("forbid-manual", "@manually", "sleep 4", j -> j.put("concurrency", "forbid")));
        long first = runNow("/jobs/forbid-manual");
        awaitRows("forbid-manual", Duration.ofSeconds(10), r -> row(r, first).startedAt() != null);

        long second = runNow("/jobs/forbid-manual/run");
        Row skipped = awaitRows("forbid-manual", Duration.ofSeconds(10), r -> row(r, second).status().equals("skipped"))
                .stream().filter(r -> r.id() == second).findFirst().orElseThrow();
        assertEquals("skipped: execution " + first + " of this job is still running (concurrency forbid)", skipped.error());

        Api.Answer bad = api().post("/jobs/forbid-manual?concurrency=sometimes", "");
        assertEquals(400, bad.status(), bad.body());
        assertEquals("concurrency", bad.json().get("violations").get(0).get("field").asText(), bad.body());

        long bypass = runNow("/jobs/forbid-manual?concurrency=allow");
        List<Row> rows = awaitRows("forbid-manual", Duration.ofSeconds(10), r -> row(r, bypass).startedAt() != null);
        assertEquals("running", row(rows, first).status(), "the bypass runs beside the first run: " + rows);
    }

    private static Row row(List<Row> rows, long id) {
        return rows.stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    @Test
    void aNewRunOfAReplaceJobAsksTheRunningOneToStopAndStarts() throws Exception {
        create(shellJob("replace-sleep", "@manually", "sleep 6", j -> j.put("concurrency", "replace")));
        assertEquals("replace", api().get("/jobs/replace-sleep").json().get("concurrency").asText());
        long first = runNow("/jobs/replace-sleep");
        awaitRows("replace-sleep", Duration.ofSeconds(10), r -> row(r, first).startedAt() != null);
        assertEquals(null, row("replace-sleep", first).cancelRequestedAt(), "nothing asked the first run to stop yet");

        Instant replacedAt = Instant.now();
        long second = runNow("/jobs/replace-sleep");
        List<Row> rows = awaitRows("replace-sleep", Duration.ofSeconds(10), r -> row(r, second).startedAt() != null);
        Row old = row(rows, first);
        assertNotNull(old.cancelRequestedAt(), "the running execution was asked to stop: " + rows);
        assertFalse(old.cancelRequestedAt().isBefore(replacedAt.minusSeconds(1)), old.toString());
        assertEquals("running", row(rows, second).status(), rows.toString());
        assertEquals(null, row(rows, second).cancelRequestedAt());
    }

    /** The hour's start, a few seconds past, so that every fire of an hourly job up to it is late. */
    static Instant thisHour() throws InterruptedException {
        Instant now = Instant.now();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        if (Duration.between(hour, now).toSeconds() < 3) {
            Thread.sleep(3_000);
        }
        return hour;
    }

    /** The cluster "was down" five hours: the job's next fire is moved to five hours ago. */
    static void downFiveHours(String job, Instant hour) throws SQLException {
        execute("UPDATE job SET next_fire_at = ? WHERE name = ?", hour.minus(Duration.ofHours(5)), job);
    }

    static List<Instant> fires(List<Row> rows, String status) {
        return rows.stream().filter(r -> r.status().equals(status)).map(Row::fireAt).sorted().toList();
    }

    static List<Instant> hoursBefore(Instant hour, int... hoursAgo) {
        List<Instant> fires = new ArrayList<>();
        for (int h : hoursAgo) {
            fires.add(hour.minus(Duration.ofHours(h)));
        }
        return fires;
    }

    @Test
    void afterAnOutageEachMisfirePolicyRunsWhatItSaysAndRecordsTheRestMissed() throws Exception {
        Instant hour = thisHour();
        create(shellJob("misfire-skip", "@every 1h", "true", j -> j.put("misfire_policy", "skip")));
        create(shellJob("misfire-once", "@every 1h", "true", j -> { }));
        create(shellJob("misfire-catch-up", "@every 1h", "true", j -> j.put("misfire_policy", "catch_up").put("misfire_max", 3)));
        create(shellJob("misfire-deadline", "@every 1h", "true", j -> j.put("starting_deadline", "1s")));
        for (String job : List.of("misfire-skip", "misfire-once", "misfire-catch-up", "misfire-deadline")) {
            downFiveHours(job, hour);
        }

        List<Row> skip = awaitRows("misfire-skip", Duration.ofSeconds(10), r -> r.size() == 6);
        assertEquals(hoursBefore(hour, 5, 4, 3, 2, 1, 0), fires(skip, "missed"), skip.toString());
        assertTrue(skip.get(0).error().startsWith("missed: no node fired it between its time and "), skip.get(0).error());
        assertTrue(skip.get(0).error().endsWith("misfire_policy skip"), skip.get(0).error());
        assertEquals(hour.plus(Duration.ofHours(1)).toString(), api().get("/jobs/misfire-skip").json().get("next").asText());

        List<Row> once = awaitRows("misfire-once", Duration.ofSeconds(10), r -> count(r, "succeeded") == 1);
        assertEquals(List.of(hour), fires(once, "succeeded"), "fire_once runs the latest missed fire: " + once);
        assertEquals(hoursBefore(hour, 5, 4, 3, 2, 1), fires(once, "missed"));
        assertTrue(once.get(0).error().contains("misfire_policy fire_once runs only the latest missed fire, " + hour),
                once.get(0).error());

        List<Row> catchUp = awaitRows("misfire-catch-up", Duration.ofSeconds(10), r -> count(r, "succeeded") == 3);
        assertEquals(hoursBefore(hour, 2, 1, 0), fires(catchUp, "succeeded"), "the latest misfire_max fires run");
        assertEquals(hoursBefore(hour, 5), fires(catchUp, "missed"), "one row for the older ones: " + catchUp);
        String summary = catchUp.stream().filter(r -> r.status().equals("missed")).findFirst().orElseThrow().error();
        assertTrue(summary.startsWith("missed: 3 fires from " + hour.minus(Duration.ofHours(5)) + " to "
                + hour.minus(Duration.ofHours(3))), summary);
        assertEquals(4, catchUp.size(), catchUp.toString());

        List<Row> deadline = awaitRows("misfire-deadline", Duration.ofSeconds(10), r -> r.size() == 6);
        assertEquals(6, count(deadline, "missed"), "fire_once's latest fire is past its starting deadline too: " + deadline);
        String late = deadline.stream().filter(r -> r.fireAt().equals(hour)).findFirst().orElseThrow().error();
        assertTrue(late.startsWith("missed: not started within its starting_deadline (1s) of its time"), late);
    }

    @Test
    void aPausedSchedulerFiresNothingAndClaimsNothingUntilResumed() throws Exception {
        Api api = api();
        assertEquals(false, api.get("/scheduler").json().get("paused").asBoolean());
        create(shellJob("paused-tick", "@every 1s", "true", j -> { }));
        awaitRows("paused-tick", Duration.ofSeconds(10), r -> count(r, "succeeded") >= 1);
        try {
            Api.Answer paused = api.post("/scheduler/pause", "");
            assertEquals(200, paused.status(), paused.body());
            assertTrue(paused.json().get("paused").asBoolean());
            assertTrue(api.get("/scheduler").json().get("paused").asBoolean());
            Thread.sleep(1_500);
            int before = rows("paused-tick").size();
            long manual = runNow("/jobs/paused-tick");
            Thread.sleep(3_000);
            List<Row> during = rows("paused-tick");
            assertEquals(before + 1, during.size(), "only the manual run was added while paused: " + during);
            assertEquals("queued", row(during, manual).status(), "a manual run waits while paused");
        } finally {
            assertEquals(false, api.post("/scheduler/resume", "").json().get("paused").asBoolean());
        }
        Instant resumed = Instant.now();
        List<Row> after = awaitRows("paused-tick", Duration.ofSeconds(10),
                r -> r.stream().anyMatch(x -> x.status().equals("succeeded") && x.trigger().equals("api"))
                        && r.stream().anyMatch(x -> x.status().equals("succeeded") && x.trigger().equals("schedule")
                        && x.fireAt().isAfter(resumed)));
        api.post("/jobs/paused-tick/toggle", "");
        // 3 s paused: the fires of the pause but the latest are recorded missed, the latest runs once (fire_once)
        List<Row> missed = after.stream().filter(r -> r.status().equals("missed")).toList();
        assertTrue(missed.size() >= 1, "the fires of the pause are recorded missed: " + after);
        Instant latest = Instant.parse(missed.get(0).error().replaceAll(".*runs only the latest missed fire, ", ""));
        assertTrue(missed.stream().allMatch(m -> m.fireAt().isBefore(latest)), after.toString());
        assertEquals(1, after.stream().filter(r -> latest.equals(r.fireAt()) && r.status().equals("succeeded")).count(),
                "the latest fire of the pause ran once: " + after);
    }

    @Test
    void aJobFiresFromStartsAtUntilExpiresAtAndADisabledOneNever() throws Exception {
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(4);
        Instant expiresAt = startsAt.plusSeconds(2);
        create(shellJob("windowed", "@every 1s", "true",
                j -> j.put("starts_at", startsAt.toString()).put("expires_at", expiresAt.toString())));
        create(shellJob("switched-off", "@every 1s", "true", j -> j.put("disabled", true)));
        assertEquals(startsAt.toString(), api().get("/jobs/windowed").json().get("next").asText(),
                "next is starts_at while it is in the future");
        assertEquals(List.of(), rows("windowed"), "nothing fires before starts_at");

        List<Row> rows = awaitRows("windowed", Duration.ofSeconds(15), r -> count(r, "succeeded") == 3);
        Thread.sleep(2_000);
        rows = rows("windowed");
        assertEquals(List.of(startsAt, startsAt.plusSeconds(1), expiresAt), fires(rows, "succeeded"), rows.toString());
        assertEquals(3, rows.size(), "nothing after expires_at: " + rows);
        assertEquals("0001-01-01T00:00:00Z", api().get("/jobs/windowed").json().get("next").asText());

        assertEquals(List.of(), rows("switched-off"), "a disabled job never fires");
        assertEquals("0001-01-01T00:00:00Z", api().get("/jobs/switched-off").json().get("next").asText());
    }

    @Test
    void firesOfATagNoNodeServesExpireAndDoNotKeepOtherRunsOutOfTheQueue() throws Exception {
        create(shellJob("zone-absent", "@every 1s", "true", j -> {
            j.put("misfire_policy", "skip");
            j.putObject("tags").put("zone", "absent");
        }));
        create(shellJob("deploy-now", "@manually", "true", j -> {
        }));
        try {
            // the threshold is 1 s here: the unserved fires are recorded missed within the expiry's period (10 s)
            List<Row> rows = awaitRows("zone-absent", Duration.ofSeconds(40), r -> count(r, "missed") >= 5);
            Row missed = rows.stream().filter(r -> r.status().equals("missed")).findFirst().orElseThrow();
            assertTrue(missed.error().startsWith("missed: no live node serves tags zone=absent"), missed.error());
            assertTrue(count(rows, "queued") <= 15, "queued fires stay bounded: " + count(rows, "queued"));
            assertEquals(0, rows.stream().filter(r -> r.startedAt() != null).count(), "no node ran one");

            long id = runNow("/jobs/deploy-now");
            awaitRows("deploy-now", Duration.ofSeconds(5), r -> row("deploy-now", id).status().equals("succeeded"));

            PageClient pages = new PageClient(base);
            String page = pages.get("/jobs/zone-absent", "en").body();
            assertTrue(page.contains("No node can run this job: no live worker node has its tags zone=absent."), page);
            assertFalse(pages.get("/jobs/deploy-now", "en").body().contains("No node can run this job"),
                    "a job without tags runs on this node");
        } finally {
            api().delete("/jobs/zone-absent");
            api().delete("/jobs/deploy-now");
        }
    }

    @Test
    void aJobWhoseRowStopsParsingIsRecordedAndShownBrokenAndTheOthersKeepFiring() throws Exception {
        create(shellJob("steady", "@every 1s", "true", j -> {
        }));
        List<String> broken = List.of("bad-schedule", "bad-tags", "bad-config");
        for (String name : broken) {
            create(shellJob(name, "@every 1s", "true", j -> {
            }));
        }
        try {
            execute("UPDATE job SET schedule = 'x' WHERE name = 'bad-schedule'");
            execute("UPDATE job SET tags = '{' WHERE name = 'bad-tags'");
            execute("UPDATE job SET executor_config = '[1, 2]' WHERE name = 'bad-config'");
            Instant changed = Instant.now();
            for (String name : broken) {
                awaitRows(name, Duration.ofSeconds(10), r -> r.stream().anyMatch(row -> row.error() != null
                        && row.error().contains("the job is broken")));
                String reason = TestDatabases.query(DB_URL, "SELECT broken FROM job WHERE name = ?", rs -> rs.getString(1), name).get(0);
                assertNotNull(reason, name + " shows why it is broken");
                assertEquals(null, TestDatabases.query(DB_URL, "SELECT next_fire_at FROM job WHERE name = ?",
                        rs -> rs.getString(1), name).get(0), name + " is out of the due set");
                assertEquals(200, api().get("/jobs/" + name).status(), name + " can still be read");
            }
            PageClient pages = new PageClient(base);
            String page = pages.get("/jobs/bad-schedule", "en").body();
            assertTrue(page.contains("The clock gave up on this job") && page.contains("broken: schedule does not parse"), page);
            String list = pages.get("/jobs?q=bad-", "en").body();
            assertEquals(3, list.split("broken: ", -1).length - 1, "the list shows each broken job: " + list);
            awaitRows("steady", Duration.ofSeconds(15), r -> r.stream()
                    .filter(row -> row.status().equals("succeeded") && row.fireAt().isAfter(changed.plusSeconds(2))).count() >= 3);
        } finally {
            api().delete("/jobs/steady");
            broken.forEach(name -> api().delete("/jobs/" + name));
        }
    }
}
