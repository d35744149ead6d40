package io.pendule.jobs.boundary;

import io.pendule.jobs.entity.Job;
import io.pendule.platform.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JobJsonTest {

    @Test
    void readsDkronsJobAndIgnoresServerKeptFields() {
        Job job = JobJson.parse("""
                {"id":"ignored","name":"job1","schedule":"@every 10s","timezone":"Europe/Berlin","success_count":523,
                 "status":"success","next":"2025-11-11T10:01:10Z","tags":{"server":"true:1"},"metadata":{"user":"12345"},
                 "executor":"shell","executor_config":{"command":"date"},"concurrency":"","parent_job":"",
                 "starts_at":"2026-01-02T03:04","expires_at":"2026-02-01T00:00:00+01:00","unknown_field":1}
                """).toDefinition();
        assertEquals("job1", job.getName());
        assertEquals("allow", job.getConcurrency());
        assertNull(job.getParentJob());
        assertEquals(0, job.getSuccessCount());
        assertEquals(Map.of("command", "date"), job.getExecutorConfig());
        assertEquals(Instant.parse("2026-01-02T03:04:00Z"), job.getStartsAt());
        assertEquals(Instant.parse("2026-01-31T23:00:00Z"), job.getExpiresAt());
    }

    @Test
    void badTimesAreReportedByField() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> JobJson.parse("{\"name\":\"a\",\"starts_at\":\"tomorrow\",\"expires_at\":5}").toDefinition());
        assertEquals(List.of("starts_at", "expires_at"), e.errors().stream().map(f -> f.field()).toList());
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertThrows(ValidationException.class, () -> JobJson.parse("[1,2]"));
        assertThrows(ValidationException.class, () -> JobJson.parse("  "));
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
