package io.pendule.jobs.entity;

import io.pendule.api.entity.FieldError;

import java.util.Comparator;
import java.util.Map;

/**
 * A job an import would create, with where it comes from: {@code origin} is its place in the file
 * ({@code documents[2]}, {@code line 7}), and {@code sources} tells which part of that place each field of the job
 * was made from (job field or its prefix → path in the document), so that a problem of the job is reported where the
 * user can fix it. A crontab line has no parts: its problems are reported on the line.
 */
public record ImportedJob(String origin, Job job, Map<String, String> sources) {

    public ImportedJob {
        sources = Map.copyOf(sources);
    }

    /** A problem of the job's field, said of the place in the file it came from. */
    public FieldError located(FieldError problem) {
        if (sources.isEmpty()) {
            return new FieldError(origin, problem.field() + ": " + problem.message());
        }
        String field = problem.field();
        String source = sources.entrySet().stream()
                .filter(s -> field.equals(s.getKey()) || field.startsWith(s.getKey() + "."))
                .max(Comparator.comparingInt(s -> s.getKey().length()))
                .map(Map.Entry::getValue).orElse(field);
        return new FieldError(origin + "." + source, problem.message());
    }
}
