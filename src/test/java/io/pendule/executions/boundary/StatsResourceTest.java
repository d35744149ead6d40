package io.pendule.executions.boundary;

import io.pendule.api.entity.ValidationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatsResourceTest {

    @Test
    void daysDefaultsTo30AndTakesWholeNumbersFrom1To365() {
        assertEquals(30, StatsResource.days(null));
        assertEquals(30, StatsResource.days(""));
        assertEquals(1, StatsResource.days("1"));
        assertEquals(365, StatsResource.days(" 365 "));
    }

    @Test
    void otherDaysAreRefusedNamingTheParameter() {
        for (String bad : new String[] {"0", "-1", "366", "7.5", "seven", "99999999999"}) {
            ValidationException refused = assertThrows(ValidationException.class, () -> StatsResource.days(bad), bad);
            assertEquals("days", refused.errors().get(0).field(), bad);
        }
    }
}
