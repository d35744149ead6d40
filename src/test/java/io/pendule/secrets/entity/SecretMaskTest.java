package io.pendule.secrets.entity;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretMaskTest {

    private final SecretMask mask = SecretMask.of(List.of("hunter2-xyz", "p@ss word\"q"));

    @Test
    void everyWholeValueIsMasked() {
        assertEquals("token=*** and *** again", mask.masked("token=hunter2-xyz and hunter2-xyz again"));
        assertEquals("nothing secret", mask.masked("nothing secret"));
        assertEquals(null, mask.masked(null));
    }

    @Test
    void theFormsAJsonStringOrAUrlGiveAValueAreMaskedToo() {
        assertEquals("{\"pw\":\"***\"}", mask.masked("{\"pw\":\"p@ss word\\\"q\"}"), "as a JSON string carries it");
        assertEquals("?pw=***", mask.masked("?pw=p%40ss+word%22q"), "as a form encodes it");
        assertEquals("/pw/***", mask.masked("/pw/p%40ss%20word%22q"), "as a path encodes it");
    }

    @Test
    void aValueContainingAnotherIsMaskedWhole() {
        SecretMask nested = SecretMask.of(List.of("abcd", "abcdefgh"));
        assertEquals("*** ***", nested.masked("abcdefgh abcd"));
    }

    @Test
    void aTailThatLostItsBeginningHasTheEndOfAValueMasked() {
        assertEquals("***\ndone", mask.maskedTail("r2-xyz\ndone", true));
        assertEquals("r2-xyz\ndone", mask.maskedTail("r2-xyz\ndone", false), "a whole output starts where it starts");
        assertEquals("z\ndone", mask.maskedTail("z\ndone", true), "one character is no value's end worth hiding");
    }

    @Test
    void aLiveTailHoldsBackTheBeginningOfAValueUntilItIsWhole() {
        assertEquals("token=", mask.maskedLiveTail("token=hunt", false));
        assertEquals("token=", mask.maskedLiveTail("token=h", false));
        assertEquals("token=***\n", mask.maskedLiveTail("token=hunter2-xyz\n", false));
        assertEquals("plain text", mask.maskedLiveTail("plain text", false));
    }

    @Test
    void shortValuesAreNotMasked() {
        SecretMask shortOnes = SecretMask.of(List.of("yes", "1"));
        assertTrue(shortOnes.isEmpty());
        assertSame(SecretMask.NONE, shortOnes);
        assertEquals("yes 1", shortOnes.masked("yes 1"));
        assertFalse(SecretMask.of(List.of("four")).isEmpty());
    }
}
