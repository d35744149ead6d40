package io.pendule.notifications.control;

import io.pendule.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who e-mail notifications may go to: with PENDULE_SMTP_ALLOWED_DOMAINS set, only addresses of those domains (an
 * entry {@code example.com} is that domain exactly, {@code *.example.com} any of its subdomains, not itself); unset,
 * any address. Checked when a job is saved (JobValidator) and again when a mail is sent (Notifier): the list may have
 * changed since. The mails go through the organisation's SMTP account with the run's output in them.
 */
@ApplicationScoped
public class MailRecipients {

    private List<String> allowed = List.of();

    /** For CDI's proxy. */
    protected MailRecipients() {
    }

    @Inject
    public MailRecipients(Settings settings) {
        this(settings.smtpAllowedDomains());
    }

    private MailRecipients(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Allowing only {@code domains} (lower case); none: any domain. */
    public static MailRecipients allowing(List<String> domains) {
        return new MailRecipients(domains);
    }

    /** The domains of {@code addresses} (one or a comma list) that are not allowed, lower-cased; empty: all are. */
    public List<String> refusedDomains(String addresses) {
        List<String> refused = new ArrayList<>();
        if (allowed.isEmpty()) {
            return refused;
        }
        for (String domain : domainsOf(addresses)) {
            if (!isAllowed(domain) && !refused.contains(domain)) {
                refused.add(domain);
            }
        }
        return refused;
    }

    /** Why {@code addresses} may not be written to, naming the refused domains and the allowed ones; empty: it may. */
    public Optional<String> refusal(String addresses) {
        List<String> refused = refusedDomains(addresses);
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("e-mail notifications may only go to the domains of PENDULE_SMTP_ALLOWED_DOMAINS ("
                + String.join(", ", allowed) + "), not " + describe(refused));
    }

    /** The domains for a message or the log: an address without one is said so. */
    public static String describe(List<String> domains) {
        return String.join(", ", domains.stream().map(domain -> domain.isEmpty() ? "(an address without a domain)" : domain).toList());
    }

    private boolean isAllowed(String domain) {
        return allowed.stream().anyMatch(entry -> entry.startsWith("*.")
                ? domain.endsWith(entry.substring(1)) && domain.length() > entry.length() - 1
                : domain.equals(entry));
    }

    /** An address that cannot be parsed, or has no domain, counts as the domain "" (refused by any list). */
    private static List<String> domainsOf(String addresses) {
        List<String> domains = new ArrayList<>();
        try {
            for (InternetAddress address : InternetAddress.parse(addresses == null ? "" : addresses, true)) {
                String text = address.getAddress();
                int at = text.lastIndexOf('@');
                domains.add(at < 0 ? "" : text.substring(at + 1).toLowerCase(Locale.ROOT));
            }
        } catch (AddressException e) {
            domains.add("");
        }
        return domains;
    }
}
