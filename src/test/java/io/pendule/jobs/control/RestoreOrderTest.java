package io.pendule.jobs.control;

import io.pendule.jobs.entity.Job;
import io.pendule.api.entity.ValidationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RestoreOrderTest {

    private static Job job(String name, String parent) {
        Job job = new Job(name);
        job.setParentJob(parent);
        return job;
    }

    private static List<String> names(List<Job> jobs) {
        return jobs.stream().map(Job::getName).toList();
    }

    @Test
    void parentsComeBeforeTheirChildrenWhateverTheFileOrder() {
        List<Job> file = List.of(job("a-grandchild", "b-child"), job("b-child", "c-root"), job("c-root", null), job("d-alone", null));
        assertEquals(List.of("c-root", "b-child", "a-grandchild", "d-alone"), names(RestoreOrder.parentsFirst(file, name -> false)));
    }

    @Test
    void aParentAlreadyStoredNeedNotBeInTheFile() {
        assertEquals(List.of("child"), names(RestoreOrder.parentsFirst(List.of(job("child", "stored")), "stored"::equals)));
    }

    @Test
    void aMissingParentADuplicateOrACycleRefusesTheWholeFile() {
        ValidationException missing = assertThrows(ValidationException.class,
                () -> RestoreOrder.parentsFirst(List.of(job("child", "nowhere")), name -> false));
        assertEquals("child.parent_job", missing.errors().get(0).field());
        ValidationException twice = assertThrows(ValidationException.class,
                () -> RestoreOrder.parentsFirst(List.of(job("a", null), job("a", null)), name -> false));
        assertEquals("a.name", twice.errors().get(0).field());
        assertThrows(ValidationException.class,
                () -> RestoreOrder.parentsFirst(List.of(job("a", "b"), job("b", "a")), name -> false));
    }
}
