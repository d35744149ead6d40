package io.pendule.notifications.control;

import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.RunFinished;
import io.pendule.notifications.entity.Notification;
import io.pendule.notifications.entity.NotificationsConverter;
import io.pendule.notifications.entity.NotificationTemplate;
import io.pendule.notifications.entity.RunReport;
import io.pendule.database.control.Jdbc;
import io.pendule.platform.Json;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Sends a job's notifications on a run's final outcome (after its retries): webhooks and e-mail to the job's
 * owner_email. The job is read first among the observers, before an ephemeral job is deleted; sending happens in
 * the background, so a slow or failing endpoint delays nothing else and never changes the run's outcome.
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class.getName());
    private static final String JOB = "SELECT owner_email, notifications FROM job WHERE name = ?";
    private static final int MAIL_ATTEMPTS = 2;

    private record Recipients(String ownerEmail, List<Notification> notifications) {
    }

    @Inject
    Jdbc jdbc;
    @Inject
    Webhooks webhooks;
    @Inject
    Mailer mailer;
    @Resource
    ManagedExecutorService executor;

    void on(@Observes @Priority(RunFinished.NOTIFY) RunFinished finished) {
        if (!finished.followUps().notifies()) {
            return;
        }
        Optional<Recipients> recipients = recipientsOf(finished.jobName());
        if (recipients.isEmpty()) {
            return;
        }
        RunReport report = RunReport.of(finished);
        for (Notification notification : recipients.get().notifications()) {
            if (!appliesTo(notification, finished.status())) {
                continue;
            }
            if (notification.webhook() != null && !notification.webhook().isBlank()) {
                sendWebhook(notification, report);
            }
            if (notification.email()) {
                sendMail(recipients.get().ownerEmail(), notification, report);
            }
        }
    }

    /** "failure" is any outcome but success and skipped: a run refused by a gate or a concurrency rule did not fail. */
    static boolean appliesTo(Notification notification, ExecutionStatus status) {
        return switch (notification.on()) {
            case "always" -> true;
            case "success" -> status == ExecutionStatus.SUCCEEDED;
            case "failure" -> status != ExecutionStatus.SUCCEEDED && status != ExecutionStatus.SKIPPED;
            default -> false;
        };
    }

    private void sendWebhook(Notification notification, RunReport report) {
        String about = about(report);
        try {
            if (notification.template() == null || notification.template().isEmpty()) {
                webhooks.post(notification.webhook(), "application/json", Json.write(report.payload()), about);
            } else {
                NotificationTemplate template = new NotificationTemplate(notification.template());
                webhooks.post(notification.webhook(), template.contentType(), template.fill(report.placeholders()), about);
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "Webhook notification for " + about + " not sent: " + e.getMessage());
        }
    }

    private void sendMail(String to, Notification notification, RunReport report) {
        String about = about(report);
        if (!mailer.configured()) {
            LOG.warning(() -> "E-mail notification for " + about + " not sent: PENDULE_SMTP_HOST is not set");
            return;
        }
        String subject = "[Pendule] " + report.status() + " " + report.job() + " execution " + report.executionId();
        String body = notification.template() == null || notification.template().isEmpty() ? MailReport.of(report)
                : new NotificationTemplate(notification.template()).fill(report.placeholders());
        executor.execute(() -> {
            for (int attempt = 1; attempt <= MAIL_ATTEMPTS; attempt++) {
                try {
                    mailer.send(to, subject, body);
                    return;
                } catch (MessagingException | RuntimeException e) {
                    if (attempt == MAIL_ATTEMPTS) {
                        LOG.warning(() -> "E-mail notification for " + about + " to " + to + " failed: " + e.getMessage());
                    } else if (!pause()) {
                        return;
                    }
                }
            }
        });
    }

    private static boolean pause() {
        try {
            Thread.sleep(2_000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String about(RunReport report) {
        return "job " + report.job() + " execution " + report.executionId();
    }

    private Optional<Recipients> recipientsOf(String job) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(JOB)) {
                select.setString(1, job);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next() || rs.getString(2) == null) {
                        return Optional.empty();
                    }
                    return Optional.of(new Recipients(rs.getString(1),
                            new NotificationsConverter().convertToEntityAttribute(rs.getString(2))));
                }
            }
        });
    }
}
