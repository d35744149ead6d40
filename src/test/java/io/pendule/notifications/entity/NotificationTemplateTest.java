package io.pendule.notifications.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotificationTemplateTest {

    private static final RunReport FAILED = new RunReport("nightly-backup", 42_000, "failed", 3,
            Instant.parse("2025-03-01T02:00:00Z"), Instant.parse("2025-03-01T02:00:05Z"), 2,
            "exit status 2", "tar: \"/data\": Cannot open\n\tPermission denied\u0001", "node-a");

    @Test
    void aJsonTemplateGetsItsValuesEscapedSoItStaysValidJson() throws Exception {
        NotificationTemplate template = new NotificationTemplate(
                "{\"text\": \"{{job}} {{status}} (exit {{exit_code}}): {{output}}\", \"link\": \"{{ link }}\"}");
        JsonNode body = new ObjectMapper().readTree(template.fill(FAILED.placeholders()));
        assertEquals("nightly-backup failed (exit 2): tar: \"/data\": Cannot open\n\tPermission denied\u0001",
                body.get("text").asText());
        assertEquals("/v1/jobs/nightly-backup/executions/42000", body.get("link").asText());
        assertEquals("application/json", template.contentType());
    }

    @Test
    void aTextTemplateGetsItsValuesAsTheyAre() {
        NotificationTemplate template = new NotificationTemplate("{{job}} is {{status}} on {{node}}: {{error}} $1 \\");
        assertEquals("nightly-backup is failed on node-a: exit status 2 $1 \\", template.fill(FAILED.placeholders()));
        assertTrue(template.contentType().startsWith("text/plain"));
    }

    @Test
    void absentValuesAreEmptyAndUnknownPlaceholdersAreReported() {
        RunReport noExitCode = new RunReport("j", 1, "timed_out", 1, null, null, null, null, null, "n");
        assertEquals("code=, started=", new NotificationTemplate("code={{exit_code}}, started={{started_at}}")
                .fill(noExitCode.placeholders()));
        assertEquals(Set.of("jobname", "output_tail"),
                new NotificationTemplate("{{jobname}} {{status}} {{output_tail}}").unknownPlaceholders());
        assertTrue(new NotificationTemplate("{{job}} {{execution_id}} {{started_at}} {{finished_at}}")
                .unknownPlaceholders().isEmpty());
    }

    @Test
    void aTemplateIsJsonWhenItParsesAsAnObjectOrArrayWithItsPlaceholdersAsZero() {
        assertTrue(new NotificationTemplate("  \n[\"{{job}}\"]").isJson());
        assertTrue(new NotificationTemplate("{\"code\": {{exit_code}}}").isJson());
        assertFalse(new NotificationTemplate("Job {{job}} {\"x\":1}").isJson());
        assertFalse(new NotificationTemplate("[{{job}}] failed").isJson());
        assertFalse(new NotificationTemplate("{{job}}: {{status}}").isJson());
        assertFalse(new NotificationTemplate("{\"unfinished\": \"{{job}}\"").isJson());
    }
}
