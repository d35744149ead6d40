package io.pendule.packs.control;

import io.pendule.packs.entity.PackEndpoint;
import io.pendule.packs.entity.PackJob;
import io.pendule.packs.entity.PackType;
import io.pendule.packs.entity.PackVersion;
import io.pendule.platform.Settings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The variables of a pack's script, and the connection to Pendule's database it is given on PostgreSQL only. */
class PackRunEnvironmentTest {

    private static final PackVersion BASIC = new PackVersion("basic", "0.3.7", PackType.METRIC, "a", "d", "m.py",
            "0123456789abcdef", 10, List.of(), Instant.EPOCH, "admin");

    @Test
    void anExecutionOnAnEndpointGetsItsEndpointAndBothConfigurations() {
        PackJob job = new PackJob("basic", null, null, 0, null, null, true,
                new PackEndpoint("db1", "DB one", "postgresql", "postgresql://db1/app", "s3cret"));
        Map<String, String> env = PackRunEnvironment.of(new PackRunEnvironment.Inputs(BASIC, job, Path.of("/w/pack"),
                "{\"a\":1}", null, List.of(), Map.of("PGHOST", "pg"), Path.of("/v/basic"), "/usr/bin:/bin"));
        assertEquals("basic", env.get("PENDULE_PACK_NAME"));
        assertEquals("0.3.7", env.get("PENDULE_PACK_VERSION"));
        assertEquals("metric", env.get("PENDULE_PACK_TYPE"));
        assertEquals("/w/pack", env.get("PENDULE_PACK_DIR"));
        assertEquals("{\"a\":1}", env.get("PENDULE_PACK_CONFIG"));
        assertEquals("{}", env.get("PENDULE_ENDPOINT_CONFIG"), "none stored: an empty object");
        assertEquals("db1", env.get("PENDULE_ENDPOINT_SLUG"));
        assertEquals("DB one", env.get("PENDULE_ENDPOINT_NAME"));
        assertEquals("postgresql", env.get("PENDULE_ENDPOINT_KIND"));
        assertEquals("postgresql://db1/app", env.get("PENDULE_ENDPOINT_URL"));
        assertEquals("s3cret", env.get("PENDULE_ENDPOINT_CREDENTIALS"));
        assertFalse(env.containsKey("PENDULE_ENDPOINTS"));
        assertEquals("pg", env.get("PGHOST"));
        assertEquals("/v/basic", env.get("VIRTUAL_ENV"));
        assertEquals("/v/basic/bin:/usr/bin:/bin", env.get("PATH"), "the virtualenv first");
    }

    @Test
    void anExecutionWithoutEndpointListsTheActivatedOnesAndKeepsPendulesPathWithoutVirtualenv() {
        PackJob job = new PackJob("basic", null, null, 0, null, null, false, null);
        Map<String, String> env = PackRunEnvironment.of(new PackRunEnvironment.Inputs(BASIC, job, Path.of("/w/pack"), null, null,
                List.of("db1", "db2"), Map.of(), null, "/usr/bin"));
        assertEquals("db1 db2", env.get("PENDULE_ENDPOINTS"));
        assertEquals("{}", env.get("PENDULE_PACK_CONFIG"));
        assertFalse(env.keySet().stream().anyMatch(name -> name.startsWith("PENDULE_ENDPOINT_")), env.toString());
        assertFalse(env.containsKey("PATH"), "the shell jobs' own PATH");
        assertFalse(env.containsKey("VIRTUAL_ENV"));
    }

    @Test
    void onPostgresqlAPackGetsLibpqsVariablesAndAUriWithoutThePassword() {
        Settings settings = Settings.of(Map.of("pendule.db.url", "jdbc:postgresql://db.example:6432/pendule?sslmode=require",
                "pendule.db.user", "pendule", "pendule.db.password", "pendules-own"));
        PackDatabase.Access access = PackDatabase.of(settings, "basic");
        Map<String, String> env = access.environment();
        assertEquals("db.example", env.get("PGHOST"));
        assertEquals("6432", env.get("PGPORT"));
        assertEquals("pendule", env.get("PGDATABASE"));
        assertEquals("pendule", env.get("PGUSER"));
        assertEquals("pendules-own", env.get("PGPASSWORD"));
        assertEquals("require", env.get("PGSSLMODE"));
        assertEquals("postgresql://pendule@db.example:6432/pendule", env.get("PENDULE_DATABASE_URL"));
        assertEquals("pendules-own", access.password(), "masked in the run's output");
    }

    @Test
    void aNarrowerRoleForPacksReplacesPendulesOwn() {
        Settings settings = Settings.of(Map.of("pendule.db.url", "jdbc:postgresql://127.0.0.1/pendule", "pendule.db.user", "pendule",
                "pendule.db.password", "pendules-own", "pendule.pack.database.user", "hdm reader",
                "pendule.pack.database.password", "readers"));
        PackDatabase.Access access = PackDatabase.of(settings, "basic");
        assertEquals("hdm reader", access.environment().get("PGUSER"));
        assertEquals("readers", access.environment().get("PGPASSWORD"));
        assertEquals("postgresql://hdm%20reader@127.0.0.1:5432/pendule", access.environment().get("PENDULE_DATABASE_URL"));
        assertFalse(access.environment().containsValue("pendules-own"));
    }

    @Test
    void onTheEmbeddedDatabaseAPackGetsNoConnection() {
        assertTrue(PackDatabase.of(Settings.of(Map.of()), "basic").environment().isEmpty());
    }
}
