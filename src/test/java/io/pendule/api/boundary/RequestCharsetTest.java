package io.pendule.api.boundary;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestCharsetTest {

    @Test
    void theCharsetsOfTheJdkAreKnownWhateverTheirCase() {
        assertTrue(RequestCharset.known("UTF-8"));
        assertTrue(RequestCharset.known("utf-8"));
        assertTrue(RequestCharset.known("utf-16"));
        assertTrue(RequestCharset.known("ISO-8859-1"));
    }

    @Test
    void anUnknownOrIllegalCharsetIsNot() {
        assertFalse(RequestCharset.known("bogus-7"));
        assertFalse(RequestCharset.known("bogus"));
        assertFalse(RequestCharset.known("not a charset"));
        assertFalse(RequestCharset.known(""));
    }
}
