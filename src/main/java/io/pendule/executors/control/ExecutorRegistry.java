package io.pendule.executors.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The executors this node knows, by the name a job gives in its {@code executor} field. */
@ApplicationScoped
public class ExecutorRegistry {

    @Inject
    @Any
    Instance<JobExecutor> all;

    private Map<String, JobExecutor> byName;

    @PostConstruct
    void index() {
        Map<String, JobExecutor> index = new TreeMap<>();
        all.forEach(e -> index.put(e.name(), e));
        byName = Map.copyOf(index);
    }

    public Optional<JobExecutor> named(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    public Set<String> names() {
        return new java.util.TreeSet<>(byName.keySet());
    }
}
