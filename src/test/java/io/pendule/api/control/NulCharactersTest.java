package io.pendule.api.control;

import io.pendule.api.entity.FieldError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NulCharactersTest {

    @Test
    void aNulAnywhereIsFound() {
        assertTrue(NulCharacters.in("\u0000"));
        assertTrue(NulCharacters.in("tok\u0000en"));
        assertTrue(NulCharacters.in("token\u0000"));
    }

    @Test
    void textWithoutNulAndNoTextAtAllPass() {
        assertFalse(NulCharacters.in(null));
        assertFalse(NulCharacters.in(""));
        assertFalse(NulCharacters.in("a token \u0001 with odd but storable characters"));
    }

    @Test
    void aRefusalNamesTheField() {
        List<FieldError> errors = new ArrayList<>();
        NulCharacters.check("name", "fine", errors);
        NulCharacters.check("name", "tok\u0000en", errors);
        assertEquals(List.of(new FieldError("name", NulCharacters.MESSAGE)), errors);
    }
}
