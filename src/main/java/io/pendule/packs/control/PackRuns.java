package io.pendule.packs.control;

import io.pendule.database.control.Database;
import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import io.pendule.executions.control.ExecutionQueue;
import io.pendule.executions.entity.Trigger;
import io.pendule.packs.entity.Activation;
import io.pendule.packs.entity.PackRun;
import io.pendule.packs.entity.PackType;
import io.pendule.platform.Json;
import io.pendule.security.entity.Identity;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The runs of pack jobs as the matrix shows them, and its re-runs. A pack job is a job of executor "pack" whose config
 * names the pack ({@code "pack": "basic"}); each of its runs is one execution per endpoint, its target the endpoint's
 * slug (V27). Read in one statement for the whole page: each pack job, and the last execution of each of its targets.
 */
@ApplicationScoped
public class PackRuns {

    /** Every pack job, with the last execution of each of its targets (none: the job's row alone). */
    static final String LAST_RUNS = "SELECT j.name, j.executor_config, r.target, r.id, r.status, r.scheduled_at, r.started_at,"
            + " r.finished_at FROM job j LEFT JOIN (SELECT e.job_name, e.target, e.id, e.status, e.scheduled_at, e.started_at,"
            + " e.finished_at, ROW_NUMBER() OVER (PARTITION BY e.job_name, e.target ORDER BY e.scheduled_at DESC, e.id DESC) AS n"
            + " FROM execution e JOIN job p ON p.name = e.job_name WHERE p.executor = 'pack' AND e.target <> '') r"
            + " ON r.job_name = j.name AND r.n = 1 WHERE j.executor = 'pack' ORDER BY j.name";

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;
    @Inject
    Activations activations;
    @Inject
    ExecutionQueue queue;

    /** What the matrix shows of runs: the jobs that run each pack, and the last run of each pack on each endpoint. */
    public record Board(Map<String, List<String>> jobsByPack, Map<Cell, PackRun> lastRuns) {

        public static final Board EMPTY = new Board(Map.of(), Map.of());

        public List<String> jobsOf(String pack) {
            return jobsByPack.getOrDefault(pack, List.of());
        }

        /** The last run of {@code pack} on {@code slug}, by any of the pack's jobs. */
        public Optional<PackRun> last(String pack, String slug) {
            return Optional.ofNullable(lastRuns.get(new Cell(pack, slug)));
        }
    }

    /** A pack on an endpoint. */
    public record Cell(String pack, String slug) {
    }

    /** What {@link #rerun} queued: a run per job, and the packs that have no job to run them. */
    public record Rerun(List<Long> runs, List<String> packsWithoutJob) {
    }

    /** The board of the whole matrix, in one statement. */
    public Board board() {
        Map<String, List<String>> jobs = new TreeMap<>();
        Map<Cell, PackRun> last = new LinkedHashMap<>();
        for (Row row : Jdbc.query(dataSource, LAST_RUNS, none -> {
        }, PackRuns::row)) {
            Optional<String> pack = packOf(row.config());
            if (pack.isEmpty()) {
                continue;
            }
            List<String> ofPack = jobs.computeIfAbsent(pack.get(), p -> new ArrayList<>());
            if (!ofPack.contains(row.job())) {
                ofPack.add(row.job());
            }
            if (row.run() != null) {
                PackRun run = new PackRun(pack.get(), row.run().slug(), row.job(), row.run().execution(), row.run().status(),
                        row.run().scheduledAt(), row.run().startedAt(), row.run().finishedAt());
                last.merge(new Cell(pack.get(), run.slug()), run, (one, other) -> one.scheduledAt().isAfter(other.scheduledAt()) ? one : other);
            }
        }
        return new Board(jobs, last);
    }

    /**
     * Runs again the pack jobs of the cells switched on of {@code type}, of one pack (a column), one endpoint (a row) or
     * both (a cell): each job of each pack once, against those of its endpoints only.
     */
    public Rerun rerun(Identity caller, PackType type, String pack, String slug) {
        Map<String, TreeSet<String>> targets = new TreeMap<>();
        for (Activation cell : activations.all()) {
            if (cell.type() == type && (pack == null || cell.pack().equals(pack)) && (slug == null || cell.slug().equals(slug))) {
                targets.computeIfAbsent(cell.pack(), p -> new TreeSet<>()).add(cell.slug());
            }
        }
        Board board = board();
        List<Long> runs = new ArrayList<>();
        List<String> withoutJob = new ArrayList<>();
        targets.forEach((name, slugs) -> {
            if (board.jobsOf(name).isEmpty()) {
                withoutJob.add(name);
            }
            board.jobsOf(name).forEach(job -> runs.add(queue.queue(job, Trigger.MANUAL, null, caller, slugs)));
        });
        return new Rerun(runs, withoutJob);
    }

    /** The pack a job's executor_config names; none when it names none or does not parse. */
    static Optional<String> packOf(String config) {
        try {
            Map<String, String> keys = config == null ? Map.of() : Json.readStringMap(config);
            return Optional.ofNullable(keys == null ? null : keys.get("pack")).filter(name -> !name.isBlank());
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private record Row(String job, String config, PackRun run) {
    }

    private static Row row(ResultSet rs) throws SQLException {
        String target = rs.getString("target");
        PackRun run = target == null ? null : new PackRun(null, target, rs.getString("name"), rs.getLong("id"),
                rs.getString("status"), SqlTime.get(rs, "scheduled_at"), SqlTime.get(rs, "started_at"), SqlTime.get(rs, "finished_at"));
        return new Row(rs.getString("name"), rs.getString("executor_config"), run);
    }
}
