package io.pendule.jobs.control;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.jobs.entity.ImportPlan;
import io.pendule.jobs.entity.Job;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The imported jobs pass the rules of POST /v1/jobs (the real JobValidator), and what does not is said where it came from. */
class JobImporterTest {

    private final JobImporter importer = new JobImporter();

    JobImporterTest() {
        importer.validator = JobValidatorTest.shellOnly();
        importer.jobs = new JobService() {
            @Override
            public Optional<Job> find(String name) {
                return name.equals("stored") ? Optional.of(new Job(name)) : Optional.empty();
            }
        };
    }

    @Test
    void theSampleFilesGiveValidJobs() {
        assertEquals(1, importer.cronJobs(CronJobMapperTest.resource("every-feature.yaml")).jobs().size());
        assertEquals(2, importer.cronJobs(CronJobMapperTest.resource("several.yaml")).jobs().size());
        assertEquals(7, importer.crontab(CronJobMapperTest.resource("every-feature.crontab"), null).jobs().size());
        assertEquals(2, importer.crontab(CronJobMapperTest.resource("system.crontab"), null).jobs().size());
    }

    @Test
    void aJobsProblemIsSaidOfTheFieldOfTheDocumentItCameFrom() {
        ValidationException refused = assertThrows(ValidationException.class, () -> importer.cronJobs("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: ok}
                spec: {schedule: "0 3 * * *", jobTemplate: {spec: {template: {spec: {containers: [{command: ["true"]}]}}}}}
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: bad}
                spec:
                  schedule: "0 61 * * *"
                  timeZone: Mars/Olympus
                  jobTemplate: {spec: {template: {spec: {containers: [{command: ["echo", "x"], workingDir: ""}]}}}}
                """));
        assertEquals(List.of("documents[1].spec.timeZone"), refused.errors().stream().map(FieldError::field).toList());
        ValidationException schedule = assertThrows(ValidationException.class, () -> importer.cronJobs("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: bad}
                spec: {schedule: "0 61 * * *", jobTemplate: {spec: {template: {spec: {containers: [{command: ["it's"]}]}}}}}
                """));
        assertEquals(List.of("documents[0].spec.schedule"), schedule.errors().stream().map(FieldError::field).toList());
        assertEquals("can't parse job schedule: invalid cron expression \"0 61 * * *\": field 2 (hours) \"61\":"
                + " Value 61 not in range [0, 23]", schedule.errors().get(0).message(), "the field as the file counts it");
    }

    @Test
    void aCrontabLinesProblemIsSaidOfTheLine() {
        ValidationException refused = assertThrows(ValidationException.class,
                () -> importer.crontab("0 0 31 2 * never\nCRON_TZ=Nowhere/Town\n0 0 * * * ok\n", null));
        assertEquals(List.of("line 1", "line 3"), refused.errors().stream().map(FieldError::field).toList());
        assertEquals("schedule", refused.errors().get(0).message().split(":")[0]);
        assertEquals("timezone", refused.errors().get(1).message().split(":")[0]);
        assertEquals("Import refused, nothing was changed", refused.getMessage().split(":")[0]);
    }

    @Test
    void aStoredJobIsNotReplacedAndTooManyJobsOrANulAreRefused() {
        assertEquals("documents[0].metadata.name", assertThrows(ValidationException.class, () -> importer.cronJobs("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: stored}
                spec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {containers: [{command: ["true"]}]}}}}}
                """)).errors().get(0).field());
        assertEquals("stored-2", importer.crontab("@daily stored\n", null).jobs().get(0).job().getName());
        assertEquals(List.of(new FieldError("body", "1001 jobs: an import makes at most 1000")),
                assertThrows(ValidationException.class, () -> importer.crontab("@daily true\n".repeat(1001), null)).errors());
        assertEquals("body", assertThrows(ValidationException.class, () -> importer.crontab("@daily a\u0000b\n", null))
                .errors().get(0).field());
    }

    @Test
    void fiveFieldsAreKeptAsPenduleReadsThemAsUnixCron() {
        ImportPlan plan = importer.crontab("30\t2 * *  1-5 report\n", null);
        assertEquals("30 2 * * 1-5", plan.jobs().get(0).job().getSchedule());
    }
}
