package io.pendule.executions.control;

import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last few executions of each job of a page of the jobs list, newest first, in one SQL statement.
 * <p>
 * One LIMITed branch per job, glued with UNION ALL, rather than ROW_NUMBER() OVER (PARTITION BY job_name): each
 * branch reads only the first entries of the execution_job_history index (job_name, scheduled_at DESC, id DESC, V13)
 * and stops, where the window function reads every execution of the job before dropping all but the last few (a
 * million rows for a busy job). The ORDER BY names job_name, constant in a branch, because H2 uses an index for the
 * order only when the ORDER BY follows the index's columns from the first.
 */
@ApplicationScoped
public class RecentRuns {

    private static final String BRANCH = "(SELECT id, job_name, status, scheduled_at, started_at, finished_at"
            + " FROM execution WHERE job_name = ? ORDER BY job_name, scheduled_at DESC, id DESC LIMIT ?)";

    /** One execution as a dot: its id, status, when it was scheduled and when it ran (or was scheduled to). */
    public record Run(long id, String status, Instant scheduledAt, Instant at) {
    }

    /** Newest first, as the index reads them; UNION ALL promises no order, so the rows are sorted again. */
    private static final Comparator<Run> NEWEST_FIRST = Comparator.comparing(Run::scheduledAt)
            .thenComparingLong(Run::id).reversed();

    @Inject
    Jdbc jdbc;

    /** For each job named, its last {@code each} executions, newest first; a job without any maps to an empty list. */
    public Map<String, List<Run>> of(List<String> jobs, int each) {
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        jobs.forEach(job -> runs.put(job, new ArrayList<>()));
        if (jobs.isEmpty()) {
            return runs;
        }
        String sql = String.join(" UNION ALL ", Collections.nCopies(jobs.size(), BRANCH));
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < jobs.size(); i++) {
                    select.setString(2 * i + 1, jobs.get(i));
                    select.setInt(2 * i + 2, each);
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Instant scheduled = SqlTime.get(rs, "scheduled_at");
                        Instant at = SqlTime.get(rs, "finished_at");
                        at = at != null ? at : SqlTime.get(rs, "started_at");
                        runs.get(rs.getString("job_name")).add(new Run(rs.getLong("id"), rs.getString("status"),
                                scheduled, at != null ? at : scheduled));
                    }
                }
            }
            runs.values().forEach(list -> list.sort(NEWEST_FIRST));
            return runs;
        });
    }
}
