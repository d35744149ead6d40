package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rotating the secret store's key (docs/secrets.md): a node started with the new PENDULE_SECRET_KEY and the old one in
 * PENDULE_SECRET_KEY_PREVIOUS re-encrypts every stored secret; then the new key alone opens them, and the old key alone
 * no longer does (a run using one fails saying which key it needs). Real nodes, each database.
 */
class SecretKeyRotationIT {

    private static final String OLD_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String NEW_KEY = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";
    private static final String VALUE = "rotated-secret-" + Long.toHexString(System.nanoTime());

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void theStoreIsReencryptedWithTheNewKeyAndOnlyItOpensItThen(String database) throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), "rotation-" + database);
        String db = database.equals("postgres") ? TestDatabases.freshPostgres("pendule_it_rotation") : null;
        try (PenduleProcess node = PenduleProcess.start("rotation-1", db, dataDir, Map.of("PENDULE_SECRET_KEY", OLD_KEY))) {
            Api api = node.api();
            assertEquals(201, api.post("/secrets", Api.JSON.createObjectNode().put("name", "rotating").put("value", VALUE)
                    .toString()).status());
            assertEquals(201, api.post("/jobs", CoreScenarios.job("hashes-secret", "@manually", "shell",
                    Map.of("shell", "true", "env", "T=${secret:rotating}", "command", "printf %s \"$T\" | sha256sum"))).status());
            assertEquals(sha256(VALUE), hashPrinted(api));
        }
        String oldKeyId = db == null ? null : keyIds(db);

        try (PenduleProcess node = PenduleProcess.start("rotation-2", db, dataDir,
                Map.of("PENDULE_SECRET_KEY", NEW_KEY, "PENDULE_SECRET_KEY_PREVIOUS", OLD_KEY))) {
            assertEquals(sha256(VALUE), hashPrinted(node.api()));
        }
        String log = Files.readString(dataDir.resolve("rotation-2.log"));
        assertTrue(log.contains("1 secrets re-encrypted from key"), "the start re-encrypted the store: " + log);
        if (db != null) {
            String newKeyId = keyIds(db);
            assertTrue(!newKeyId.equals(oldKeyId), "every row now has the new key's id: " + oldKeyId + " then " + newKeyId);
        }

        try (PenduleProcess node = PenduleProcess.start("rotation-3", db, dataDir, Map.of("PENDULE_SECRET_KEY", NEW_KEY))) {
            assertEquals(sha256(VALUE), hashPrinted(node.api()), "the new key alone opens the store");
        }
        try (PenduleProcess node = PenduleProcess.start("rotation-4", db, dataDir, Map.of("PENDULE_SECRET_KEY", OLD_KEY))) {
            JsonNode run = node.api().post("/jobs/hashes-secret?wait=true", "").json();
            assertEquals("failed", run.get("status").asText(), run.toString());
            assertTrue(run.get("error").asText().contains("key"), "the run says the key does not open it: " + run);
            assertTrue(!run.toString().contains(VALUE));
        }
    }

    private static String hashPrinted(Api api) {
        Api.Answer run = api.post("/jobs/hashes-secret?wait=true", "");
        assertEquals(200, run.status(), run.body());
        assertEquals("succeeded", run.json().get("status").asText(), run.body());
        return run.json().get("stdout").asText().split(" ")[0];
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The key ids of the stored rows, as one text. */
    private static String keyIds(String db) throws Exception {
        StringBuilder ids = new StringBuilder();
        try (Connection c = TestDatabases.connect(db);
             ResultSet rows = c.createStatement().executeQuery("SELECT DISTINCT key_id FROM secret")) {
            while (rows.next()) {
                ids.append(rows.getString(1)).append(' ');
            }
        }
        return ids.toString().trim();
    }
}
