package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Duration;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dkron 4.1's clients against two real nodes on one fresh PostgreSQL: a job's tags copied from what /v1/members
 * advertises run on a node that advertises them (Dkron's default role included: "role": "pendule:1" on one of the two,
 * "pendule:2" on both at once, each run), a job no live worker serves is saved with a warning; /v1/stats counts the runs
 * of both nodes, exactly;
 * and the client errors on the way leave no stack trace in the node's log.
 */
class DkronTagsIT {

    @Test
    void jobsRunWhereTheTagsMembersAdvertiseSayAndStatsCountBothNodes() throws Exception {
        Path dataDir = PenduleProcess.freshDataDir("tags");
        String db = TestDatabases.freshPostgres("pendule_it_tags");
        try (PenduleProcess plain = PenduleProcess.start("tags-plain", db, dataDir);
             PenduleProcess web = PenduleProcess.start("tags-web", db, dataDir, Map.of("PENDULE_NODE_TAGS", "zone=eu"))) {
            Api api = plain.api();
            Map<String, JsonNode> advertised = tagsByMember(api.get("/members").json());
            assertEquals("pendule", advertised.get("tags-plain").get("role").asText(), advertised.toString());
            assertEquals("pendule", advertised.get("tags-web").get("role").asText(), advertised.toString());
            assertEquals("eu", advertised.get("tags-web").get("zone").asText(), advertised.toString());

            // Dkron's usual "role": "<role>:1", the role as /v1/members shows it
            Api.Answer onPlain = api.post("/jobs", job("on-plain", "true", Map.of("role", "pendule:1")));
            assertEquals(201, onPlain.status(), onPlain.body());
            assertNull(onPlain.header("Warning"), "a node serves it: no warning");
            Api.Answer onWeb = api.post("/jobs", job("on-web", "true", Map.of("role", advertised.get("tags-web").get("role").asText() + ":1",
                    "zone", "eu")));
            assertEquals(201, onWeb.status(), onWeb.body());
            assertNull(onWeb.header("Warning"));
            assertEquals(201, api.post("/jobs", job("fails-anywhere", "exit 3", Map.of())).status());
            for (int i = 0; i < 3; i++) {
                assertTrue(Set.of("tags-plain", "tags-web").contains(ranOn(api, "on-plain")), "role pendule:1: one of the two");
                assertEquals("tags-web", ranOn(api, "on-web"));
            }
            JsonNode failed = api.post("/jobs/fails-anywhere?wait=true", "").json();
            assertFalse(failed.get("success").asBoolean(), failed.toString());

            Api.Answer tooMany = api.post("/jobs", job("on-many", "true", Map.of("server", "true:65")));
            assertEquals(400, tooMany.status(), tooMany.body());
            assertTrue(tooMany.json().get("errors").get("tags.server").asText().contains("between 1 and 64"), tooMany.body());

            Api.Answer unserved = api.post("/jobs", job("on-nobody", "true", Map.of("role", "db:1")));
            assertEquals(201, unserved.status(), unserved.body());
            String warning = unserved.header("Warning");
            assertTrue(warning != null && warning.startsWith("299 pendule \"no live worker node has the tags role=db:1"), warning);

            JsonNode today = api.get("/stats?days=1").json().get("stats").get(0);
            assertEquals(6, today.get("success_count").asLong(), "three runs on each node: " + today);
            assertEquals(1, today.get("failed_count").asLong(), today.toString());

            // Dkron's ":2": both nodes advertise role=pendule, so each run goes to both at once
            Api.Answer twoNodes = api.post("/jobs", job("on-two", "sleep 1", Map.of("role", "pendule:2")));
            assertEquals(201, twoNodes.status(), twoNodes.body());
            for (int run = 0; run < 2; run++) {
                long group = Long.parseLong(api.post("/jobs/on-two", "").header("X-Execution-Id"));
                JsonNode executions = api.await("/jobs/on-two/executions", Duration.ofSeconds(30), all -> inGroup(all, group)
                        .filter(e -> e.get("status").asText().equals("succeeded")).count() == 2);
                List<JsonNode> both = inGroup(executions, group).toList();
                assertEquals(2, both.size(), executions.toString());
                assertEquals(Set.of("tags-plain", "tags-web"), both.stream().map(e -> e.get("node_name").asText())
                        .collect(java.util.stream.Collectors.toSet()), "one execution on each node: " + executions);
                assertEquals(Set.of("#1", "#2"), both.stream().map(e -> e.get("target").asText())
                        .collect(java.util.stream.Collectors.toSet()), executions.toString());
            }

            // client errors: one line at most, no stack trace, in the node's log
            assertEquals(404, api.get("/jobs/no-such-job").status());
            assertEquals(400, api.post("/jobs", job("bad-schedule", "true", Map.of()).replace("@manually", "0 61 * * * *")).status());
            assertEquals(404, api.post("/jobs/no-such-job", "").status());
        }
        String log = Files.readString(dataDir.resolve("tags-plain.log"));
        for (String trace : List.of("NotFoundException", "ValidationException", "EJB5184", "\tat io.pendule")) {
            assertFalse(log.contains(trace), "a client error left " + trace + " in the log:\n" + excerpt(log, trace));
        }
    }

    private static String job(String name, String command, Map<String, String> tags) {
        ObjectNode job = Api.JSON.createObjectNode();
        job.put("name", name).put("schedule", "@manually").put("executor", "shell");
        job.putObject("executor_config").put("command", command);
        ObjectNode jobTags = job.putObject("tags");
        tags.forEach(jobTags::put);
        return job.toString();
    }

    private static java.util.stream.Stream<JsonNode> inGroup(JsonNode executions, long group) {
        return StreamSupport.stream(executions.spliterator(), false).filter(e -> e.get("group").asLong() == group);
    }

    private static String ranOn(Api api, String job) {
        Api.Answer run = api.post("/jobs/" + job + "?wait=true", "");
        assertEquals(200, run.status(), run.body());
        assertTrue(run.json().get("success").asBoolean(), run.body());
        return run.json().get("node_name").asText();
    }

    private static Map<String, JsonNode> tagsByMember(JsonNode members) {
        return StreamSupport.stream(members.spliterator(), false)
                .collect(java.util.stream.Collectors.toMap(m -> m.get("Name").asText(), m -> m.get("Tags")));
    }

    private static String excerpt(String log, String trace) {
        int at = log.indexOf(trace);
        return log.substring(Math.max(0, at - 2000), Math.min(log.length(), at + 2000));
    }
}
