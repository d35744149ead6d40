package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pendule.packs.control.TestPacks;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole state's export and import (docs/operations.md) between two real nodes, each on a fresh PostgreSQL database,
 * with the same PENDULE_SECRET_KEY: a Pendule filled through the API (jobs, a pack, endpoints, activations, pack
 * configurations, a user, a token, a stored secret) is exported and imported into an empty one, which then exports
 * the same document; the token authenticates there (its hash came along) and a job's stored secret resolves. A dry run
 * and refused documents change nothing; replace removes what the document lacks, never the importing admin.
 */
class StateExportImportIT {

    private static final String KEY = "c3RhdGUtZXhwb3J0LWtleS0wMTIzNDU2Nzg5YWJjZGU=";
    private static final String VALUE = "exported-secret-" + Long.toHexString(System.nanoTime());
    private static final String CONFIG = "{\"threshold\":3,\"tables\":[\"a\",\"b\"]}";

    @Test
    void anExportImportedIntoAnEmptyPenduleExportsTheSameDocument() throws Exception {
        Path dataDir = PenduleProcess.freshDataDir("state-export");
        String source = TestDatabases.freshPostgres("pendule_it_export_source");
        String target = TestDatabases.freshPostgres("pendule_it_export_target");
        try (PenduleProcess a = PenduleProcess.start("export-a", source, dataDir, Map.of("PENDULE_SECRET_KEY", KEY));
             PenduleProcess b = PenduleProcess.start("export-b", target, dataDir, Map.of("PENDULE_SECRET_KEY", KEY))) {
            String token = fill(a.api());
            JsonNode exported = export(a.api());
            assertFalse(exported.toString().contains(VALUE), "never a secret in clear");
            assertFalse(exported.toString().contains(token), "never a token's text");
            assertFalse(exported.toString().contains(IdentitiesScenarios.PASSWORD), "never a password");

            Api empty = b.api();
            JsonNode before = withoutTime(export(empty));
            refusedAndNothingChanged(empty, exported, before);

            Api.Answer dryRun = empty.post("/import?dry_run=true&mode=replace", exported.toString());
            assertEquals(200, dryRun.status(), dryRun.body());
            JsonNode changes = dryRun.json().get("changes");
            assertEquals(List.of("carol"), texts(changes.at("/users/added")));
            assertEquals(List.of("basic:1.0.0"), texts(changes.at("/packs/added")));
            assertEquals(List.of("db1", "db2"), texts(changes.at("/endpoints/added")));
            assertEquals(List.of("metric:basic:db1", "metric:basic:db2"), texts(changes.at("/activations/added")));
            assertEquals(List.of("basic-metrics", "hashes-secret", "parent", "parent-child"), texts(changes.at("/jobs/added")));
            assertEquals(List.of("db-password"), texts(changes.at("/secrets/added")));
            assertEquals(List.of("scheduler_paused"), texts(changes.at("/settings/changed")));
            assertEquals(List.of(), texts(changes.at("/users/removed")), "the importing admin stays");
            assertEquals(before, withoutTime(export(empty)), "a dry run changes nothing");
            thePagesExportAndPreview(a, b, exported);
            assertEquals(before, withoutTime(export(empty)), "the page's preview changes nothing");

            Api.Answer imported = empty.post("/import", exported.toString());
            assertEquals(200, imported.status(), imported.body());
            assertEquals(withoutTime(exported), withoutTime(export(empty)), "the import's export is the export");

            Api.Answer again = empty.post("/import?dry_run=true", exported.toString());
            assertTrue(again.json().get("changes").findValues("added").stream().allMatch(JsonNode::isEmpty), again.body());
            assertTrue(again.json().get("changes").findValues("changed").stream().allMatch(JsonNode::isEmpty), again.body());

            assertEquals(200, empty.withToken(token).get("/jobs").status(), "carol's token authenticates on the new Pendule");
            assertEquals(200, empty.withBasic("carol", IdentitiesScenarios.PASSWORD).get("/jobs").status(),
                    "carol's password hash came along");
            empty.post("/scheduler/resume", "");
            Api.Answer run = empty.post("/jobs/hashes-secret?wait=true", "");
            assertEquals(200, run.status(), run.body());
            assertEquals("succeeded", run.json().get("status").asText(), run.body());
            assertEquals(sha256(VALUE), run.json().get("stdout").asText().split(" ")[0], "the stored secret resolves");

            replaceRemovesWhatTheDocumentLacks(empty, exported);
        }
    }

    /** A Pendule with one of everything; answers carol's token. */
    private static String fill(Api api) {
        assertEquals(201, api.post("/users", IdentitiesScenarios.user("carol", "operator")).status());
        Api.Answer token = api.post("/tokens", "{\"name\":\"carol's ci\",\"owner\":\"carol\",\"role\":\"viewer\"}");
        assertEquals(201, token.status(), token.body());
        assertEquals(201, api.post("/secrets", Api.JSON.createObjectNode().put("name", "db-password").put("value", VALUE)
                .toString()).status());
        assertEquals(201, PacksScenarios.upload(api, TestPacks.zip(TestPacks.valid("basic", "1.0.0")), null).status());
        assertEquals(201, api.post("/endpoints", MatrixScenarios.endpoint("db1", "postgresql", "postgresql://db1.internal:5432/app",
                "${secret:db-password}")).status());
        assertEquals(201, api.post("/endpoints", MatrixScenarios.endpoint("db2", "mysql", "jdbc:mysql://db2:3306/app", null)).status());
        assertEquals(201, api.put("/activations/metric/basic/db1", "").status());
        assertEquals(201, api.put("/activations/metric/basic/db2", "").status());
        assertEquals(201, api.put("/pack-configs/basic:db1?type=metric", CONFIG).status());
        assertEquals(201, api.put("/pack-configs/basic:1.0.0?type=metric", CONFIG).status());
        assertEquals(201, api.post("/jobs", CoreScenarios.job("hashes-secret", "@manually", "shell",
                Map.of("shell", "true", "env", "T=${secret:db-password}", "command", "printf %s \"$T\" | sha256sum"))).status());
        assertEquals(201, api.post("/jobs", CoreScenarios.job("parent", "0 0 3 1 1 *", "shell", Map.of("command", "true"))).status());
        ObjectNode child = (ObjectNode) tree(CoreScenarios.job("parent-child", "@manually", "shell", Map.of("command", "true")));
        child.put("parent_job", "parent");
        assertEquals(201, api.post("/jobs", child.toString()).status());
        assertEquals(201, api.post("/jobs", CoreScenarios.job("basic-metrics", "@manually", "pack",
                Map.of("pack", "basic", "type", "metric"))).status(), "a pack job");
        assertEquals(200, api.post("/scheduler/pause", "").status());
        return token.json().get("token").asText();
    }

