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
    void aFieldGivenTwiceIsRefusedByNameWhereverItIs() throws Exception {
        FieldError twice = refused("{\"role\":\"viewer\",\"role\":\"admin\"}");
        assertEquals("role", twice.field());
        assertEquals("given twice: which one counts would be a guess", twice.message());
        com.fasterxml.jackson.core.JsonProcessingException nested = assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class,
                () -> StrictJson.tree("{\"executor_config\":{\"command\":\"true\",\"command\":\"rm -rf /\"}}"));
        assertEquals("executor_config.command", JsonProblem.of(nested).field());
        com.fasterxml.jackson.core.JsonProcessingException inList = assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class,
                () -> StrictJson.tree("{\"notifications\":[{\"on\":\"always\"},{\"on\":\"failure\",\"on\":\"always\"}]}"));
        assertEquals("notifications[1].on", JsonProblem.of(inList).field());
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
