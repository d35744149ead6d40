package io.pendule.notifications.control;

import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.RunFinished;
import io.pendule.notifications.entity.Notification;
import io.pendule.notifications.entity.NotificationsConverter;
import io.pendule.notifications.entity.NotificationTemplate;
import io.pendule.notifications.entity.RunReport;
import io.pendule.database.control.Jdbc;
import io.pendule.platform.Json;
import io.pendule.secrets.control.SecretResolver;
import io.pendule.secrets.entity.SecretUnavailable;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Sends a job's notifications on a run's final outcome (after its retries): webhooks and e-mail to the job's
 * owner_email. The job is read first among the observers, before an ephemeral job is deleted. It runs on a follower
 * thread, outside the run's recording, so a slow or failing endpoint delays nothing else and never changes the run's
 * outcome; a notification that failed fails the observer, and RunOutcomes tries them again later: at least once.
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class.getName());
    private static final String JOB = "SELECT owner_email, notifications FROM job WHERE name = ?";
    /** A webhook's attempts, each with its timeout, and the pauses between them. */
    private static final Duration WEBHOOK_PATIENCE = Webhooks.TIMEOUT.multipliedBy(Webhooks.ATTEMPTS).plusSeconds(5);

    private record Recipients(String ownerEmail, List<Notification> notifications) {
    }

    @Inject
    Jdbc jdbc;
    @Inject
    Webhooks webhooks;
    @Inject
    Mailer mailer;
    @Inject
    MailRecipients mailRecipients;
    @Inject
    SecretResolver secrets;

    void on(@Observes @Priority(RunFinished.NOTIFY) RunFinished finished) {
        if (!finished.followUps().notifies()) {
            return;
        }
        Optional<Recipients> recipients = recipientsOf(finished.jobName());
        if (recipients.isEmpty()) {
            return;
        }
        RunReport report = RunReport.of(finished);
        List<CompletableFuture<Void>> webhooksSent = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Notification notification : recipients.get().notifications()) {
            if (!appliesTo(notification, finished.status())) {
                continue;
            }
            if (notification.webhook() != null && !notification.webhook().isBlank()) {
                webhooksSent.add(sendWebhook(notification, report));
            }
            if (notification.email()) {
                sendMail(recipients.get().ownerEmail(), notification, report).ifPresent(failed::add);
            }
        }
        for (CompletableFuture<Void> sent : webhooksSent) {
            awaitWebhook(sent).ifPresent(failed::add);
        }
        if (!failed.isEmpty()) {
            // all of them are sent again: at least once, the receivers deduplicate by execution id
            throw new IllegalStateException(failed.size() + " notification(s) for " + about(report) + " failed: " + failed);
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

    /** A notification that cannot be made (a bad template, a bad URL) is logged and not tried again: it would fail again. */
    private CompletableFuture<Void> sendWebhook(Notification notification, RunReport report) {
        String about = about(report);
        try {
            String url = secrets.resolvedText(notification.webhook());
            if (notification.template() == null || notification.template().isEmpty()) {
                return webhooks.post(url, "application/json", Json.write(report.payload()), about);
            }
            NotificationTemplate template = new NotificationTemplate(notification.template());
            return webhooks.post(url, template.contentType(), template.fill(report.placeholders()), about);
        } catch (SecretUnavailable e) { // tried again later: a secret may be stored after the job, or Vault be back
            LOG.warning(() -> "Webhook notification for " + about + " not sent: " + e.getMessage());
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            LOG.warning(() -> "Webhook notification for " + about + " not sent: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
    }

    private static Optional<String> awaitWebhook(CompletableFuture<Void> sent) {
        try {
            sent.get(WEBHOOK_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(e.getCause().getMessage());
        } catch (TimeoutException e) {
            return Optional.of("a webhook did not answer within " + WEBHOOK_PATIENCE.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** On the caller's thread (a follower's, see RunOutcomes); returns the failure, if any. */
    Optional<String> sendMail(String to, Notification notification, RunReport report) {
        String about = about(report);
        if (!mailer.configured()) {
            LOG.warning(() -> "E-mail notification for " + about + " not sent: PENDULE_SMTP_HOST is not set");
            return Optional.empty();
        }
        List<String> refused = mailRecipients.refusedDomains(to);
        if (!refused.isEmpty()) { // saved before PENDULE_SMTP_ALLOWED_DOMAINS changed; not tried again: it would be refused again
            LOG.warning(() -> "E-mail notification for " + about + " not sent: the recipient's domain "
                    + MailRecipients.describe(refused) + " is not in PENDULE_SMTP_ALLOWED_DOMAINS");
            return Optional.empty();
        }
        String subject = "[Pendule] " + report.status() + " " + report.job() + " execution " + report.executionId();
        String body = notification.template() == null || notification.template().isEmpty() ? MailReport.of(report)
                : new NotificationTemplate(notification.template()).fill(report.placeholders());
        try {
            mailer.send(to, subject, body);
            return Optional.empty();
        } catch (MessagingException | RuntimeException e) {
            String failed = "E-mail notification for " + about + " to " + to + " failed: " + e.getMessage();
            LOG.warning(failed);
            return Optional.of(failed);
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
