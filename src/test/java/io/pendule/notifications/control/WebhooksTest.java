package io.pendule.notifications.control;

import io.pendule.executors.control.OutboundGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhooksTest {

    private final Webhooks webhooks = new Webhooks();

    WebhooksTest() {
        webhooks.guard = new OutboundGuard();
    }

    @AfterEach
    void stop() {
        webhooks.stop();
    }

    /** Notifier logs this message: a URL stored before the save checked it must not put its token in the log. */
    @Test
    void anUnreadableUrlIsRefusedWithoutRepeatingIt() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () ->
                webhooks.post("https://hooks.example/services/T0/sec ret-token", "application/json", "{}", "job a execution 1"));
        assertFalse(refused.getMessage().contains("ret-token"), refused.getMessage());
        assertTrue(refused.getMessage().contains("not a valid URL"), refused.getMessage());
    }

    @Test
    void aUrlTheClientRefusesIsNamedByItsSchemeAndHostOnly() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () ->
                webhooks.post("ftp://user:pass@127.0.0.1/secret-token", "application/json", "{}", "job a execution 1"));
        assertFalse(refused.getMessage().contains("secret-token") || refused.getMessage().contains("pass"), refused.getMessage());
    }
}
