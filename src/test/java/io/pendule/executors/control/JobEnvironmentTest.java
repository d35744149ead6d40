package io.pendule.executors.control;

import io.pendule.executors.entity.RunIdentity;
import io.pendule.executors.entity.ShellJob;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JobEnvironmentTest {

    private static final Map<String, String> PENDULES = Map.ofEntries(
            Map.entry("PATH", "/usr/local/bin:/usr/bin:/bin"), Map.entry("HOME", "/home/pendule"),
            Map.entry("LANG", "C.UTF-8"), Map.entry("TZ", "Europe/Paris"), Map.entry("USER", "pendule"),
            Map.entry("PENDULE_DB_PASSWORD", "db-secret"), Map.entry("PENDULE_SMTP_PASSWORD", "smtp-secret"),
            Map.entry("PENDULE_OIDC_CLIENT_SECRET", "oidc-secret"), Map.entry("AWS_SECRET_ACCESS_KEY", "aws-secret"),
            Map.entry("JAVA_TOOL_OPTIONS", "-Xmx1g"), Map.entry("LD_PRELOAD", "/tmp/x.so"));

    private static final RunIdentity IDENTITY = new RunIdentity("42", Instant.parse("2026-03-01T09:30:00Z"), 2, "node-a", null);

    private static ShellJob job(Map<String, String> env) {
        return new ShellJob("env", List.of("env"), env, null, null, null, null, null);
    }

    @Test
    void aJobGetsTheBaseVariablesItsOwnItsNameAndItsRunsIdentityOnly() {
        Map<String, String> environment = JobEnvironment.of(PENDULES, job(Map.of("GREETING", "hello")), "report", IDENTITY);
        assertEquals(Map.ofEntries(
                Map.entry("PATH", "/usr/local/bin:/usr/bin:/bin"), Map.entry("HOME", "/home/pendule"),
                Map.entry("LANG", "C.UTF-8"), Map.entry("TZ", "Europe/Paris"), Map.entry("USER", "pendule"),
                Map.entry("GREETING", "hello"), Map.entry("ENV_JOB_NAME", "report"),
                Map.entry("PENDULE_EXECUTION_ID", "42"), Map.entry("PENDULE_FIRE_AT", "2026-03-01T09:30:00Z"),
                Map.entry("PENDULE_ATTEMPT", "2"), Map.entry("PENDULE_NODE", "node-a")), environment);
    }

    @Test
    void theJobsOwnVariablesReplaceTheBaseOnesAndMayNameAPenduleOne() {
        Map<String, String> environment = JobEnvironment.of(PENDULES, job(Map.of("PATH", "/opt/tool/bin",
                "PENDULE_SMTP_PASSWORD", "the-jobs-own", "PENDULE_EXECUTION_ID", "forged")), "report", IDENTITY);
        assertEquals("/opt/tool/bin", environment.get("PATH"));
        assertEquals("the-jobs-own", environment.get("PENDULE_SMTP_PASSWORD"), "set by the job itself");
        assertEquals("42", environment.get("PENDULE_EXECUTION_ID"), "the run's identity is Pendule's");
        assertEquals(null, environment.get("PENDULE_DB_PASSWORD"));
    }

    @Test
    void aTracedRunTellsItsTraceparentAsOpenTelemetryNamesItInAnEnvironment() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        Map<String, String> environment = JobEnvironment.of(Map.of(), job(Map.of("TRACEPARENT", "forged")), "x",
                new RunIdentity("42", null, 1, "node-a", traceparent));
        assertEquals(traceparent, environment.get("TRACEPARENT"));
        assertEquals(null, JobEnvironment.of(Map.of(), job(Map.of()), "x", IDENTITY).get("TRACEPARENT"));
    }

    @Test
    void aBaseVariablePenduleLacksIsLeftOut() {
        Map<String, String> environment = JobEnvironment.of(Map.of("PATH", "/bin"), job(Map.of()), "x", RunIdentity.of(7, 1));
        assertEquals(Map.of("PATH", "/bin", "ENV_JOB_NAME", "x", "PENDULE_EXECUTION_ID", "7", "PENDULE_ATTEMPT", "1"),
                environment);
    }
}
