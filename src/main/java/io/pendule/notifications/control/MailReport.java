package io.pendule.notifications.control;

import io.pendule.notifications.entity.RunReport;

/** The text of a notification e-mail when the notification has no template of its own. */
final class MailReport {

    private MailReport() {
    }

    static String of(RunReport r) {
        StringBuilder text = new StringBuilder();
        text.append("Job:         ").append(r.job()).append('\n')
                .append("Execution:   ").append(r.executionId()).append(" (attempt ").append(r.attempt()).append(")\n")
                .append("Status:      ").append(r.status()).append('\n')
                .append("Exit code:   ").append(r.exitCode() == null ? "" : r.exitCode()).append('\n')
                .append("Started at:  ").append(r.startedAt() == null ? "" : r.startedAt()).append('\n')
                .append("Finished at: ").append(r.finishedAt() == null ? "" : r.finishedAt()).append('\n')
                .append("Node:        ").append(r.node()).append('\n')
                .append("Link:        ").append(r.link()).append('\n');
        if (r.error() != null && !r.error().isEmpty()) {
            text.append("Error:       ").append(r.error()).append('\n');
        }
        if (r.output() != null && !r.output().isEmpty()) {
            text.append("\nOutput (its end):\n").append(r.output()).append('\n');
        }
        return text.toString();
    }
}
