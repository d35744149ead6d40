package io.pendule.executions.control;

import io.pendule.executions.entity.RetentionLimits;
import io.pendule.platform.Jdbc;
import io.pendule.platform.Settings;
import io.pendule.platform.SqlTime;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps execution history within each job's retention (keep_executions, keep_executions_for, or the node's
 * defaults): on every worker node, a non-persistent timer every PENDULE_PRUNE_EVERY (a minute) prunes for at most
 * {@link #BUDGET}, in small batches (see {@link HistoryPruning}), and takes up where it stopped on the next pass.
 * The count limit is checked for the jobs that finished runs since the previous pass (job_stats says which) and,
 * once an hour, for every job; the age limit for every job that has one, on every pass.
 */
@Singleton
@Startup
@DependsOn("Database")
@TransactionManagement(TransactionManagementType.BEAN)
public class HistoryPruner {

    private static final Logger LOG = Logger.getLogger(HistoryPruner.class.getName());
    static final Duration BUDGET = Duration.ofSeconds(5);
    private static final Duration FULL_SWEEP_EVERY = Duration.ofHours(1);
    /** Runs are counted on job_stats a little after they finish: look back further than the last pass. */
    private static final Duration LOOK_BACK = Duration.ofMinutes(1);

    private static final String JOBS = "SELECT j.name, j.keep_executions, j.keep_executions_for, s.last_success, "
            + "s.last_error FROM job j LEFT JOIN job_stats s ON s.job_name = j.name ORDER BY j.name";

    private record JobRetention(String name, RetentionLimits limits, Instant lastFinished) {
    }

    @Resource
    TimerService timers;
    @Inject
    Jdbc jdbc;
    @Inject
    HistoryPruning pruning;

    private final int defaultKeep = Settings.keepExecutions();
    private final Optional<Duration> defaultKeepFor = Settings.keepExecutionsFor();
    /** Jobs with runs finished after this are checked against their count limit; null: every job. */
    private Instant countedSince;
    private Instant lastFullSweep = Instant.MIN;
    /** Where a pass that ran out of time stopped, in job-name order; null when the last pass finished. */
    private String resumeAfter;

    @PostConstruct
    void start() {
        if (Settings.hasRole("worker")) {
            long every = Settings.pruneEvery().toMillis();
            timers.createIntervalTimer(every, every, new TimerConfig(null, false));
        }
    }

    @Timeout
    void prune() {
        try {
            pass(Instant.now());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Pruning execution history failed, trying again on the next pass: " + e.getMessage(), e);
        }
    }

    private void pass(Instant start) {
        if (start.isAfter(lastFullSweep.plus(FULL_SWEEP_EVERY)) && resumeAfter == null) {
            countedSince = null;
            lastFullSweep = start;
        }
        Instant deadline = start.plus(BUDGET);
        int deleted = 0;
        String last = null;
        for (JobRetention job : inTurn(jobs())) {
            if (!Instant.now().isBefore(deadline)) {
                resumeAfter = last;
                report(deleted);
                return;
            }
            deleted += pruneJob(job, start, deadline);
            last = job.name();
        }
        resumeAfter = null;
        countedSince = start.minus(LOOK_BACK);
        report(deleted);
    }

    private int pruneJob(JobRetention job, Instant now, Instant deadline) {
        int deleted = 0;
        if (countedSince == null || (job.lastFinished() != null && !job.lastFinished().isBefore(countedSince))) {
            deleted += pruning.beyondNewest(job.name(), job.limits().keep(), deadline);
        }
        Optional<Instant> before = job.limits().finishedBefore(now);
        if (before.isPresent()) {
            deleted += pruning.finishedBefore(job.name(), before.get(), deadline);
        }
        return deleted;
    }

    /** The jobs after the one the previous pass stopped at come first. */
    private List<JobRetention> inTurn(List<JobRetention> jobs) {
        if (resumeAfter == null) {
            return jobs;
        }
        List<JobRetention> ordered = new ArrayList<>(jobs.stream().filter(j -> j.name().compareTo(resumeAfter) > 0).toList());
        jobs.stream().filter(j -> j.name().compareTo(resumeAfter) <= 0).forEach(ordered::add);
        return ordered;
    }

    private List<JobRetention> jobs() {
        return jdbc.inTransaction(connection -> {
            List<JobRetention> jobs = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(JOBS); ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    try {
                        RetentionLimits limits = RetentionLimits.of(rs.getInt(2), rs.getString(3), defaultKeep, defaultKeepFor);
                        jobs.add(new JobRetention(name, limits, later(SqlTime.get(rs, 4), SqlTime.get(rs, 5))));
                    } catch (IllegalArgumentException e) {
                        LOG.warning(() -> "Job " + name + " keeps all its history: its keep_executions_for is not a duration");
                    }
                }
            }
            return jobs;
        });
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }

    private static void report(int deleted) {
        if (deleted > 0) {
            LOG.info(() -> "Pruned " + deleted + " executions beyond their jobs' retention");
        }
    }
}
