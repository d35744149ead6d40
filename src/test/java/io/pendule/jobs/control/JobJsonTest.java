package io.pendule.jobs.control;

import io.pendule.clock.entity.MisfirePolicy;
import io.pendule.executions.entity.Concurrency;
import io.pendule.executors.control.SecretValues;
import io.pendule.jobs.entity.Job;
import io.pendule.workflows.entity.Gate;
import io.pendule.workflows.entity.RunOnStart;
import io.pendule.workflows.entity.TriggerRule;
import io.pendule.api.control.JsonProblem;
import io.pendule.api.entity.ValidationException;
import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void textAfterTheJobIsRefusedAsTheBody() {
        String job = "{\"name\":\"a\",\"schedule\":\"@every 1h\",\"executor\":\"shell\",\"executor_config\":{\"command\":\"true\"}}";
        for (String trailing : List.of(" trailing", "{}", "}", " 1", "[")) {
            assertEquals("body", fieldOf(job + trailing), trailing);
        }
        assertEquals("a", JobJsonReader.parse(job + " \n").name);
    }

    private static String fieldOf(String json) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> JobJsonReader.parse(json));
        return JsonProblem.of(e).field();
    }

    /** Go's encoding/json leaves the default for null: form libraries send it for an empty number input. */
    @Test
    void nullInANumberOrBooleanFieldIsItsDefault() {
        Job job = JobJsonReader.toDefinition(JobJsonReader.parse("""
                {"name":"a","schedule":"@every 1h","executor":"shell","executor_config":{"command":"true"},"retries":null,
                 "disabled":null,"ephemeral":null,"success_count":null,"error_count":null,"tags":null,"metadata":null,
                 "processors":null,"depends_on":null,"requires":null,"notifications":null,"parent_job":null,"owner":null,
                 "displayname":null,"timezone":null,"status":null,"starts_at":null,"expires_at":null,"next":null,"id":null}"""));
        Job fresh = JobJsonReader.toDefinition(JobJsonReader.parse("""
                {"name":"a","schedule":"@every 1h","executor":"shell","executor_config":{"command":"true"}}"""));
        assertEquals(java.util.Arrays.asList(fresh.getRetries(), fresh.isDisabled(), fresh.isEphemeral(), fresh.getSuccessCount(),
                        fresh.getErrorCount(), fresh.getMetadata(), fresh.getNotifications(), fresh.getDependsOn()),
                java.util.Arrays.asList(job.getRetries(), job.isDisabled(), job.isEphemeral(), job.getSuccessCount(), job.getErrorCount(),
                        job.getMetadata(), job.getNotifications(), job.getDependsOn()));
        assertEquals(0, job.getRetries());
    }

    /** What a wrong value should be, in the client's words: never Jackson's types, features or advice. */
    @Test
    void aWrongValueIsNamedWithWhatItShouldBeWithoutTheParsersInternals() {
        Map<String, String> expected = Map.of("{\"name\":\"a\",\"retries\":\"three\"}", "must be an integer",
                "{\"name\":\"a\",\"retries\":2.5}", "must be an integer",
                "{\"name\":\"a\",\"disabled\":\"yes\"}", "must be true or false",
                "{\"name\":\"a\",\"schedule\":5}", "must be a string",
                "{\"name\":\"a\",\"tags\":[\"a\"]}", "must be a JSON object",
                "{\"name\":\"a\",\"depends_on\":\"b\"}", "must be a JSON array",
                "{\"name\":\"a\",\"retry_backoff\":\"x\"}", "must be a number");
        expected.forEach((json, message) -> {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> JobJsonReader.parse(json), json);
            String said = JsonProblem.of(e).message();
            assertEquals(message, said, json);
        });
        for (String internal : List.of("Cannot map `null` into type `int` (set DeserializationConfig.DeserializationFeature"
                + ".FAIL_ON_NULL_FOR_PRIMITIVES to 'false' to allow)", "Cannot coerce Integer value (3) to `java.lang.String`"
                + " value (but could if coercion was enabled using `CoercionConfig`)")) {
            String cleaned = JsonProblem.withoutInternals(internal);
            assertTrue(!cleaned.contains("Feature") && !cleaned.contains("`") && !cleaned.contains("java."), cleaned);
        }
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

    @Test
    void aViewerReadsTheSecretsOfTheConfigMaskedTheOtherRolesInClear() {
        Job job = JobJsonReader.toDefinition(JobJsonReader.parse("""
                {"name":"secretive","executor":"http","executor_config":{"url":"http://127.0.0.1/x",
                 "headers":"[\\"Authorization: Bearer s3cr3t\\",\\"Accept: text/plain\\"]","env":"API_TOKEN=t0k3n,LANG=C"}}"""));
        Map<String, String> masked = Map.of("url", "http://127.0.0.1/x",
                "headers", "[\"Authorization: ••••\",\"Accept: text/plain\"]", "env", "API_TOKEN=••••,LANG=C");
        assertEquals(masked, JobJson.of(job, List.of()).shownTo(Identity.user("v", Role.VIEWER)).executor_config);
        assertEquals(masked, JobJson.of(job, List.of()).shownTo(Identity.token("v", Role.VIEWER, "Ab3dEf9h")).executor_config);
        assertEquals(masked, JobJson.of(job, List.of()).shownTo(Identity.anonymous(Role.VIEWER)).executor_config);
        for (Identity clear : List.of(Identity.user("o", Role.OPERATOR), Identity.token("a", Role.ADMIN, "Ab3dEf9h"),
                Identity.anonymous(Role.OPERATOR))) {
            assertEquals(job.getExecutorConfig(), JobJson.of(job, List.of()).shownTo(clear).executor_config, clear.toString());
        }
        assertEquals("Authorization: Bearer s3cr3t", SecretValues.headerLines(job.getExecutorConfig().get("headers"))
                .orElseThrow().get(0), "the stored job is untouched");
        assertNull(JobJson.of(new Job("bare"), List.of()).shownTo(Identity.user("v", Role.VIEWER)).executor_config);
    }

    @Test
    void requiresTakesJobNamesAsAShorthandForGates() {
        Job job = JobJsonReader.toDefinition(JobJsonReader.parse("{\"name\":\"c\",\"requires\":[\"b\", \"a\"]}"));
        assertEquals(List.of(new Gate("a", ""), new Gate("b", "")), job.getRequires());
    }

    @Test
    void requiresMayMixNamesAndGates() {
        Job job = JobJsonReader.toDefinition(JobJsonReader.parse(
                "{\"name\":\"c\",\"requires\":[\"a\", {\"job\":\"b\",\"within\":\"24h\"}]}"));
        assertEquals(List.of(new Gate("a", ""), new Gate("b", "24h")), job.getRequires());
        assertEquals(List.of(new JobJson.GateJson("a", ""), new JobJson.GateJson("b", "24h")),
                JobJson.of(job, List.of()).requires, "written back as gates");
    }

    @Test
    void aRequiredNameThatIsEmptyOrNoStringIsRefused() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> JobJsonReader.toDefinition(JobJsonReader.parse("{\"name\":\"c\",\"requires\":[\"a\", \" \"]}")));
        assertEquals(List.of("requires[1].job"), e.errors().stream().map(f -> f.field()).toList());
        assertEquals("requires[0]", fieldOf("{\"name\":\"c\",\"requires\":[5]}"));
        assertEquals("requires[0]", fieldOf("{\"name\":\"c\",\"requires\":[[\"a\"]]}"));
    }

    /** A job's policies, in the order of the JSON's fields. */
    private static List<Object> policies(Job job) {
        return List.of(job.getConcurrency(), job.getTimeout(), job.getRetry().delay(), job.getRetry().maxDelay(),
                job.getRetry().backoff(), job.getRetry().jitter(), job.getMisfire().kind(), job.getMisfire().max(),
                job.getMisfire().startingDeadline(), job.getTriggerRule(), job.getRunOnStart(),
                job.getRetention().keepExecutions(), job.getRetention().keepFor());
    }

    private static List<Object> policies(JobJson json) {
        return List.of(json.concurrency, json.timeout, json.retry_delay, json.retry_max_delay, json.retry_backoff,
                json.retry_jitter, json.misfire_policy, json.misfire_max, json.starting_deadline, json.trigger_rule,
                json.run_on_start, json.keep_executions, json.keep_executions_for);
    }

    @Test
    void aFreshJobHoldsThePoliciesDefaults() {
        assertEquals(List.of(Concurrency.ALLOW, "", "1s", "1m", 2.0, 0.0, MisfirePolicy.Kind.FIRE_ONCE, 100, "",
                TriggerRule.ON_SUCCESS, RunOnStart.NEVER, 0, ""), policies(new Job("a")));
    }

    @Test
    void policiesLeftOutNullOrEmptyAreAFreshJobs() {
        List<Object> defaults = policies(new Job("a"));
        assertEquals(defaults, policies(JobJsonReader.toDefinition(JobJsonReader.parse("{\"name\":\"a\"}"))));
        assertEquals(defaults, policies(JobJsonReader.toDefinition(JobJsonReader.parse("""
                {"name":"a","concurrency":null,"timeout":null,"retry_delay":null,"retry_max_delay":null,"retry_backoff":null,
                 "retry_jitter":null,"misfire_policy":null,"misfire_max":null,"starting_deadline":null,"trigger_rule":null,
                 "run_on_start":null,"keep_executions":null,"keep_executions_for":null}"""))));
        assertEquals(defaults, policies(JobJsonReader.toDefinition(JobJsonReader.parse("""
                {"name":"a","concurrency":"","timeout":"","retry_delay":" ","retry_max_delay":"","misfire_policy":"",
                 "starting_deadline":"","trigger_rule":" ","run_on_start":"","keep_executions_for":""}"""))));
    }

    @Test
    void aFreshJobIsWrittenWithTheValuesALeftOutFieldGets() {
        assertEquals(policies(new JobJson()), policies(JobJson.of(new Job("a"), List.of())));
        assertEquals(List.of("allow", "", "1s", "1m", 2.0, 0.0, "fire_once", 100, "", "on_success", "never", 0, ""),
                policies(new JobJson()));
    }

    @Test
    void policiesAreReadFromTheirCodesAndWrittenBackAsThem() {
        Job job = JobJsonReader.toDefinition(JobJsonReader.parse("""
                {"name":"a","concurrency":"replace","misfire_policy":" catch_up ","starting_deadline":"90s",
                 "trigger_rule":"all_success","run_on_start":"if_never_succeeded"}"""));
        assertEquals(Concurrency.REPLACE, job.getConcurrency());
        assertEquals(MisfirePolicy.Kind.CATCH_UP, job.getMisfire().kind());
        assertEquals(java.time.Duration.ofSeconds(90), job.getMisfire().deadline());
        assertEquals(TriggerRule.ALL_SUCCESS, job.getTriggerRule());
        assertEquals(RunOnStart.IF_NEVER_SUCCEEDED, job.getRunOnStart());
        JobJson json = JobJson.of(job, List.of());
        assertEquals(List.of("replace", "catch_up", "90s", "all_success", "if_never_succeeded"),
                List.of(json.concurrency, json.misfire_policy, json.starting_deadline, json.trigger_rule, json.run_on_start));
    }

    /** Left for JobValidator, which reports them with the job's other problems. */
    @Test
    void anUnknownCodeLeavesItsPolicyUnset() {
        Job job = JobJsonReader.toDefinition(JobJsonReader.parse("""
                {"name":"a","concurrency":" allow","misfire_policy":"FIRE_ONCE","trigger_rule":"never","run_on_start":"on_success"}"""));
        assertNull(job.getConcurrency());
        assertNull(job.getMisfire().kind());
        assertNull(job.getTriggerRule());
        assertNull(job.getRunOnStart());
    }
}
