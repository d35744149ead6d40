package io.pendule.jobs.control;

import io.pendule.executors.control.SecretValues;
import io.pendule.jobs.entity.Job;
import io.pendule.platform.Json;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the audit log says of a job's change: the definition's fields that changed, with the executor's secrets (the
 * values of sensitive headers and environment variables) masked as the pages mask them, before and after.
 */
class JobSnapshotTest {

    @Test
    void aCreationShowsTheDefinitionWithItsSecretsMasked() {
        Job job = httpJob("[\"Authorization: Bearer s3cret-token\",\"X-Trace: on\"]");

        String details = Json.write(JobSnapshot.change(null, JobSnapshot.of(job)));

        assertFalse(details.contains("s3cret-token"), details);
        assertTrue(details.contains("Authorization: " + SecretValues.MASK), details);
        assertTrue(details.contains("X-Trace: on"), "a header that is no secret is shown: " + details);
        assertTrue(details.contains("\"schedule\":\"@every 1m\""), details);
        assertFalse(details.contains("\"before\""), "a creation has no before: " + details);
    }

    @Test
    void aSecretReplacedByAnotherIsAChangeShownMasked() {
        Map<String, Object> before = JobSnapshot.of(httpJob("[\"Authorization: Bearer old-secret\"]"));
        Map<String, Object> after = JobSnapshot.of(httpJob("[\"Authorization: Bearer new-secret\"]"));

        Map<String, Object> details = JobSnapshot.change(before, after);
        String text = Json.write(details);

        assertEquals(Map.of("before", Map.of("executor_config", Map.of("headers", "[\"Authorization: " + SecretValues.MASK + "\"]")),
                "after", Map.of("executor_config", Map.of("headers", "[\"Authorization: " + SecretValues.MASK + "\"]"))), details,
                "only the headers changed, and both sides are masked");
        assertFalse(text.contains("old-secret") || text.contains("new-secret"), text);
    }

    @Test
    void aShellJobsSensitiveEnvironmentIsMaskedAndTheRestShown() {
        Job before = new Job("backup");
        before.setSchedule("@daily");
        before.setExecutor("shell");
        before.setExecutorConfig(config("command", "pg_dump app", "env", "DB_PASSWORD=hunter2,PGHOST=db"));
        Job after = new Job("backup");
        after.setSchedule("@hourly");
        after.setExecutor("shell");
        after.setExecutorConfig(config("command", "pg_dump app", "env", "DB_PASSWORD=hunter3,PGHOST=db"));

        String text = Json.write(JobSnapshot.change(JobSnapshot.of(before), JobSnapshot.of(after)));

        assertFalse(text.contains("hunter2") || text.contains("hunter3"), text);
        assertTrue(text.contains("DB_PASSWORD=" + SecretValues.MASK + ",PGHOST=db"), text);
        assertTrue(text.contains("\"schedule\":\"@daily\"") && text.contains("\"schedule\":\"@hourly\""), text);
        assertFalse(text.contains("pg_dump"), "the command did not change: " + text);
    }

    @Test
    void aDeletionShowsWhatWasThereMasked() {
        String text = Json.write(JobSnapshot.change(JobSnapshot.of(httpJob("[\"Cookie: session=abc123\"]")), null));

        assertFalse(text.contains("abc123"), text);
        assertTrue(text.contains("\"before\"") && !text.contains("\"after\""), text);
    }

    private static Job httpJob(String headers) {
        Job job = new Job("ping");
        job.setSchedule("@every 1m");
        job.setExecutor("http");
        job.setExecutorConfig(config("url", "https://example.org/ping", "method", "POST", "headers", headers));
        return job;
    }

    private static Map<String, String> config(String... pairs) {
        Map<String, String> config = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        return config;
    }
}
