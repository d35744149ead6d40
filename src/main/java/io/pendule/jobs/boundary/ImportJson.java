package io.pendule.jobs.boundary;

import io.pendule.jobs.control.JobJson;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pendule.jobs.control.JobImporter;
import io.pendule.jobs.entity.ImportPlan;
import io.pendule.jobs.entity.ImportWarning;
import io.pendule.jobs.entity.ImportedJob;
import io.pendule.jobs.entity.Job;
import io.pendule.security.entity.Identity;

import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The answer of an import: whether it was a dry run, the jobs (as POST /v1/jobs answers them; a dry run's as they would
 * be created, with the file's place they come from), and the warnings about what does not map.
 */
@JsonPropertyOrder({"dry_run", "jobs", "warnings"})
public record ImportJson(boolean dry_run, List<ImportedJobJson> jobs, List<ImportWarning> warnings) {

    /** A job of the import and where it comes from in the file ({@code documents[0]}, {@code line 3}). */
    @JsonPropertyOrder({"from", "job"})
    public record ImportedJobJson(String from, JobJson job) {
    }

    /** 200 with what a dry run would create, or 201 with what was created. */
    static Response answer(ImportPlan plan, boolean dryRun, JobImporter importer, Identity caller) {
        if (dryRun) {
            return Response.ok(planned(plan, caller)).build();
        }
        return Response.status(Response.Status.CREATED).entity(created(plan, importer.create(plan, caller), caller)).build();
    }

    static ImportJson planned(ImportPlan plan, Identity reader) {
        return new ImportJson(true, plan.jobs().stream()
                .map(imported -> new ImportedJobJson(imported.origin(), shown(imported.job(), reader))).toList(), plan.warnings());
    }

    static ImportJson created(ImportPlan plan, List<Job> created, Identity reader) {
        List<ImportedJob> planned = plan.jobs();
        return new ImportJson(false, java.util.stream.IntStream.range(0, created.size())
                .mapToObj(i -> new ImportedJobJson(planned.get(i).origin(), shown(created.get(i), reader))).toList(),
                plan.warnings());
    }

    private static JobJson shown(Job job, Identity reader) {
        return JobJson.of(job, List.of()).shownTo(reader);
    }
}
