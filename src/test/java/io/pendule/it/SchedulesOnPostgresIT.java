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
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schedule syntaxes and time zones as a client sees them, on a real PostgreSQL: the job's next fire, computed
 * when it is saved, for each syntax; daylight saving time (a fire in the spring-forward gap is skipped, a repeated
 * hour fires once); parse errors naming the field and its position. Expected instants are computed here with
 * java.time, independently of the cron library the server uses.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SchedulesOnPostgresIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.onPostgres("schedules");
    }

    private Api api() {
        return new Api(base.toString() + "v1");
    }

    private JsonNode save(String name, String schedule, String timezone, String startsAt) {
        ObjectNode job = Api.JSON.createObjectNode().put("name", name).put("schedule", schedule).put("timezone", timezone)
                .put("executor", "shell");
        job.putObject("executor_config").put("command", "true");
        if (startsAt != null) {
            job.put("starts_at", startsAt);
        }
        Api.Answer saved = api().post("/jobs", job.toString());
        assertEquals(201, saved.status(), saved.body());
        return saved.json();
    }

    /** The server's next fire equals what {@code expected} gives from the time just before or just after the save. */
    private void assertNext(String name, String schedule, String timezone, Function<Instant, Instant> expected) {
        Instant before = Instant.now();
        Instant next = Instant.parse(save(name, schedule, timezone, null).get("next").asText());
        Instant after = Instant.now();
        assertTrue(next.equals(expected.apply(before)) || next.equals(expected.apply(after)),
                schedule + " in " + timezone + ": next " + next + ", expected " + expected.apply(before));
    }

    private static Function<Instant, Instant> dailyAt(LocalTime time, ZoneId zone) {
        return from -> {
            ZonedDateTime candidate = from.atZone(zone).with(time);
            return (candidate.toInstant().isAfter(from) ? candidate : candidate.plusDays(1).with(time)).toInstant();
        };
    }

    @Test
    void eachSyntaxFiresWhenItsFieldsSayInTheJobsZone() {
        assertNext("six-fields-tokyo", "0 30 9 * * *", "Asia/Tokyo", dailyAt(LocalTime.of(9, 30), ZoneId.of("Asia/Tokyo")));
        assertNext("five-fields-utc", "15 6 * * *", "", dailyAt(LocalTime.of(6, 15), ZoneOffset.UTC));
        assertNext("tz-prefix-wins", "TZ=America/New_York 0 0 9 * * *", "Europe/Paris",
                dailyAt(LocalTime.of(9, 0), ZoneId.of("America/New_York")));
        assertNext("cron-tz-prefix", "CRON_TZ=Australia/Sydney 0 0 7 * * *", "",
                dailyAt(LocalTime.of(7, 0), ZoneId.of("Australia/Sydney")));
        assertNext("daily-in-kolkata", "@daily", "Asia/Kolkata", dailyAt(LocalTime.MIDNIGHT, ZoneId.of("Asia/Kolkata")));
        assertNext("midnight-in-paris", "@midnight", "Europe/Paris", dailyAt(LocalTime.MIDNIGHT, ZoneId.of("Europe/Paris")));
        assertNext("hourly", "@hourly", "Asia/Kolkata", from -> {
            // Kolkata is UTC+5:30: its whole hours are at half past in UTC
            ZonedDateTime local = from.atZone(ZoneId.of("Asia/Kolkata")).truncatedTo(ChronoUnit.HOURS).plusHours(1);
            return local.toInstant();
        });
        assertNext("every-90-minutes", "@every 1h30m", "Europe/Paris", from -> {
            long period = 5_400;
            return Instant.ofEpochSecond((from.getEpochSecond() / period + 1) * period);
        });
        assertNext("sunday-noon", "0 0 12 ? * SUN", "", from -> {
            ZonedDateTime noon = from.atZone(ZoneOffset.UTC).with(LocalTime.NOON);
            ZonedDateTime sunday = noon.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            return (sunday.toInstant().isAfter(from) ? sunday : sunday.plusWeeks(1)).toInstant();
        });
    }

    @Test
    void atFiresOnceManuallyNeverAndTheHashIsStablePerJob() {
        Instant at = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        assertEquals(at.toString(), save("at-future", "@at " + at, "", null).get("next").asText());
        assertEquals("0001-01-01T00:00:00Z", save("at-past", "@at 2020-01-01T00:00:00Z", "", null).get("next").asText());
        assertEquals("0001-01-01T00:00:00Z", save("by-hand", "@manually", "", null).get("next").asText());
        Instant hashed = Instant.parse(save("hashed", "0 ~ * * * *", "", null).get("next").asText());
        assertEquals(0, hashed.atZone(ZoneOffset.UTC).getSecond());
        assertEquals(hashed.toString(), save("hashed", "0 ~ * * * *", "", null).get("next").asText(),
                "the ~ minute comes from the job's name: saving again gives the same");
    }

    @Test
    void aFireInTheSpringForwardGapIsSkippedAndARepeatedHourFiresOnce() {
        // Europe/Paris: 2027-03-28 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist that day
        assertEquals("2027-03-29T00:30:00Z",
                save("dst-gap", "0 30 2 * * *", "Europe/Paris", "2027-03-28T00:00:00Z").get("next").asText());
        // 2027-10-31 03:00 CEST falls back to 02:00 CET: 02:30 happens twice, the first time only fires
        assertEquals("2027-10-31T00:30:00Z",
                save("dst-repeat", "0 30 2 * * *", "Europe/Paris", "2027-10-31T00:00:00Z").get("next").asText());
        assertEquals("2027-11-01T01:30:00Z",
                save("dst-repeat-once", "0 30 2 * * *", "Europe/Paris", "2027-10-31T00:31:00Z").get("next").asText(),
                "after the first 02:30, the second one (01:30Z) does not fire: the next is the day after");
    }

    @Test
    void aParseErrorNamesTheFieldItsPositionAndTheProblem() {
        Api.Answer refused = api().post("/jobs", "{\"name\":\"bad-cron\",\"schedule\":\"0 61 * * * *\",\"executor\":\"shell\","
                + "\"executor_config\":{\"command\":\"true\"}}");
        assertEquals(400, refused.status());
        String message = refused.json().at("/violations/0/message").asText();
        assertEquals("schedule", refused.json().at("/violations/0/field").asText());
        assertTrue(message.contains("field 2 (minutes) \"61\"") && message.contains("not in range [0, 59]"), message);
        Api.Answer never = api().post("/jobs", "{\"name\":\"bad-cron\",\"schedule\":\"0 0 0 31 2 *\",\"executor\":\"shell\","
                + "\"executor_config\":{\"command\":\"true\"}}");
        assertEquals(400, never.status());
        assertTrue(never.body().contains("never fires"), never.body());
        assertEquals(404, api().get("/jobs/bad-cron").status());
    }
}
