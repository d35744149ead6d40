package io.pendule.jobs.boundary;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.jobs.entity.Job;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The restore file read as a stream, one job at a time (RestoreResource.definitions): what it takes, what it refuses. */
class RestoreFileTest {

    private static String job(String name) {
        return "{\"name\":\"" + name + "\",\"schedule\":\"@every 1h\",\"executor\":\"shell\",\"executor_config\":{\"command\":\"true\"}}";
    }

    private static List<Job> read(String file) throws IOException {
        return RestoreResource.definitions(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<FieldError> refused(String file) {
        return assertThrows(ValidationException.class, () -> read(file)).errors();
    }

    @Test
    void manyJobsAreReadFromAStreamInOrder() throws IOException {
        int count = 20_000;
        List<InputStream> pieces = new java.util.ArrayList<>();
        pieces.add(new ByteArrayInputStream("[".getBytes(StandardCharsets.UTF_8)));
        IntStream.range(0, count).forEach(i -> pieces.add(new ByteArrayInputStream(
                ((i == 0 ? "" : ",") + job("job-" + i)).getBytes(StandardCharsets.UTF_8))));
        pieces.add(new ByteArrayInputStream("]\n".getBytes(StandardCharsets.UTF_8)));
        List<Job> jobs = RestoreResource.definitions(new SequenceInputStream(Collections.enumeration(pieces)));
        assertEquals(count, jobs.size());
        assertEquals("job-0", jobs.get(0).getName());
        assertEquals("job-" + (count - 1), jobs.get(count - 1).getName());
    }

    @Test
    void anEmptyArrayIsNoJob() throws IOException {
        assertEquals(List.of(), read(" [ ] "));
    }

    @Test
    void notAnArrayIsRefusedNamingTheFile() {
        for (String file : List.of("", "  ", "null", "{\"name\":\"x\"}", "\"x\"", "12")) {
            List<FieldError> errors = refused(file);
            assertEquals("file", errors.get(0).field(), file);
            assertTrue(errors.get(0).message().contains("array"), errors.toString());
        }
    }

    @Test
    void brokenJsonIsRefusedNamingTheFile() {
        for (String file : List.of("[" + job("a"), "[" + job("a") + ",", "[{\"name\": \"restored\", ", "[" + job("a") + "] trailing",
                "[" + job("a") + "] []", "[" + "[".repeat(5000) + "]".repeat(5000) + "]")) {
            List<FieldError> errors = refused(file);
            assertEquals("file", errors.get(0).field(), file);
            assertTrue(errors.get(0).message().startsWith("is not JSON"), errors.toString());
        }
    }

    @Test
    void aFieldGivenTwiceIsRefusedWhereItIs() {
        List<FieldError> errors = refused("[" + job("a") + ",{\"name\":\"b\",\"name\":\"c\"}]");
        assertEquals("file", errors.get(0).field());
        assertTrue(errors.get(0).message().contains("given twice") && errors.get(0).message().contains("[1].name"), errors.toString());
    }

    @Test
    void everyBadJobIsNamedByItsPlace() {
        List<FieldError> errors = refused("[" + job("a") + ",null,{\"name\":\"b\",\"retries\":\"x\"},{\"name\":\"c\",\"displayname\":\"a\\u0000b\"}]");
        List<String> fields = errors.stream().map(FieldError::field).toList();
        assertTrue(fields.stream().anyMatch(f -> f.startsWith("[1].")), fields.toString());
        assertTrue(fields.contains("[2].retries"), fields.toString());
        assertTrue(fields.stream().anyMatch(f -> f.startsWith("[3].displayname")), fields.toString());
        assertTrue(fields.stream().noneMatch(f -> f.startsWith("[0]")), fields.toString());
    }
}
