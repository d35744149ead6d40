package io.pendule.notifications.control;

import io.pendule.platform.Settings;
import io.pendule.secrets.control.SecretResolver;
import io.pendule.secrets.entity.MalformedReference;
import io.pendule.secrets.entity.SecretUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Date;
import java.util.Optional;
import java.util.Properties;

/** Sends plain-text mail through the SMTP server of PENDULE_SMTP_HOST (Jakarta Mail, as Payara provides it). */
@ApplicationScoped
public class Mailer {

    private static final String TIMEOUT_MS = "10000";

    @Inject
    Settings settings;
    @Inject
    SecretResolver secrets;

    public boolean configured() {
        return settings.smtpHost().isPresent();
    }

    /** Blocks until the server took the message (at most about 10 s per step). */
    public void send(String to, String subject, String body) throws MessagingException {
        Session session = session();
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(settings.smtpFrom()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        message.setSentDate(new Date());
        Transport.send(message);
    }

    private Session session() throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", settings.smtpHost().orElseThrow());
        properties.put("mail.smtp.port", String.valueOf(settings.smtpPort()));
        properties.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        properties.put("mail.smtp.timeout", TIMEOUT_MS);
        properties.put("mail.smtp.writetimeout", TIMEOUT_MS);
        properties.put("mail.smtp.starttls.enable", "true");
        Optional<String> user = settings.smtpUser();
        if (user.isEmpty()) {
            return Session.getInstance(properties);
        }
        properties.put("mail.smtp.auth", "true");
        String password;
        try {
            password = secrets.resolvedText(settings.smtpPassword());
        } catch (SecretUnavailable | MalformedReference e) {
            throw new MessagingException("PENDULE_SMTP_PASSWORD: " + e.getMessage());
        }
        return Session.getInstance(properties, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user.get(), password);
            }
        });
    }
}
