package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a run prints, stored on a real PostgreSQL, which refuses a NUL character in text: the output is stored with
 * U+FFFD in its place, and the node's other results go on being recorded.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class OutputsOnPostgresIT {

    private static final String NAME = "outputs";
    private static final String DATABASE = Deployments.postgresUrl(NAME);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.onPostgres(NAME);
    }

    /** Reproduced the wedge on b83d272: the NUL run and every later run of the node stayed running, successes froze. */
    @Test
    void aNulCharacterInAnOutputIsStoredAsAReplacementCharacterAndTheNodeGoesOnRecording() throws Exception {
        Api api = new Api(base.toString() + "v1");
        assertEquals(201, api.post("/jobs", LifecycleOnPostgresIT.shellJob("ticking", "@every 1s", "echo ok").toString()).status());
        assertEquals(201, api.post("/jobs", LifecycleOnPostgresIT.shellJob("binary", "@manually", "printf 'a\\0b'; printf 'c\\0' >&2").toString()).status());
        api.await("/jobs/ticking", Duration.ofSeconds(10), j -> j.get("success_count").asInt() >= 2);

        Api.Answer run = api.post("/jobs/binary", "");
        assertEquals(202, run.status(), run.body());
        JsonNode execution = api.await("/jobs/binary/executions/" + run.header("X-Execution-Id"), Duration.ofSeconds(10),
                e -> !e.get("status").asText().matches("queued|running"));
        assertEquals("succeeded", execution.get("status").asText(), execution.toString());
        assertEquals("a\uFFFDb", execution.get("stdout").asText());
        assertEquals("c\uFFFD", execution.get("stderr").asText());

        int before = api.get("/jobs/ticking").json().get("success_count").asInt();
        api.await("/jobs/ticking", Duration.ofSeconds(10), j -> j.get("success_count").asInt() >= before + 4);
        List<Long> stuck = TestDatabases.query(DATABASE, "SELECT id FROM execution WHERE status = 'running' AND fire_at < ?",
                rs -> rs.getLong(1), Instant.now().minusSeconds(3));
        assertTrue(stuck.isEmpty(), "still running: " + stuck);
    }
}
