package io.pendule.notifications.control;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MailRecipientsTest {

    private final MailRecipients recipients = MailRecipients.allowing(List.of("example.com", "*.corp.example"));

    @Test
    void withoutAListAnyDomainIsAllowed() {
        assertTrue(MailRecipients.allowing(List.of()).refusedDomains("me@attacker.example").isEmpty());
    }

    @Test
    void everyAddressOfAListIsChecked() {
        assertEquals(List.of("attacker.example"), recipients.refusedDomains("ops@example.com, me@attacker.example"));
        assertEquals(List.of("attacker.example"), recipients.refusedDomains("\"Ops\" <me@ATTACKER.example>"));
        assertEquals(List.of(), recipients.refusedDomains("ops@example.com,dev@eu.corp.example"));
    }

    @Test
    void aStarEntryIsItsSubdomainsOnlyAndAPlainEntryExactlyItself() {
        assertEquals(List.of("corp.example"), recipients.refusedDomains("ops@corp.example"));
        assertEquals(List.of("xcorp.example"), recipients.refusedDomains("ops@xcorp.example"));
        assertEquals(List.of("mail.example.com"), recipients.refusedDomains("ops@mail.example.com"));
        assertEquals(List.of("example.com.attacker.example"), recipients.refusedDomains("ops@example.com.attacker.example"));
    }

    @Test
    void anAddressWithoutADomainOrUnreadableIsRefused() {
        assertEquals(List.of(""), recipients.refusedDomains("root"));
        assertEquals(List.of(""), recipients.refusedDomains("a@@b"));
        assertEquals("(an address without a domain)", MailRecipients.describe(List.of("")));
    }
}
