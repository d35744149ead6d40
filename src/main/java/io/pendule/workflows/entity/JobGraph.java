package io.pendule.workflows.entity;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The jobs that take part in a relation and their relations; {@code jobCount} counts every job, so that the jobs
 * standing alone (in no relation) can be told.
 */
public record JobGraph(List<JobNode> nodes, List<JobLink> links, long jobCount) {

    public long standalone() {
        return jobCount - nodes.size();
    }

    public boolean contains(String job) {
        return nodes.stream().anyMatch(n -> n.name().equals(job));
    }

    /** The job, its ancestors (every job upstream of it) and its descendants, with the links between them. */
    public JobGraph around(String job) {
        Set<String> kept = new LinkedHashSet<>();
        kept.add(job);
        kept.addAll(reachable(job, JobLink::to, JobLink::from));
        kept.addAll(reachable(job, JobLink::from, JobLink::to));
        return new JobGraph(nodes.stream().filter(n -> kept.contains(n.name())).toList(),
                links.stream().filter(l -> kept.contains(l.from()) && kept.contains(l.to())).toList(), jobCount);
    }

    /** The jobs reached from {@code start} following links from their {@code near} end to their {@code far} end. */
    private Set<String> reachable(String start, Function<JobLink, String> near, Function<JobLink, String> far) {
        Map<String, List<String>> neighbours = links.stream().collect(Collectors.groupingBy(near,
                Collectors.mapping(far, Collectors.toList())));
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(start));
        while (!next.isEmpty()) {
            for (String found : neighbours.getOrDefault(next.poll(), List.of())) {
                if (seen.add(found)) {
                    next.add(found);
                }
            }
        }
        return seen;
    }
}
