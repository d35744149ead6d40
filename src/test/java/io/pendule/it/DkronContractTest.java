package io.pendule.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The contract check can fail as well as pass: no server, only Dkron's contract and hand-written answers. */
class DkronContractTest {

    private static final String JSON = "application/json; charset=utf-8";
    private static final String JOB = """
            {"id":"job1","name":"job1","displayname":"","timezone":"","schedule":"@every 10s","owner":"",
             "owner_email":"","success_count":0,"error_count":0,"last_success":null,"last_error":null,
             "disabled":false,"tags":null,"metadata":null,"retries":0,"dependent_jobs":null,"parent_job":"",
             "processors":{},"concurrency":"allow","executor":"shell","executor_config":{"command":"date"},
             "status":"","next":"0001-01-01T00:00:00Z","ephemeral":false,"starts_at":null,"expires_at":null}""";
    private static final String EXECUTION = """
            {"id":"1762855260100000000-dkron1","job_name":"job1","started_at":"2025-11-11T11:01:00.1+01:00",
             "finished_at":"2025-11-11T11:01:00.2087+01:00","success":%s,"output":"ok\\n","node_name":"dkron1",
             "group":1762855260099512345,"attempt":1,"output_truncated":false}""";

    private static DkronContract contract;

    @BeforeAll
    static void load() {
        Optional<DkronContract> loaded = DkronContract.load();
        assumeTrue(loaded.isPresent(), DkronContract.ABSENT);
        contract = loaded.get();
    }

    private static List<String> get(String path, int status, String body) {
        return contract.problems("GET", path, status, JSON, body);
    }

    @Test
    void aJobListAsDkronSendsItPasses() {
        assertEquals(List.of(), get("/jobs?_sort=name&_order=ASC", 200, "[" + JOB + "]"));
    }

    @Test
    void aRetryCountThatIsNotAnIntegerFails() {
        List<String> problems = get("/jobs", 200, "[" + JOB.replace("\"retries\":0", "\"retries\":\"x\"") + "]");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("$[0].retries"), problems.toString());
    }

    @Test
    void nullIsAcceptedOnlyWhereDkronSendsIt() {
        assertTrue(JOB.contains("\"tags\":null") && JOB.contains("\"starts_at\":null"));
        assertEquals(List.of(), get("/jobs/job1", 200, JOB));
        assertEquals(List.of(), get("/jobs/job1", 200, JOB.replace("\"tags\":null", "\"tags\":{\"server\":\"true\"}")));
        assertFalse(get("/jobs/job1", 200, JOB.replace("\"name\":\"job1\"", "\"name\":null")).isEmpty());
        assertFalse(get("/jobs/job1", 200, JOB.replace("\"processors\":{}", "\"processors\":null")).isEmpty());
        assertFalse(get("/jobs/job1", 200, JOB.replace("\"next\":\"0001-01-01T00:00:00Z\"", "\"next\":null")).isEmpty());
    }

    @Test
    void dateTimesMustBeRfc3339() {
        assertFalse(get("/jobs/job1", 200, JOB.replace("\"last_error\":null", "\"last_error\":\"yesterday\"")).isEmpty());
    }

    @Test
    void anUnknownRouteOrMethodFails() {
        assertFalse(get("/nowhere", 200, "{}").isEmpty());
        assertFalse(contract.problems("POST", "/jobs/job1/run", 200, JSON, JOB).isEmpty());
        assertFalse(contract.problems("PUT", "/jobs/job1", 201, JSON, JOB).isEmpty());
    }

    @Test
    void creatingAJobAnswers201WithTheJob() {
        assertEquals(List.of(), contract.problems("POST", "/jobs", 201, JSON, JOB));
        assertFalse(contract.problems("POST", "/jobs", 200, JSON, JOB).isEmpty(), "200 is not documented");
        assertFalse(contract.problems("POST", "/jobs", 201, "text/plain", JOB).isEmpty(), "JSON must say so");
    }

    @Test
    void anUndocumented4xxIsAllowed() {
        assertEquals(List.of(), get("/jobs", 400, "{\"message\":\"bad _sort\"}"));
        assertEquals(List.of(), contract.problems("DELETE", "/jobs/ghost", 404, JSON, "{}"));
    }

    @Test
    void aDocumentedAnswerWithoutBodyIsNotChecked() {
        assertEquals(List.of(), contract.problems("GET", "/isleader", 404, JSON, "\"I am a follower\""));
    }

    @Test
    void executionsAreCheckedUnderTheExecutionsRouteNotTheJobRoute() {
        assertEquals(List.of(), get("/jobs/job1/executions", 200, "[" + EXECUTION.formatted("true") + "]"));
        List<String> problems = get("/jobs/job1/executions", 200, "[" + EXECUTION.formatted("\"yes\"") + "]");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("$[0].success"), problems.toString());
    }

    @Test
    void toggleIsItsOwnRoute() {
        assertEquals(List.of(), contract.problems("POST", "/jobs/job1/toggle", 200, JSON, JOB));
        assertFalse(contract.problems("POST", "/jobs/toggle", 200, JSON, JOB).isEmpty(), "a job named toggle is run: 202");
    }

    @Test
    void restoreAnswersAnArrayOfResults() {
        assertEquals(List.of(), contract.problems("POST", "/restore", 200, JSON, "[\"success create job1\"]"));
        assertFalse(contract.problems("POST", "/restore", 200, JSON, "\"x\"").isEmpty());
    }

    @Test
    void pauseAnswersTheFlag() {
        assertEquals(List.of(), get("/pause", 200, "{\"paused\":true}"));
        assertFalse(get("/pause", 200, "{\"paused\":\"yes\"}").isEmpty());
    }

    @Test
    void aBodyThatIsNotJsonFails() {
        assertFalse(get("/busy", 200, "").isEmpty());
        assertFalse(get("/busy", 200, "<html>").isEmpty());
    }

    @Test
    void statsAnswersOneEntryPerDay() {
        assertEquals(List.of(), contract.problems("GET", "/stats?days=2", 200, "application/json",
                "{\"stats\":[{\"date\":\"2026-03-09T00:00:00Z\",\"success_count\":0,\"failed_count\":0},"
                        + "{\"date\":\"2026-03-10T00:00:00Z\",\"success_count\":3,\"failed_count\":1}]}"));
        assertEquals(1, contract.problems("GET", "/stats", 200, "application/json",
                "{\"stats\":[{\"date\":\"2026-03-10\",\"success_count\":3,\"failed_count\":1}]}").size(), "a date-time, not a date");
        assertEquals(1, contract.problems("GET", "/stats", 200, "application/json", "[]").size(), "an object, not a list");
    }
}
