package io.pendule.backup.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.backup.entity.ImportedState;
import io.pendule.packs.entity.PackConfigScope;
import io.pendule.packs.entity.PackType;
import io.pendule.platform.Json;
import io.pendule.security.entity.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateDocumentReaderTest {

    private static final Set<String> SETTINGS = Set.of("scheduler_paused", "submissions_paused");
    private static final String FULL = """
            {"version": 1, "exported_at": "2026-12-06T18:00:00Z", "jobs": [],
             "packs": [{"name": "p", "version": "1.0.0", "type": "metric", "sha256": "abc", "archive": "UEsFBg=="}],
             "endpoints": [{"slug": "db1", "name": "DB 1", "kind": "oracle", "url": "jdbc:oracle:thin:@h:1521/s",
                            "credentials": "${secret:db1}"}],
             "activations": [{"type": "rule", "pack": "r", "slug": "db1"}],
             "pack_configs": [{"type": "metric", "pack": "p", "scope": "version", "target": "1.0.0", "config": "{\\"a\\":1}"}],
             "users": [{"name": "ann", "password_hash": "$argon2id$x", "role": "operator", "disabled": false,
                        "must_change_password": true, "signs_in_with": "password"}],
             "tokens": [{"id": "AbCd1234", "name": "ci", "owner": "ann", "role": "viewer",
                         "secret_sha256": "00ff", "created_at": "2026-01-01T00:00:00Z", "expires_at": null,
                         "revoked_at": "2026-02-01T00:00:00Z"}],
             "secrets": [{"name": "db1", "ciphertext": "AAEC", "iv": "AwQF", "key_id": "k1"}],
             "settings": {"scheduler_paused": true, "submissions_paused": false}}""";

    @Test
    void readsEveryKind() throws Exception {
        ImportedState state = StateDocumentReader.read(tree(FULL), SETTINGS);
        ImportedState.PackArchive pack = state.packs().get(0);
        assertEquals("p:1.0.0", pack.key());
        assertEquals(PackType.METRIC, pack.type());
        assertArrayEquals(new byte[]{'P', 'K', 5, 6}, pack.archive());
        assertEquals("${secret:db1}", state.endpoints().get(0).credentials());
        assertEquals(PackType.RULE, state.activations().get(0).type());
        assertEquals(PackConfigScope.VERSION, state.packConfigs().get(0).id().scope());
        assertEquals("p:1.0.0", state.packConfigs().get(0).id().idConfig());
        assertEquals("$argon2id$x", state.users().get(0).getPasswordHash());
        assertEquals(Role.OPERATOR, state.users().get(0).getRole());
        assertTrue(state.users().get(0).isMustChangePassword());
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), state.tokens().get(0).getRevokedAt());
        assertNull(state.tokens().get(0).getExpiresAt());
        assertEquals("k1", state.secrets().get(0).sealed().keyId());
        assertArrayEquals(new byte[]{0, 1, 2}, state.secrets().get(0).sealed().ciphertext());
        assertEquals(Map.of("scheduler_paused", true, "submissions_paused", false), state.settings());
    }

    @Test
    void anotherVersionIsRefusedOnItsVersion() throws Exception {
        assertEquals(List.of("version"), fields(FULL.replace("\"version\": 1", "\"version\": 2")));
        assertEquals(List.of("version"), fields(FULL.replace("\"version\": 1", "\"version\": \"1\"")));
        assertEquals(List.of("body"), fields("[]"));
    }

    @Test
    void everyProblemIsNamedByItsField() throws Exception {
        String bad = FULL.replace("\"type\": \"metric\", \"sha256\"", "\"type\": \"nope\", \"sha256\"")
                .replace("\"archive\": \"UEsFBg==\"", "\"archive\": \"not base64!\"")
                .replace("\"role\": \"operator\"", "\"role\": \"root\"")
                .replace("\"created_at\": \"2026-01-01T00:00:00Z\"", "\"created_at\": \"yesterday\"")
                .replace("\"scheduler_paused\": true", "\"scheduler_paused\": \"yes\", \"surprise\": true")
                .replace("\"key_id\": \"k1\"", "\"key_id\": \"k1\", \"value\": \"clear\"")
                .replace("\"secrets\": [", "\"extra\": 1, \"secrets\": [");
        assertEquals(List.of("extra", "packs[0].type", "packs[0].archive", "users[0].role", "tokens[0].created_at",
                "secrets[0].value", "settings.scheduler_paused", "settings.surprise"), fields(bad));
    }

    @Test
    void aMissingKindAKeyGivenTwiceAndANonObjectAreRefused() throws Exception {
        String bad = FULL.replace("\"activations\": [{\"type\": \"rule\", \"pack\": \"r\", \"slug\": \"db1\"}],", "")
                .replace("\"endpoints\": [{", "\"endpoints\": [{\"slug\": \"db1\", \"kind\": \"pg\", \"url\": \"u\"}, {")
                .replace("\"secrets\": [", "\"secrets\": [42, ");
        assertEquals(List.of("endpoints[1]", "activations", "secrets[0]"), fields(bad));
    }

    @Test
    void theBootstrapTokenIsEachNodesOwnAndNeverImported() throws Exception {
        assertEquals(List.of("tokens[0].id"), fields(FULL.replace("\"id\": \"AbCd1234\"", "\"id\": \"bootstrap\"")));
    }

    private static List<String> fields(String json) throws Exception {
        JsonNode document = tree(json);
        ValidationException refused = assertThrows(ValidationException.class, () -> StateDocumentReader.read(document, SETTINGS));
        assertTrue(refused.getMessage().startsWith("Import refused, nothing was changed"), refused.getMessage());
        return refused.errors().stream().map(FieldError::field).toList();
    }

    private static JsonNode tree(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }
}
