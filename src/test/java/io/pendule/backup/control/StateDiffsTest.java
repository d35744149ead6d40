package io.pendule.backup.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.backup.entity.ImportMode;
import io.pendule.backup.entity.KindDiff;
import io.pendule.backup.entity.StateDiff;
import io.pendule.backup.entity.StateKind;
import io.pendule.platform.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateDiffsTest {

    private static final String EMPTY = """
            {"version": 1, "jobs": [], "packs": [], "endpoints": [], "activations": [], "pack_configs": [], "users": [],
             "tokens": [], "secrets": [], "settings": {}}""";

    @Test
    void anEmptyPenduleGetsEverythingAdded() throws Exception {
        JsonNode document = tree("""
                {"version": 1, "jobs": [{"name": "a", "schedule": "@daily"}, {"name": "b", "schedule": "@hourly"}],
                 "packs": [{"name": "p", "version": "1.0.0", "type": "metric", "sha256": "x", "archive": "UEs="}],
                 "endpoints": [{"slug": "db1", "kind": "oracle", "url": "jdbc:oracle:thin:@h:1521/s"}],
                 "activations": [{"type": "metric", "pack": "p", "slug": "db1"}],
                 "pack_configs": [{"type": "rule", "pack": "r", "scope": "endpoint", "target": "db1", "config": "{}"}],
                 "users": [{"name": "ann"}], "tokens": [{"id": "t1"}], "secrets": [{"name": "s"}],
                 "settings": {"scheduler_paused": true}}""");
        StateDiff diff = StateDiffs.between(tree(EMPTY), document, ImportMode.MERGE, Map.of());
        assertEquals(List.of("a", "b"), diff.of("jobs").added());
        assertEquals(List.of("p:1.0.0"), diff.of("packs").added());
        assertEquals(List.of("db1"), diff.of("endpoints").added());
        assertEquals(List.of("metric:p:db1"), diff.of("activations").added());
        assertEquals(List.of("rule:r:db1"), diff.of("pack_configs").added());
        assertEquals(List.of("ann"), diff.of("users").added());
        assertEquals(List.of("t1"), diff.of("tokens").added());
        assertEquals(List.of("s"), diff.of("secrets").added());
        assertEquals(List.of("scheduler_paused"), diff.of("settings").added());
        assertEquals(List.of("jobs", "packs", "endpoints", "activations", "pack_configs", "users", "tokens", "secrets",
                "settings"), List.copyOf(diff.kinds().keySet()));
    }

    @Test
    void aJobThatOnlyRanIsUnchangedAndOneWithAnotherScheduleIsChanged() throws Exception {
        JsonNode current = tree(EMPTY.replace("\"jobs\": []", """
                "jobs": [{"name": "a", "schedule": "@daily", "success_count": 7, "next": "2030-01-01T00:00:00Z",
                          "status": "success", "last_success": "2026-01-01T00:00:00Z", "dependent_jobs": ["c"]},
                         {"name": "b", "schedule": "@daily"}]"""));
        JsonNode document = tree(EMPTY.replace("\"jobs\": []", """
                "jobs": [{"name": "a", "schedule": "@daily", "success_count": 0, "next": "0001-01-01T00:00:00Z",
                          "status": "", "last_success": null, "dependent_jobs": null},
                         {"name": "b", "schedule": "@hourly"}]"""));
        KindDiff jobs = StateDiffs.between(current, document, ImportMode.MERGE, Map.of()).of("jobs");
        assertEquals(List.of(), jobs.added());
        assertEquals(List.of("b"), jobs.changed());
        assertEquals(List.of(), jobs.removed());
    }

    @Test
    void mergeRemovesNothingReplaceRemovesWhatTheDocumentLacksButTheKeptOnes() throws Exception {
        JsonNode current = tree(EMPTY.replace("\"users\": []", "\"users\": [{\"name\": \"admin\"}, {\"name\": \"bob\"}]")
                .replace("\"tokens\": []", "\"tokens\": [{\"id\": \"mine\"}, {\"id\": \"old\"}]")
                .replace("\"endpoints\": []", "\"endpoints\": [{\"slug\": \"db1\", \"url\": \"u\"}, {\"slug\": \"db2\", \"url\": \"u\"}]"));
        JsonNode document = tree(EMPTY.replace("\"endpoints\": []", "\"endpoints\": [{\"slug\": \"db1\", \"url\": \"v\"}]"));
        Map<StateKind, Set<String>> kept = Map.of(StateKind.USERS, Set.of("admin"), StateKind.TOKENS, Set.of("mine"));

        StateDiff merge = StateDiffs.between(current, document, ImportMode.MERGE, kept);
        assertTrue(merge.kinds().values().stream().allMatch(kind -> kind.removed().isEmpty()));
        assertEquals(List.of("db1"), merge.of("endpoints").changed());

        StateDiff replace = StateDiffs.between(current, document, ImportMode.REPLACE, kept);
        assertEquals(List.of("db2"), replace.of("endpoints").removed());
        assertEquals(List.of("bob"), replace.of("users").removed());
        assertEquals(List.of("old"), replace.of("tokens").removed());
        assertEquals(List.of("db1"), replace.of("endpoints").changed());
    }

    @Test
    void theSameStateIsNoChangeAndSettingsCompareOneByOne() throws Exception {
        String state = EMPTY.replace("\"settings\": {}", "\"settings\": {\"scheduler_paused\": false, \"submissions_paused\": false}")
                .replace("\"secrets\": []", "\"secrets\": [{\"name\": \"s\", \"ciphertext\": \"AA==\", \"iv\": \"AA==\", \"key_id\": \"k\"}]");
        assertTrue(StateDiffs.between(tree(state), tree(state), ImportMode.REPLACE, Map.of()).isEmpty());

        JsonNode paused = tree(state.replace("\"scheduler_paused\": false", "\"scheduler_paused\": true"));
        StateDiff diff = StateDiffs.between(tree(state), paused, ImportMode.MERGE, Map.of());
        assertEquals(List.of("scheduler_paused"), diff.of("settings").changed());
        assertEquals(1, diff.kinds().values().stream().mapToInt(KindDiff::count).sum());
    }

    @Test
    void aSecretSealedAnewIsChanged() throws Exception {
        JsonNode current = tree(EMPTY.replace("\"secrets\": []", "\"secrets\": [{\"name\": \"s\", \"ciphertext\": \"AA==\"}]"));
        JsonNode document = tree(EMPTY.replace("\"secrets\": []", "\"secrets\": [{\"name\": \"s\", \"ciphertext\": \"AQ==\"}]"));
        assertEquals(List.of("s"), StateDiffs.between(current, document, ImportMode.MERGE, Map.of()).of("secrets").changed());
    }

    @Test
    void theImportingAdminAndTheirTokenAndTheBootstrapTokenAreKept() {
        var kept = StateImport.kept(io.pendule.security.entity.Identity.token("admin", io.pendule.security.entity.Role.ADMIN, "bootstrap"));
        assertEquals(Set.of("admin"), kept.get(StateKind.USERS));
        assertEquals(Set.of("bootstrap"), kept.get(StateKind.TOKENS));
        kept = StateImport.kept(io.pendule.security.entity.Identity.token("ann", io.pendule.security.entity.Role.ADMIN, "AbCd1234"));
        assertEquals(Set.of("bootstrap", "AbCd1234"), kept.get(StateKind.TOKENS));
    }

    private static JsonNode tree(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }
}
