package io.pendule.security.control;

import io.pendule.api.entity.ForbiddenException;
import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthorizerTest {

    /** The refusals the authorizer hands to the audit log: "who target: reason". */
    private final List<String> denied = new ArrayList<>();
    private final Authorizer authorizer = new Authorizer();

    {
        authorizer.audit = new AuditLog() {
            @Override
            public void denied(Identity caller, String target, String reason, Map<String, ?> details) {
                denied.add(caller.name() + " " + target + ": " + reason);
            }
        };
    }
    private final Identity operator = Identity.user("ops", Role.OPERATOR);
    private final Identity admin = Identity.user("root", Role.ADMIN);

    @Test
    void anOperatorWritesHttpJobs() {
        assertDoesNotThrow(() -> authorizer.requireMayWrite(operator, "ping", null, "http", Map.of("url", "http://x")));
        assertDoesNotThrow(() -> authorizer.requireMayWrite(operator, "ping", "http", "http", Map.of()));
        assertDoesNotThrow(() -> authorizer.requireMayDelete(operator, "ping", "http"));
        assertEquals(List.of(), denied, "nothing refused, nothing in the audit log");
    }

    @Test
    void aShellJobBeforeOrAfterTheChangeIsAnAdmins() {
        ForbiddenException created = assertThrows(ForbiddenException.class,
                () -> authorizer.requireMayWrite(operator, "backup", null, "shell", Map.of("command", "id")));
        assertTrue(created.getMessage().contains("job backup: a shell job is an admin's"), created.getMessage());
        assertThrows(ForbiddenException.class, () -> authorizer.requireMayWrite(operator, "backup", "shell", "http", Map.of()),
                "turning a shell job into an http one takes it over");
        assertThrows(ForbiddenException.class, () -> authorizer.requireMayDelete(operator, "backup", "shell"));
        assertDoesNotThrow(() -> authorizer.requireMayWrite(admin, "backup", "shell", "shell", Map.of()));
        assertDoesNotThrow(() -> authorizer.requireMayDelete(admin, "backup", "shell"));
        assertEquals(List.of("ops backup: job backup: a shell job is an admin's; ops is operator",
                "ops backup: job backup: changing a shell job is an admin's; ops is operator",
                "ops backup: job backup: deleting a shell job is an admin's; ops is operator"), denied,
                "each refusal, and only the refusals, in the audit log");
    }

    @Test
    void namingThisHostsFilesForTlsIsAnAdmins() {
        assertThrows(ForbiddenException.class, () -> authorizer.requireMayWrite(operator, "mtls", null, "http",
                Map.of("url", "https://x", "tlsCertificateKeyFile", "/etc/pki/client.key")));
        assertDoesNotThrow(() -> authorizer.requireMayWrite(admin, "mtls", null, "http",
                Map.of("url", "https://x", "tlsCertificateKeyFile", "/etc/pki/client.key")));
    }

    @Test
    void anAnonymousCallerIsToldToUseAToken() {
        ForbiddenException refused = assertThrows(ForbiddenException.class,
                () -> authorizer.requireMayWrite(Identity.anonymous(Role.OPERATOR), "x", null, "shell", Map.of()));
        assertTrue(refused.getMessage().contains("API token"), refused.getMessage());
    }
}
