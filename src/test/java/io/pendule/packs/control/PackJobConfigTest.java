package io.pendule.packs.control;

import io.pendule.executors.entity.ConfigError;
import io.pendule.executors.entity.Validated;
import io.pendule.packs.entity.PackJob;
import io.pendule.packs.entity.PackType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pack job's executor_config: every problem at once, each naming its key; the keys of a run refused in a job. */
class PackJobConfigTest {

    @Test
    void aFullConfigIsRead() {
        Validated<PackJob> read = PackJobConfig.ofJob(Map.of("pack", "basic", "version", "0.3.7", "type", "metric",
                "endpoints_at_once", "3", "timeout", "90s", "per_endpoint", "false"));
        assertTrue(read.valid(), read.errors().toString());
        PackJob job = read.value();
        assertEquals(new PackJob("basic", "0.3.7", PackType.METRIC, 3, Duration.ofSeconds(90), "90s", false, null), job);
    }

    @Test
    void onlyThePackIsRequiredAndTheRestHasDefaults() {
        PackJob job = PackJobConfig.ofJob(Map.of("pack", " basic ")).value();
        assertEquals("basic", job.pack());
        assertNull(job.version(), "the latest, at each run");
        assertNull(job.type(), "the pack's own");
        assertEquals(0, job.endpointsAtOnce());
        assertNull(job.timeout());
        assertTrue(job.perEndpoint());
    }

    @Test
    void everyProblemIsReportedWithItsKey() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("pack", "Not A Pack");
        config.put("version", ".hidden");
        config.put("type", "metrics");
        config.put("endpoints_at_once", "0");
        config.put("timeout", "soon");
        config.put("per_endpoint", "yes");
        config.put("command", "rm -rf /");
        config.put("su", "nobody");
        config.put("endpoint_credentials", "${secret:someone-elses}");
        config.put("endpoint_url", "postgresql://elsewhere/db");
        List<ConfigError> errors = PackJobConfig.ofJob(config).errors();
        assertEquals(List.of("command", "su", "endpoint_credentials", "endpoint_url", "pack", "version", "type", "endpoints_at_once",
                "timeout", "per_endpoint"), errors.stream().map(ConfigError::key).toList());
        assertTrue(message(errors, "command").contains("unknown key"), errors.toString());
        assertTrue(message(errors, "su").contains("not supported for pack jobs yet"), errors.toString());
        assertTrue(message(errors, "endpoint_credentials").contains("set by Pendule from the endpoint"), errors.toString());
        assertTrue(message(errors, "pack").contains("a-z 0-9 _ -"), errors.toString());
        assertTrue(message(errors, "endpoints_at_once").contains("greater than 0"), errors.toString());
    }

    @Test
    void aMissingPackAndAnEndpointsAtOnceThatIsNoNumberAreRefused() {
        List<ConfigError> errors = PackJobConfig.ofJob(Map.of("endpoints_at_once", "many")).errors();
        assertEquals(List.of("pack", "endpoints_at_once"), errors.stream().map(ConfigError::key).toList());
        assertEquals("required", message(errors, "pack"));
    }

    @Test
    void aRunsConfigCarriesItsEndpointAndAMissingOneIsSeen() {
        Map<String, String> config = Map.of("pack", "basic", "endpoint_name", "DB one", "endpoint_kind", "postgresql",
                "endpoint_url", "postgresql://db1:5432/app", "endpoint_credentials", "s3cret");
        PackJob job = PackJobConfig.ofRun(config, "db1").value();
        assertEquals("db1", job.endpoint().slug());
        assertEquals("DB one", job.endpoint().name());
        assertEquals("postgresql://db1:5432/app", job.endpoint().url());
        assertEquals("s3cret", job.endpoint().credentials());
        assertNull(PackJobConfig.ofRun(config, "").value().endpoint(), "no target: no endpoint");
        assertNull(PackJobConfig.ofRun(Map.of("pack", "basic"), "gone").value().endpoint().url(), "an endpoint deleted meanwhile");
        assertEquals("", PackJobConfig.ofRun(Map.of("pack", "basic", "endpoint_url", "x"), "db1").value().endpoint().credentials());
        assertFalse(PackJobConfig.ofJob(config).valid(), "a job cannot give them");
    }

    private static String message(List<ConfigError> errors, String key) {
        return errors.stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow().message();
    }
}
