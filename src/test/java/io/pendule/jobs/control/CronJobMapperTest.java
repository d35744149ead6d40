package io.pendule.jobs.control;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.executions.entity.Concurrency;
import io.pendule.jobs.entity.ImportPlan;
import io.pendule.jobs.entity.ImportWarning;
import io.pendule.jobs.entity.Job;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CronJobMapperTest {

    static String resource(String name) {
        try (InputStream in = CronJobMapperTest.class.getResourceAsStream("/imports/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ImportPlan map(String yaml) {
        return CronJobMapper.map(yaml, name -> false);
    }

    private static List<String> warnedAt(ImportPlan plan) {
        return plan.warnings().stream().map(ImportWarning::at).toList();
    }

    @Test
    void everyFieldThatMapsIsMappedAndEveryOtherIsAWarningNamingIt() {
        ImportPlan plan = map(resource("every-feature.yaml"));
        assertEquals(List.of(), plan.errors());
        assertEquals(1, plan.jobs().size());
        Job job = plan.jobs().get(0).job();
        assertEquals("documents[0]", plan.jobs().get(0).origin());
        assertEquals("nightly-report", job.getName());
        assertEquals("*/5 2 * * 1-5", job.getSchedule());
        assertEquals("Europe/Paris", job.getTimezone());
        assertEquals(Concurrency.FORBID, job.getConcurrency());
        assertEquals("200s", job.getMisfire().startingDeadline());
        assertTrue(job.isDisabled());
        assertEquals(2, job.getRetries());
        assertEquals(CronJobMapper.KUBERNETES_BACKOFF.delay(), job.getRetry().delay());
        assertEquals("600s", job.getTimeout());
        assertEquals("shell", job.getExecutor());
        assertEquals(Map.of("shell", "true", "command", "echo $GREETING; date", "cwd", "/srv/report",
                "env", "GREETING=hello,DB_PASSWORD=${secret:db-creds.password}"), job.getExecutorConfig());
        assertEquals(Map.of("team", "data", "tier", "batch"), job.getMetadata());
        String pod = CronJobMapper.POD_SPEC;
        String container = CronJobMapper.CONTAINER;
        assertEquals(List.of("documents[0].metadata.name", "documents[0].spec.successfulJobsHistoryLimit",
                "documents[0].spec.failedJobsHistoryLimit", "documents[0]." + container + ".image",
                "documents[0]." + container + ".env[1].valueFrom.secretKeyRef", "documents[0]." + container + ".env[2].valueFrom",
                "documents[0]." + container + ".env[3].value", "documents[0].metadata.annotations",
                "documents[0]." + CronJobMapper.JOB_SPEC + ".ttlSecondsAfterFinished", "documents[0]." + pod + ".serviceAccountName",
                "documents[0]." + pod + ".volumes", "documents[0]." + container + ".imagePullPolicy",
                "documents[0]." + container + ".resources", "documents[0]." + container + ".volumeMounts",
                "documents[0]." + pod + ".containers[1]"), warnedAt(plan));
        assertTrue(plan.warnings().stream().allMatch(w -> "nightly-report".equals(w.job())));
        assertTrue(plan.warnings().get(1).message().contains("keep_executions"), plan.warnings().get(1).message());
        assertTrue(plan.warnings().get(4).message().contains("store that secret"), plan.warnings().get(4).message());
    }

    @Test
    void severalDocumentsAListAndOtherKindsSkipped() {
        ImportPlan plan = map(resource("several.yaml"));
        assertEquals(List.of(), plan.errors());
        assertEquals(List.of("cleanup", "listed"), plan.jobs().stream().map(j -> j.job().getName()).toList());
        assertEquals(List.of("documents[1]", "documents[2].items[0]"), plan.jobs().stream().map(j -> j.origin()).toList());
        Job cleanup = plan.jobs().get(0).job();
        assertEquals("@hourly", cleanup.getSchedule());
        assertEquals(0, cleanup.getRetries());
        assertEquals(Concurrency.ALLOW, cleanup.getConcurrency());
        assertFalse(cleanup.isDisabled());
        assertEquals(Map.of("command", "find /tmp -name '*.tmp' -delete"), cleanup.getExecutorConfig());
        Job listed = plan.jobs().get(1).job();
        assertEquals("0 9 * * *", listed.getSchedule());
        assertEquals("America/New_York", listed.getTimezone());
        assertEquals("python3 /app/job.py --since 'last week' 'it'\\''s $(REGION)'", listed.getExecutorConfig().get("command"));
        assertEquals("documents[0].kind", plan.warnings().get(0).at());
        assertEquals("kind ConfigMap is not a CronJob: skipped", plan.warnings().get(0).message());
    }

    @Test
    void aMissingBackoffLimitIsKubernetesSixAndArgsWithoutCommandMakeADisabledJob() {
        ImportPlan plan = map("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: args-only}
                spec:
                  schedule: "0 3 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers:
                            - {name: main, image: my/tool, args: ["--all"], env: [{name: X, value: "1"}]}
                """);
        Job job = plan.jobs().get(0).job();
        assertEquals(6, job.getRetries());
        assertTrue(job.isDisabled(), "the image's entrypoint is unknown: created disabled");
        assertEquals("--all", job.getExecutorConfig().get("command"));
        assertTrue(warnedAt(plan).contains("documents[0]." + CronJobMapper.CONTAINER + ".command"), warnedAt(plan).toString());
        assertTrue(warnedAt(plan).contains("documents[0]." + CronJobMapper.JOB_SPEC + ".backoffLimit"), warnedAt(plan).toString());
    }

    @Test
    void aKubernetesVariableReferenceOfTheContainerIsAWarning() {
        ImportPlan plan = map("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: refs}
                spec:
                  schedule: "0 3 * * *"
                  jobTemplate: {spec: {backoffLimit: 0, template: {spec: {containers: [
                    {name: m, command: ["echo", "$(WHO)", "$(OTHER)", "$$(WHO)"], env: [{name: WHO, value: me}]}]}}}}
                """);
        assertEquals(1, plan.warnings().stream().filter(w -> w.message().startsWith("$(WHO)")).count(), plan.warnings().toString());
        assertTrue(plan.warnings().stream().noneMatch(w -> w.message().contains("OTHER")));
    }

    @Test
    void whatCannotBeReadIsAnErrorAtItsPlaceAndNoJobOfThatDocument() {
        ImportPlan plan = CronJobMapper.map("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: same}
                spec:
                  schedule: "0 3 * * *"
                  concurrencyPolicy: Sometimes
                  suspend: maybe
                  startingDeadlineSeconds: soon
                  jobTemplate: {spec: {template: {spec: {containers: [{name: m, image: x}]}}}}
                ---
                apiVersion: batch/v2
                kind: CronJob
                metadata: {name: same}
                spec: {jobTemplate: {spec: {backoffLimit: -1, template: {spec: {containers: [{command: ["true"]}]}}}}}
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: stored}
                spec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {containers: [{command: ["true"]}]}}}}}
                ---
                - a list
                """, "stored"::equals);
        assertEquals(List.of(), plan.jobs());
        String container = CronJobMapper.CONTAINER;
        assertEquals(List.of(
                new FieldError("documents[0].spec.concurrencyPolicy", "must be Allow, Forbid or Replace, not \"Sometimes\""),
                new FieldError("documents[0].spec.suspend", "must be true or false, not \"maybe\""),
                new FieldError("documents[0].spec.startingDeadlineSeconds", "must be a whole number of seconds"),
                new FieldError("documents[0]." + container + ".command", "not set: the image's own entrypoint (x) runs in"
                        + " Kubernetes, which Pendule cannot know; give the command to run"),
                new FieldError("documents[1].apiVersion", "must be batch/v1, not \"batch/v2\""),
                new FieldError("documents[1].metadata.name", "job same is named by documents[0] already: rename one"),
                new FieldError("documents[1].spec.schedule", "required: the CronJob's schedule"),
                new FieldError("documents[1]." + CronJobMapper.JOB_SPEC + ".backoffLimit", "must be a whole number, 0 or more"),
                new FieldError("documents[2].metadata.name", "a job named stored exists already: an import creates jobs,"
                        + " it does not replace them (rename it in the file, or delete the job)"),
                new FieldError("documents[3]", "must be a Kubernetes object (a mapping with apiVersion and kind)")), plan.errors());
    }

    @Test
    void aFileWithoutCronJobIsAnError() {
        assertEquals(List.of(new FieldError("body", "no CronJob found (kind: CronJob, apiVersion: batch/v1)")),
                map("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n").errors());
        assertEquals("body", map("").errors().get(0).field());
    }

    @Test
    void hostileYamlIsRefusedOnTheBody() {
        String laughs = """
                a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                """;
        assertRefused(laughs, "YAML aliases (*a) are not accepted");
        assertRefused("a: [" + "[".repeat(200) + "]".repeat(200) + "]", "not YAML");
        assertRefused("a: 1\na: 2\n", "not YAML");
        assertRefused("a: [unclosed\n", "not YAML");
        assertRefused("!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]",
                "must be a Kubernetes object");
        assertRefused("---\n".repeat(YamlDocuments.MAX_DOCUMENTS + 1) + "a: 1", "more than");
    }

    private static void assertRefused(String yaml, String start) {
        try {
            ImportPlan plan = map(yaml);
            assertTrue(plan.jobs().isEmpty());
            assertTrue(plan.errors().get(0).message().startsWith(start) || plan.errors().get(0).message().contains(start),
                    plan.errors().toString());
        } catch (ValidationException refused) {
            assertEquals("body", refused.errors().get(0).field());
            assertTrue(refused.errors().get(0).message().startsWith(start), refused.errors().toString());
        }
    }

    @Test
    void namesFollowPendulesRule() {
        assertEquals("nightly-report", ImportedNames.sanitized("Nightly.Report"));
        assertEquals("a-b_c", ImportedNames.sanitized("--a..b_c--"));
        assertEquals("", ImportedNames.sanitized("..."));
        assertEquals(JobValidator.MAX_NAME_LENGTH, ImportedNames.sanitized("x".repeat(300)).length());
        assertThrows(NullPointerException.class, () -> ImportedNames.sanitized(null));
    }
}
