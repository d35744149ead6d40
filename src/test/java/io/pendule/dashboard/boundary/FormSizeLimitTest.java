package io.pendule.dashboard.boundary;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormSizeLimitTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void aPageFormOverTheLimitIsTooLarge() {
        assertTrue(FormSizeLimit.tooLarge("/new", FORM, FormSizeLimit.MAX_BYTES + 1));
        assertTrue(FormSizeLimit.tooLarge("/users", "Application/X-WWW-Form-Urlencoded; charset=UTF-8", 3L << 20));
    }

    @Test
    void aFormUpToTheLimitOrOfUnknownLengthIsLetThrough() {
        assertFalse(FormSizeLimit.tooLarge("/new", FORM, FormSizeLimit.MAX_BYTES));
        assertFalse(FormSizeLimit.tooLarge("/new", FORM, -1));
    }

    @Test
    void otherBodiesAndTheApiAreNotConcerned() {
        assertFalse(FormSizeLimit.tooLarge("/v1", FORM, 3L << 20), "the API has its own limit");
        assertFalse(FormSizeLimit.tooLarge("/new", "application/json", 3L << 20));
        assertFalse(FormSizeLimit.tooLarge("/new", null, 3L << 20));
    }
}
