package io.pendule.api.control;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StrictJsonTest {

    record Change(String role, Boolean disabled) {
    }

    @Test
    void readsTheFieldsSentAndLeavesTheOthersNull() {
        assertEquals(new Change("operator", true), StrictJson.read("{\"role\":\"operator\",\"disabled\":true}", Change.class, "User"));
        Change none = StrictJson.read("{}", Change.class, "User");
        assertNull(none.role());
        assertNull(none.disabled());
    }

    @Test
    void anUnknownFieldIsRefusedByName() {
        FieldError problem = refused("{\"role\":\"admin\",\"disbled\":true}");
        assertEquals("disbled", problem.field());
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedByName() {
        assertEquals("disabled", refused("{\"disabled\":\"yes\"}").field());
        assertEquals("role", refused("{\"role\":2}").field());
        assertEquals("role", refused("{\"role\":true}").field());
        assertEquals("role", refused("{\"role\":{\"id\":\"admin\"}}").field());
    }

    @Test
    void whatIsNoObjectIsRefusedAsTheBody() {
        for (String body : new String[] {null, "", "  ", "null", "[]", "\"admin\"", "{\"role\":", "{} {}", "not json"}) {
            ValidationException refused = assertThrows(ValidationException.class, () -> StrictJson.read(body, Change.class, "User"),
                    String.valueOf(body));
            assertEquals(1, refused.errors().size(), body);
            assertEquals("body", refused.errors().get(0).field(), body);
            assertEquals(true, refused.getMessage().startsWith("User validation failed: "), refused.getMessage());
        }
    }

    private static FieldError refused(String body) {
        ValidationException refused = assertThrows(ValidationException.class, () -> StrictJson.read(body, Change.class, "User"));
        assertEquals(1, refused.errors().size(), refused.getMessage());
        return refused.errors().get(0);
    }
}
