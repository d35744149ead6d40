package io.pendule.notifications.entity;

/**
 * A job's notification: when ("failure", "success" or "always", judged on the final outcome after retries),
 * a webhook to POST to and/or an e-mail to the job's owner_email, and an optional text template. Leaving out
 * {@code email} means false (a primitive would make Jackson refuse the absent field).
 */
public record Notification(String on, String webhook, Boolean email, String template) {

    public Notification {
        email = Boolean.TRUE.equals(email);
    }
}
