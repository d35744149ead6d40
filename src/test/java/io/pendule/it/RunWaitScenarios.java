package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Run now with ?wait=true on a real node (finding M5): the waited answer is the execution as its own route gives it;
 * one caller has at most PENDULE_API_WAITS_PER_CALLER (4) waits going, one more is 429 with Retry-After and a JSON
 * message, nothing queued for it, while other callers are still answered; thirty waits on a sleeping shell job hold no
 * request thread (the API answers meanwhile). Run once per database by the subclasses.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RunWaitScenarios {

    static final String NAME = "runwait";
    static final int WAITS_PER_CALLER = 4;

    @ArquillianResource
    URL base;

    String root() {
        return PlainHttp.loopback(base);
    }

    static Map<String, String> admin() {
        return PlainHttp.bearer(Deployments.ADMIN_TOKEN);
    }

    @Test
    @Order(1)
    void aWaitAnswersTheFinishedExecutionAsItsRouteGivesIt() {
        store(shellJob("wait-quick", "echo waited"));
        PlainHttp.Answer ran = waitFor("wait-quick", admin());
        assertEquals(200, ran.status(), ran.toString());
        String id = ran.header("x-execution-id");
        assertTrue(ran.header("location").endsWith("/v1/jobs/wait-quick/executions/" + id), ran.header("location"));
        assertTrue(ran.header("content-type").startsWith("application/json"), ran.header("content-type"));
        JsonNode waited = SecurityScenarios.tree(ran.body());
        assertEquals("succeeded", waited.get("status").asText(), ran.body());
        assertEquals(id, waited.get("execution_id").asText());
        assertTrue(waited.get("stdout").asText().contains("waited"), ran.body());
        PlainHttp.Answer read = PlainHttp.get(root() + "/v1/jobs/wait-quick/executions/" + id, admin());
        assertEquals(SecurityScenarios.tree(read.body()), waited, "the waited answer is the execution as GET gives it");
    }

    @Test
    @Order(2)
    void oneCallerHasAtMostItsWaitsOthersAreStillAnswered() throws Exception {
        store(shellJob("wait-sleepy", "sleep 5"));
        Map<String, String> ann = caller("wait-ann");
        ExecutorService clients = Executors.newFixedThreadPool(WAITS_PER_CALLER + 2);
        try {
            List<Future<PlainHttp.Answer>> anns = new ArrayList<>();
            for (int i = 0; i < WAITS_PER_CALLER + 2; i++) {
                anns.add(clients.submit(() -> waitFor("wait-sleepy", ann)));
            }
            Thread.sleep(1_000); // ann's requests are in: waiting, or refused
            PlainHttp.Answer bob = waitFor("wait-quick", caller("wait-bob"));
            assertEquals(200, bob.status(), "another caller waits meanwhile: " + bob);
            assertEquals("succeeded", SecurityScenarios.tree(bob.body()).get("status").asText());

            List<PlainHttp.Answer> answered = new ArrayList<>();
            for (Future<PlainHttp.Answer> answer : anns) {
                answered.add(answer.get(2, TimeUnit.MINUTES));
            }
            List<PlainHttp.Answer> refused = answered.stream().filter(a -> a.status() == 429).toList();
            List<PlainHttp.Answer> finished = answered.stream().filter(a -> a.status() == 200).toList();
            assertEquals(WAITS_PER_CALLER, finished.size(), "ann's answers: " + answered);
            assertEquals(2, refused.size(), "ann's answers: " + answered);
            for (PlainHttp.Answer answer : finished) {
                assertEquals("succeeded", SecurityScenarios.tree(answer.body()).get("status").asText(), answer.toString());
            }
            for (PlainHttp.Answer answer : refused) {
                assertTrue(Integer.parseInt(answer.header("retry-after")) > 0, "Retry-After: " + answer.header("retry-after"));
                JsonNode error = SecurityScenarios.tree(answer.body());
                assertTrue(error.get("message").asText().contains("PENDULE_API_WAITS_PER_CALLER"), answer.body());
                assertTrue(error.get("errors").isObject() && error.get("violations").isArray(), answer.body());
                assertEquals(null, answer.header("x-execution-id"), "nothing queued for a refused wait");
            }
            PlainHttp.Answer runs = PlainHttp.get(root() + "/v1/jobs/wait-sleepy/executions", admin());
            assertEquals(WAITS_PER_CALLER, SecurityScenarios.tree(runs.body()).size(), "only the waits admitted ran: " + runs);
            assertEquals(200, waitFor("wait-quick", ann).status(), "ann's waits over, ann may wait again");
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    @Order(3)
    void thirtyWaitsOnASleepingJobHoldNoRequestThread() throws Exception {
        int waits = 30;
        store(shellJob("wait-thirty", "sleep 8"));
        List<Map<String, String>> callers = new ArrayList<>();
        for (int i = 0; i < (waits + WAITS_PER_CALLER - 1) / WAITS_PER_CALLER; i++) {
            callers.add(caller("wait-many-" + i));
        }
        ExecutorService clients = Executors.newFixedThreadPool(waits);
        try {
            List<Future<PlainHttp.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < waits; i++) {
                Map<String, String> caller = callers.get(i / WAITS_PER_CALLER);
                answers.add(clients.submit(() -> waitFor("wait-thirty", caller)));
            }
            awaitRunning("wait-thirty", waits);
            PlainHttp.Answer list = PlainHttp.get(root() + "/v1/jobs", admin());
            assertEquals(200, list.status(), "the API answers while thirty waits go: " + list);
            assertTrue(list.body().contains("\"wait-thirty\""), list.toString());
            assertEquals(200, PlainHttp.get(root() + "/v1/jobs/wait-thirty/executions", admin()).status());
            for (Future<PlainHttp.Answer> answer : answers) {
                PlainHttp.Answer waited = answer.get(2, TimeUnit.MINUTES);
                assertEquals(200, waited.status(), waited.toString());
                assertEquals("succeeded", SecurityScenarios.tree(waited.body()).get("status").asText(), waited.toString());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    PlainHttp.Answer waitFor(String job, Map<String, String> caller) {
        return PlainHttp.send("POST", root() + "/v1/jobs/" + job + "?wait=true", caller, null, null);
    }

    /** Until {@code count} runs of the job are started (running): the waits for them are all in. */
    void awaitRunning(String job, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int running = 0;
        while (System.nanoTime() < deadline) {
            JsonNode runs = SecurityScenarios.tree(PlainHttp.get(root() + "/v1/jobs/" + job + "/executions", admin()).body());
            running = 0;
            for (JsonNode run : runs) {
                running += run.get("status").asText().equals("running") ? 1 : 0;
            }
            if (running == count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(running + " runs of " + job + " running, not " + count);
    }

    /** A new admin user (shell jobs are an admin's) and a token of theirs, as its Authorization header. */
    Map<String, String> caller(String name) {
        SecurityOnEmbeddedIT.ThroughTheApi callers = new SecurityOnEmbeddedIT.ThroughTheApi(root());
        callers.user(name, "admin", null);
        return PlainHttp.bearer(callers.token(name, "admin"));
    }

    void store(String job) {
        PlainHttp.Answer answer = PlainHttp.postJson(root() + "/v1/jobs", admin(), job);
        assertEquals(201, answer.status(), answer.toString());
    }

    static String shellJob(String name, String command) {
        return CoreScenarios.job(name, "@manually", "shell", Map.of("command", command));
    }
}
