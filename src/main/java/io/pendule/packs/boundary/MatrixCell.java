package io.pendule.packs.boundary;

import io.pendule.packs.control.PackRuns;
import io.pendule.packs.entity.PackRun;

import java.time.Duration;
import java.time.Instant;

/**
 * A cell of the matrix page: whether the pack runs on the endpoint, whether it has a configuration there, whether a
 * job runs the pack at all, and its last run there (null: none), with that run's age and time taken (null: not
 * started). {@link #runState()} is the class the cell is drawn with: the last run's status, {@code never-run}, or
 * {@code no-job}.
 */
public record MatrixCell(String type, String pack, String slug, boolean active, boolean configured, boolean hasJob,
                         PackRun run, Rough age, Rough took) {

    static final String NEVER_RUN = "never-run";
    static final String NO_JOB = "no-job";

    static MatrixCell of(String type, String pack, String slug, boolean active, boolean configured, PackRuns.Board runs,
                         Instant now) {
        PackRun last = runs.last(pack, slug).orElse(null);
        return new MatrixCell(type, pack, slug, active, configured, !runs.jobsOf(pack).isEmpty(), last,
                last == null ? null : Rough.of(Duration.between(last.at(), now)),
                last == null ? null : last.took(now).map(Rough::of).orElse(null));
    }

    public String runState() {
        return run != null ? run.status() : hasJob ? NEVER_RUN : NO_JOB;
    }

    /** The cell's element id: type, pack and slug, with what an id should not hold made '_'. */
    public String id() {
        return ("cell-" + type + "-" + pack + "-" + slug).replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
