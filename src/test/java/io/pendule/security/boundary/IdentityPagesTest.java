package io.pendule.security.boundary;

import io.pendule.security.entity.ApiToken;
import io.pendule.security.entity.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IdentityPagesTest {

    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void aNewPasswordIsTypedTwiceTheSameAndLongEnough() {
        assertEquals(List.of(), PasswordPage.problems("correct horse battery", "correct horse battery"));
        assertEquals(List.of(new PasswordPage.Problem("password.missing", "")), PasswordPage.problems("", ""));
        assertEquals(List.of(new PasswordPage.Problem("password.missing", "")), PasswordPage.problems(null, null));
        assertEquals(List.of(new PasswordPage.Problem("password.rule", 12)), PasswordPage.problems("short", "short"));
        assertEquals(List.of(new PasswordPage.Problem("password.rule", 12)), PasswordPage.problems("x".repeat(1025), "x".repeat(1025)));
        assertEquals(List.of(new PasswordPage.Problem("password.mismatch", "")),
                PasswordPage.problems("correct horse battery", "correct horse batterY"));
        assertEquals(List.of(new PasswordPage.Problem("password.mismatch", "")), PasswordPage.problems("correct horse battery", null));
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
