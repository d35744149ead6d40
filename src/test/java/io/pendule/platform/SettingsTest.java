package io.pendule.platform;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    private static Settings roles(String roles) {
        return Settings.of(Map.of("pendule.roles", roles));
    }

    @Test
    void aNodeHasBothRolesByDefault() {
        Settings settings = Settings.of(Map.of());
        assertTrue(settings.hasRole("api"));
        assertTrue(settings.hasRole("worker"));
        assertEquals("api,worker", settings.roles());
    }

    @Test
    void rolesAreWholeNamesOfTheList() {
        assertTrue(roles("worker").hasRole("worker"));
        assertFalse(roles("worker").hasRole("api"));
        assertTrue(roles(" api , worker ").hasRole("api"));
        assertTrue(roles(" api , worker ").hasRole("worker"));
        assertFalse(roles("apis").hasRole("api"), "a longer name is another role");
        assertFalse(roles("coworker").hasRole("worker"));
        assertFalse(roles("api-worker").hasRole("api"));
        assertFalse(roles("api,worker").hasRole("api,worker"), "one role at a time");
    }

    @Test
    void anEmptySettingHasItsDefault() {
        assertEquals("api,worker", roles("  ").roles());
        assertEquals(10_000, Settings.of(Map.of("pendule.keep.executions", "")).keepExecutions());
        assertEquals(Optional.empty(), Settings.of(Map.of()).keepExecutionsFor());
    }

    @Test
    void wrongValuesAreReportedWithTheirKey() {
        IllegalStateException notPositive = assertThrows(IllegalStateException.class,
                () -> Settings.of(Map.of("pendule.smtp.port", "0")).smtpPort());
        assertEquals("pendule.smtp.port must be a positive whole number, not \"0\"", notPositive.getMessage());
        IllegalStateException notADuration = assertThrows(IllegalStateException.class,
                () -> Settings.of(Map.of("pendule.prune.every", "soon")).pruneEvery());
        assertTrue(notADuration.getMessage().startsWith("pendule.prune.every: "), notADuration.getMessage());
    }

    @Test
    void durationsAreGoDurations() {
        assertEquals(Duration.ofSeconds(1), Settings.of(Map.of("pendule.prune.every", "10ms")).pruneEvery(), "at least 1 s");
        assertEquals(Duration.ofMinutes(90), Settings.of(Map.of("pendule.startup.run.window", "1h30m")).startupRunWindow());
        assertEquals(Duration.ofSeconds(60), Settings.of(Map.of()).misfireThreshold());
    }

    @Test
    void theSmtpPasswordIsTakenAsGiven() {
        assertEquals(" secret ", Settings.of(Map.of("pendule.smtp.password", " secret ")).smtpPassword());
    }
}
