package io.pendule.jobs.boundary;

import io.pendule.executions.entity.Concurrency;
import io.pendule.jobs.entity.Job;
import io.pendule.api.control.JsonProblem;
import io.pendule.api.entity.ValidationException;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JobJsonTest {

    @Test
    void readsDkronsJobAndKeepsItsRunHistory() {
        Job job = JobJsonReader.toDefinition(JobJsonReader.parse("""
                {"id":"ignored","name":"job1","schedule":"@every 10s","timezone":"Europe/Berlin","success_count":523,
                 "status":"success","next":"2025-11-11T10:01:10Z","tags":{"server":"true:1"},"metadata":{"user":"12345"},
                 "executor":"shell","executor_config":{"command":"date"},"concurrency":"","parent_job":"",
                 "starts_at":"2026-01-02T03:04","expires_at":"2026-02-01T00:00:00+01:00"}
                """));
        assertEquals("job1", job.getName());
        assertEquals(Concurrency.ALLOW, job.getConcurrency());
        assertNull(job.getParentJob());
        assertEquals(523, job.getSuccessCount());
        assertEquals("success", job.getStatus());
        assertEquals(Map.of("command", "date"), job.getExecutorConfig());
        assertEquals(Instant.parse("2026-01-02T03:04:00Z"), job.getStartsAt());
        assertEquals(Instant.parse("2026-01-31T23:00:00Z"), job.getExpiresAt());
    }

    @Test
    void aNotificationWithoutEmailIsAWebhookOnly() {
        Job job = JobJsonReader.toDefinition(JobJsonReader.parse("""
                {"name":"a","notifications":[{"on":"failure","webhook":"http://127.0.0.1/hook"}]}
                """));
        assertEquals(List.of(new io.pendule.notifications.entity.Notification("failure", "http://127.0.0.1/hook", false, null)),
                job.getNotifications());
        assertEquals("notifications[0].email", fieldOf("{\"name\":\"a\",\"notifications\":[{\"on\":\"always\",\"email\":\"yes\"}]}"));
    }

    @Test
    void badTimesAreReportedByField() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> JobJsonReader.toDefinition(JobJsonReader.parse("{\"name\":\"a\",\"starts_at\":\"tomorrow\",\"expires_at\":5}")));
        assertEquals(List.of("starts_at", "expires_at"), e.errors().stream().map(f -> f.field()).toList());
    }

    @Test
    void unknownFieldsAndWrongTypesAreRefusedNotCoerced() {
        assertEquals("command", fieldOf("{\"name\":\"a\",\"command\":\"date\"}"));
        assertEquals("retries", fieldOf("{\"name\":\"a\",\"retries\":\"3\"}"));
        assertEquals("retries", fieldOf("{\"name\":\"a\",\"retries\":2.5}"));
        assertEquals("disabled", fieldOf("{\"name\":\"a\",\"disabled\":\"true\"}"));
        assertEquals("name", fieldOf("{\"name\":42}"));
        assertEquals("executor_config.timeout", fieldOf("{\"name\":\"a\",\"executor_config\":{\"timeout\":30}}"));
    }

    @Test
    void aNulCharacterIsRefusedWhereverItIs() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> JobJsonReader.parse("{\"name\":\"a\",\"executor_config\":{\"command\":\"true\\u0000x\"}}"));
        assertEquals("executor_config.command", e.errors().get(0).field());
    }

    @Test
    void datesBeyondFourDigitYearsAreRefused() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> JobJsonReader.toDefinition(JobJsonReader.parse("{\"name\":\"a\",\"starts_at\":\"+999999999-12-31T23:59:59Z\"}")));
        assertEquals("starts_at", e.errors().get(0).field());
    }

    @Test
    void aStatusOutsideDkronsIsRefused() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> JobJsonReader.toDefinition(JobJsonReader.parse("{\"name\":\"a\",\"status\":\"great\"}")));
        assertEquals("status", e.errors().get(0).field());
    }

    private static String fieldOf(String json) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> JobJsonReader.parse(json));
        return JsonProblem.of(e).field();
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertThrows(ValidationException.class, () -> JobJsonReader.parse("[1,2]"));
        assertThrows(ValidationException.class, () -> JobJsonReader.parse("  "));
    }

    @Test
    void writesDkronsZeroTimeForAJobThatWillNotFire() {
        JobJson json = JobJson.of(new Job("idle"), List.of());
        assertEquals("0001-01-01T00:00:00Z", json.next);
        assertEquals("idle", json.id);
        assertNull(json.dependent_jobs);
        assertEquals(Map.of(), json.processors);
    }
}
