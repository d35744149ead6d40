package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The file and environment providers on a real node of each database (docs/secrets.md): a file of PENDULE_SECRETS_DIR
 * (its one trailing newline dropped, read again once changed), a PENDULE_SECRET_ variable of the worker's process, the
 * store asked first for an unqualified name and a qualified one asking its provider only. The job prints the values'
 * SHA-256, since the values themselves are masked in its output.
 */
class SecretProvidersIT {

    private static final String FILE_VALUE = "from-the-file-" + Long.toHexString(System.nanoTime());
    private static final String CHANGED_FILE_VALUE = "changed-file-" + Long.toHexString(System.nanoTime());
    private static final String ENV_VALUE = "from-the-env-" + Long.toHexString(System.nanoTime());
    private static final String ENV_BOTH = "env-of-both-" + Long.toHexString(System.nanoTime());
    private static final String STORE_BOTH = "store-of-both-" + Long.toHexString(System.nanoTime());

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void filesEnvironmentAndStoreEachGiveTheirSecretInTheirOrder(String database) throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), "providers-" + database);
        Path secretsDir = Files.createDirectories(dataDir.resolve("mounted-secrets"));
        Files.writeString(secretsDir.resolve("db-password"), FILE_VALUE + "\n");
        String db = database.equals("postgres") ? TestDatabases.freshPostgres("pendule_it_providers") : null;
        Map<String, String> settings = Map.of("PENDULE_SECRETS_DIR", secretsDir.toString(), "PENDULE_SECRET_CACHE", "1s",
                "PENDULE_SECRET_API_TOKEN", ENV_VALUE, "PENDULE_SECRET_BOTH", ENV_BOTH,
                "PENDULE_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        try (PenduleProcess node = PenduleProcess.start("providers", db, dataDir, settings)) {
            Api api = node.api();
            assertEquals(201, api.post("/secrets", Api.JSON.createObjectNode().put("name", "both").put("value", STORE_BOTH)
                    .toString()).status());
            String env = "F=${secret:db-password},E=${secret:api-token},B=${secret:both},Q=${secret:env:both},"
                    + "QF=${secret:file:db-password}";
            assertEquals(201, api.post("/jobs", CoreScenarios.job("hashes-secrets", "@manually", "shell", Map.of("shell", "true",
                    "env", env, "command", "for v in \"$F\" \"$E\" \"$B\" \"$Q\" \"$QF\"; do printf %s \"$v\" | sha256sum; done"))).status());

            assertEquals(List.of(sha256(FILE_VALUE), sha256(ENV_VALUE), sha256(STORE_BOTH), sha256(ENV_BOTH), sha256(FILE_VALUE)),
                    hashesPrinted(api));

            Files.writeString(secretsDir.resolve("db-password"), CHANGED_FILE_VALUE);
            Thread.sleep(1_100);
            assertEquals(sha256(CHANGED_FILE_VALUE), hashesPrinted(api).get(0), "a changed file is read again");

            assertEquals(201, api.post("/jobs", CoreScenarios.job("asks-files-only", "@manually", "shell", Map.of(
                    "env", "T=${secret:file:api-token}", "command", "true"))).status());
            JsonNode run = api.post("/jobs/asks-files-only?wait=true", "").json();
            assertEquals("failed", run.get("status").asText(), run.toString());
            assertEquals("secret api-token not found in files", run.get("error").asText(), "a qualified name asks its provider only");
            String answers = api.get("/jobs/hashes-secrets/executions").body();
            for (String value : List.of(FILE_VALUE, CHANGED_FILE_VALUE, ENV_VALUE, ENV_BOTH, STORE_BOTH)) {
                assertFalse(answers.contains(value), answers);
            }
        }
    }

    private static List<String> hashesPrinted(Api api) {
        Api.Answer run = api.post("/jobs/hashes-secrets?wait=true", "");
        assertEquals(200, run.status(), run.body());
        assertEquals("succeeded", run.json().get("status").asText(), run.body());
        return run.json().get("stdout").asText().lines().map(line -> line.split(" ")[0]).toList();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