    /** Another version, a malformed document, a document one of whose things is refused: 400, and nothing changed. */
    private static void refusedAndNothingChanged(Api api, JsonNode exported, JsonNode before) {
        ObjectNode otherVersion = exported.deepCopy();
        otherVersion.put("version", 2);
        Api.Answer refused = api.post("/import", otherVersion.toString());
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.json().at("/errors/version").isTextual(), refused.body());

        assertEquals(400, api.post("/import", "{\"version\": 1, \"jobs\": ").status());

        ObjectNode badJob = exported.deepCopy();
        ((ObjectNode) badJob.withArray("jobs").get(1)).put("schedule", "61 * * * * *");
        Api.Answer lateRefusal = api.post("/import", badJob.toString());
        assertEquals(400, lateRefusal.status(), lateRefusal.body());
        assertTrue(lateRefusal.body().contains("jobs"), lateRefusal.body());

        ObjectNode badEndpoint = exported.deepCopy();
        ((ObjectNode) badEndpoint.withArray("endpoints").get(0)).put("url", "postgresql://monitor:hunter2@db1.internal/app");
        Api.Answer refusedByItsOwner = api.post("/import", badEndpoint.toString());
        assertEquals(400, refusedByItsOwner.status(), refusedByItsOwner.body());
        assertTrue(refusedByItsOwner.json().get("errors").fieldNames().next().startsWith("endpoints[db1]."),
                "refused by the endpoints' own rules, after the users, tokens and secrets were written: " + refusedByItsOwner.body());
        assertEquals(before, withoutTime(export(api)), "a refused document changes nothing, even what came before the refusal");
    }

    private static void replaceRemovesWhatTheDocumentLacks(Api api, JsonNode exported) {
        ObjectNode smaller = exported.deepCopy();
        smaller.withArray("jobs").remove(0);
        smaller.putArray("activations");
        smaller.putArray("tokens");
        Api.Answer merged = api.post("/import", smaller.toString());
        assertEquals(200, merged.status(), merged.body());
        assertEquals(2, export(api).get("activations").size(), "merge removes nothing");

        Api.Answer replaced = api.post("/import?mode=replace", smaller.toString());
        assertEquals(200, replaced.status(), replaced.body());
        JsonNode after = export(api);
        assertEquals(0, after.get("activations").size());
        assertEquals(0, after.get("tokens").size());
        assertEquals(List.of("hashes-secret", "parent", "parent-child"), after.get("jobs").findValues("name").stream().map(JsonNode::asText).toList());
        assertTrue(after.get("users").findValues("name").stream().anyMatch(name -> name.asText().equals(Deployments.ADMIN)),
                "the importing admin stays");
        Api.Answer audit = api.get("/audit?action=state.import");
        assertEquals(200, audit.status(), audit.body());
        assertTrue(audit.body().contains("state.import"), "the import is audited: " + audit.body());
    }

    /** The dashboard's /state: the export downloaded by its form, a document previewed by the upload form. */
    private static void thePagesExportAndPreview(PenduleProcess a, PenduleProcess b, JsonNode exported) throws Exception {
        PageClient source = new PageClient(new URL(a.root()));
        HttpResponse<String> page = source.get("/state", "en");
        assertEquals(200, page.statusCode(), page.body());
        String token = PageClient.token(page.body());
        assertEquals(403, source.postForm("/state/export", "x=1").statusCode(), "the download needs the form token");
        HttpResponse<String> download = source.postForm("/state/export", "_csrf=" + token);
        assertEquals(200, download.statusCode(), download.body());
        assertEquals(withoutTime(exported), withoutTime(tree(download.body())), "the page downloads the API's document");

        PageClient target = new PageClient(new URL(b.root()));
        String targetToken = PageClient.token(target.get("/state", "en").body());
        String boundary = "state-" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + targetToken
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\nmerge"
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"dry_run\"\r\n\r\ntrue"
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pendule-export.json\""
                + "\r\nContent-Type: application/json\r\n\r\n" + exported + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> preview = target.postMultipart("/state/import", "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, preview.statusCode(), preview.body());
        assertTrue(preview.body().contains("data-kind=\"jobs\"") && preview.body().contains("<code>hashes-secret</code>"),
                preview.body());
        assertTrue(preview.body().contains("What the import would do"), preview.body());
    }

    private static JsonNode export(Api api) {
        Api.Answer answer = api.get("/export");
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    private static JsonNode withoutTime(JsonNode document) {
        ObjectNode copy = document.deepCopy();
        copy.remove("exported_at");
        return copy;
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static JsonNode tree(String json) {
        try {
            return Api.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
