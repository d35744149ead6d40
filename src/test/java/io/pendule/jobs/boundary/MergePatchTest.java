package io.pendule.jobs.boundary;

import io.pendule.jobs.control.JobJsonReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.api.entity.ValidationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MergePatchTest {

    private static final JsonNode JOB = JobJsonReader.tree("""
            {"name":"a","schedule":"@every 1m","metadata":{"team":"core","office":"bcn"},"retries":2}
            """);

    @Test
    void changesOnlyWhatIsSentAndNullRemoves() {
        JsonNode merged = MergePatch.apply(JOB, "{\"schedule\":\"@hourly\",\"metadata\":{\"office\":null,\"floor\":\"2\"}}");
        assertEquals(JobJsonReader.tree("""
                {"name":"a","schedule":"@hourly","metadata":{"team":"core","floor":"2"},"retries":2}
                """), merged);
    }

    @Test
    void aPatchMustBeAnObject() {
        assertThrows(ValidationException.class, () -> MergePatch.apply(JOB, "[]"));
        assertThrows(ValidationException.class, () -> MergePatch.apply(JOB, ""));
    }
}
