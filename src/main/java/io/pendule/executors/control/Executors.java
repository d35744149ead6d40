package io.pendule.executors.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The executors this node knows, by the name a job gives in its {@code executor} field. */
@ApplicationScoped
public class Executors {

    @Inject
    @Any
    Instance<JobExecutor> all;

    public Optional<JobExecutor> named(String name) {
        return all.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        all.forEach(e -> names.add(e.name()));
        return names;
    }
}
