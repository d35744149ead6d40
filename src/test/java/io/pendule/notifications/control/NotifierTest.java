package io.pendule.notifications.control;

import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.notifications.entity.Notification;
import io.pendule.notifications.entity.RunReport;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotifierTest {

    private static Notification on(String when) {
        return new Notification(when, "http://127.0.0.1/hook", false, null);
    }

    @Test
    void failureMeansEveryOutcomeButSuccessAndSkipped() {
        for (ExecutionStatus status : ExecutionStatus.values()) {
            if (!status.finished()) {
                continue;
            }
            boolean expected = status != ExecutionStatus.SUCCEEDED && status != ExecutionStatus.SKIPPED;
            assertTrue(Notifier.appliesTo(on("failure"), status) == expected, status.code());
            assertTrue(Notifier.appliesTo(on("success"), status) == (status == ExecutionStatus.SUCCEEDED), status.code());
            assertTrue(Notifier.appliesTo(on("always"), status), status.code());
        }
    }

    /** Saved before PENDULE_SMTP_ALLOWED_DOMAINS was set: skipped, not failed (a retry would be refused again). */
    @Test
    void aMailToADomainNotAllowedIsSkippedWhenSent() {
        List<String> sent = new ArrayList<>();
        Notifier notifier = new Notifier();
        notifier.mailRecipients = MailRecipients.allowing(List.of("example.com"));
        notifier.mailer = new Mailer() {
            @Override
            public boolean configured() {
                return true;
            }

            @Override
            public void send(String to, String subject, String body) {
                sent.add(to);
            }
        };
        Notification mail = new Notification("always", null, true, null);
        RunReport report = new RunReport("backup", 7000, "failed", 1, null, null, 1, "exit status 1", "", "node-a");
        assertEquals(Optional.empty(), notifier.sendMail("me@attacker.example", mail, report));
        assertEquals(List.of(), sent);
        assertEquals(Optional.empty(), notifier.sendMail("ops@example.com", mail, report));
        assertEquals(List.of("ops@example.com"), sent);
    }

    @Test
    void theMailReportShowsTheOutcomeAndTheEndOfTheOutput() {
        String text = MailReport.of(new RunReport("backup", 7000, "failed", 2, Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-01-01T00:00:03Z"), 1, "exit status 1", "disk full\n", "node-a"));
        assertTrue(text.contains("Status:      failed\n"), text);
        assertTrue(text.contains("Execution:   7000 (attempt 2)\n"), text);
        assertTrue(text.contains("Link:        /v1/jobs/backup/executions/7000\n"), text);
        assertTrue(text.endsWith("Output (its end):\ndisk full\n\n"), text);
        assertFalse(MailReport.of(new RunReport("b", 1, "succeeded", 1, null, null, 0, null, "", "n")).contains("Error"));
    }
}
