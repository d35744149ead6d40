package io.pendule.security.boundary;

import io.pendule.security.entity.ApiToken;
import io.pendule.security.entity.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentityPagesTest {

    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    private static final String CURRENT = "the current password";

    @Test
    void aNewPasswordIsTypedTwiceTheSameAndLongEnough() {
        assertEquals(List.of(), PasswordPage.problems(CURRENT, "correct horse battery", "correct horse battery"));
        assertEquals(List.of(new PasswordPage.Problem("password.missing", "")), PasswordPage.problems(CURRENT, "", ""));
        assertEquals(List.of(new PasswordPage.Problem("password.missing", "")), PasswordPage.problems(CURRENT, null, null));
        assertEquals(List.of(new PasswordPage.Problem("password.rule", 12)), PasswordPage.problems(CURRENT, "short", "short"));
        assertEquals(List.of(new PasswordPage.Problem("password.rule", 12)),
                PasswordPage.problems(CURRENT, "x".repeat(1025), "x".repeat(1025)));
        assertEquals(List.of(new PasswordPage.Problem("password.mismatch", "")),
                PasswordPage.problems(CURRENT, "correct horse battery", "correct horse batterY"));
        assertEquals(List.of(new PasswordPage.Problem("password.mismatch", "")),
                PasswordPage.problems(CURRENT, "correct horse battery", null));
    }

    @Test
    void theNewPasswordIsNotTheCurrentOneAgain() {
        assertEquals(List.of(new PasswordPage.Problem("password.same", "")), PasswordPage.problems(CURRENT, CURRENT, CURRENT));
    }

    @Test
    void aUserWhoMustChangeTheirPasswordReachesOnlyThatPageSigningInAndOutAndWhatIsNoPage() {
        for (String open : List.of("/account/password", "/logout", "/login", "/login/sso", "/login/sso/callback",
                "/static/pendule.css", "/webjars/htmx.org/2.0.10/dist/htmx.min.js", "/health", "/health/ready", "/v1")) {
            assertTrue(PasswordChangeFilter.stillOpen(open), open);
        }
        for (String page : List.of("", "/", "/jobs", "/jobs/backup/edit", "/new", "/tokens", "/users", "/audit",
                "/account/passwords", "/account", "/loginx")) {
            assertFalse(PasswordChangeFilter.stillOpen(page), page);
        }
    }

    @Test
    void aTokenIsActiveUntilItExpiresOrIsRevoked() {
        ApiToken token = new ApiToken("Ab3dEf9h", "backup", "ops", Role.VIEWER, "f".repeat(64), AT, AT.plusSeconds(60));
        assertEquals("active", TokensPages.state(token, AT));
        assertEquals("active", TokensPages.state(token, AT.plusSeconds(59)));
        assertEquals("expired", TokensPages.state(token, AT.plusSeconds(60)));
        token.revoke(AT.plusSeconds(10));
        assertEquals("revoked", TokensPages.state(token, AT.plusSeconds(20)));
        assertEquals("revoked", TokensPages.state(token, AT.plusSeconds(90)), "revoked says more than expired");
    }
}
