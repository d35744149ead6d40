package io.pendule.security.control;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenTextTest {

    @Test
    void aTokenIsPrefixedNamedByItsIdAndCarries256RandomBits() {
        TokenText token = TokenText.generate();
        assertTrue(token.text().matches("pdl_[0-9A-Za-z]{8}_[0-9A-Za-z]{43}"), token.text());
        assertTrue(token.text().startsWith("pdl_" + token.id() + "_"));
        assertTrue(TokenText.looksLikeOne(token.text()));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(TokenText.generate().text()));
        }
    }

    @Test
    void onlyItsSha256IsKeptAndItIsStable() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", TokenText.sha256(""));
        TokenText token = TokenText.generate();
        assertEquals(token.sha256(), TokenText.sha256(token.text()));
        assertNotEquals(token.sha256(), TokenText.generate().sha256());
    }

    @Test
    void shortOrStrangeTextIsNeverLookedUp() {
        assertFalse(TokenText.looksLikeOne(null));
        assertFalse(TokenText.looksLikeOne("short-token"));
        assertFalse(TokenText.looksLikeOne("x".repeat(31)));
        assertTrue(TokenText.looksLikeOne("x".repeat(32)), "an operator's PENDULE_ADMIN_TOKEN of 32 characters");
        assertFalse(TokenText.looksLikeOne("x".repeat(257)));
        assertFalse(TokenText.looksLikeOne("x".repeat(40) + " ' OR 1=1"));
    }
}
