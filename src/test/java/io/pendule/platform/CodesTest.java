package io.pendule.platform;

import io.pendule.clock.entity.MisfirePolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CodesTest {

    @Test
    void aCodeIsTheConstantsNameInLowerCase() {
        assertEquals("fire_once", Codes.of(MisfirePolicy.Kind.FIRE_ONCE));
        assertEquals(List.of("skip", "fire_once", "catch_up"), Codes.all(MisfirePolicy.Kind.class));
    }

    @Test
    void onlyTheExactCodeFindsItsConstant() {
        assertEquals(Optional.of(MisfirePolicy.Kind.CATCH_UP), Codes.find(MisfirePolicy.Kind.class, "catch_up"));
        for (String other : new String[]{"CATCH_UP", "catch-up", " catch_up", "", null}) {
            assertEquals(Optional.empty(), Codes.find(MisfirePolicy.Kind.class, other), "\"" + other + "\"");
        }
    }
}
