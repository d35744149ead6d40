package io.pendule.executions.control;

import io.pendule.executions.entity.RetentionLimits;
import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import io.pendule.platform.Settings;
import io.pendule.security.control.AuditRetention;
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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps execution history within each job's retention (keep_executions, keep_executions_for, or the node's
 * defaults): on every worker node, a non-persistent timer every PENDULE_PRUNE_EVERY (a minute) prunes for at most
 * {@link #BUDGET}, in small batches (see {@link PruneStatements}), and takes up where it stopped on the next pass.
 * The count limit works from what {@link HistorySizes} knows of each job's row count, so a pass reads only the rows
 * added since the previous one, not the whole history (a count of every job's rows on every pass took 3.8 s on
 * 10,000,000 rows, docs/benchmarks.md); the age limit is applied to every job that has one, on every pass. Each pass
 * then deletes the audit events older than PENDULE_AUDIT_KEEP_FOR ({@link AuditRetention}), within a budget of its own.
 */
@Singleton
@Startup
@DependsOn("Database")
@TransactionManagement(TransactionManagementType.BEAN)
public class HistoryPruner {

    private static final Logger LOG = Logger.getLogger(HistoryPruner.class.getName());
    static final Duration BUDGET = Duration.ofSeconds(5);
    /** Every job's rows are counted again this often, in case rows came in older than a job's newest (an import). */
    static final Duration RECOUNT_EVERY = Duration.ofHours(1);
    /** The jobs whose sizes one transaction brings up to date. */
    private static final int COUNTED_TOGETHER = 100;

    /** Each job's limits and its newest execution's scheduled time: an index probe per job, whatever the history holds. */
    static final String JOBS = "SELECT j.name, j.keep_executions, j.keep_executions_for, "
            + "(SELECT MAX(e.scheduled_at) FROM execution e WHERE e.job_name = j.name) FROM job j ORDER BY j.name";

    record JobHistory(String name, RetentionLimits limits, Instant newest) {
    }

    @Resource
    TimerService timers;
    @Inject
    Jdbc jdbc;
    @Inject
    PruneStatements pruning;
    @Inject
    Settings settings;
    @Inject
    AuditRetention audit;

    int defaultKeep;
    Optional<Duration> defaultKeepFor = Optional.empty();
    final HistorySizes sizes = new HistorySizes();
    private Instant recountAt = Instant.MIN;
    /** Where a pass that ran out of time stopped, in job-name order; null when the last pass finished. */
    private String resumeAfter;

    @PostConstruct
    void start() {
        defaultKeep = settings.keepExecutions();
        defaultKeepFor = settings.keepExecutionsFor();
        if (settings.hasRole("worker")) {
            long every = settings.pruneEvery().toMillis();
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
        try {
            Instant now = Instant.now();
            int deleted = audit.prune(now, now.plus(BUDGET));
            if (deleted > 0) {
                LOG.info(() -> "Pruned " + deleted + " audit events older than PENDULE_AUDIT_KEEP_FOR");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Pruning the audit log failed, trying again on the next pass: " + e.getMessage(), e);
        }
    }

    /** One pass, judging ages at {@code now}, for at most {@link #BUDGET}: answers how many executions it deleted. */
    int pass(Instant now) {
        Instant deadline = Instant.now().plus(BUDGET);
        if (!now.isBefore(recountAt)) {
            sizes.forgetAll();
            recountAt = now.plus(RECOUNT_EVERY);
        }
        List<JobHistory> jobs = jobs();
        sizes.keepOnly(jobs.stream().map(JobHistory::name).toList());
        int deleted = 0;
        String last = null;
        List<JobHistory> inTurn = inTurn(jobs);
        for (int from = 0; from < inTurn.size(); from += COUNTED_TOGETHER) {
            List<JobHistory> chunk = inTurn.subList(from, Math.min(inTurn.size(), from + COUNTED_TOGETHER));
            if (!Instant.now().isBefore(deadline)) {
                return stopped(last, deleted);
            }
            Set<String> overCount = overTheirCount(chunk);
            for (JobHistory job : chunk) {
                if (!Instant.now().isBefore(deadline)) {
                    return stopped(last, deleted);
                }
                deleted += pruneJob(job, overCount.contains(job.name()), now, deadline);
                last = job.name();
            }
        }
        resumeAfter = null;
        return report(deleted);
    }

    private int stopped(String last, int deleted) {
        resumeAfter = last;
        return report(deleted);
    }

    /** Brings the chunk's sizes up to date in one transaction; answers the jobs to prune down to their count. */
    private Set<String> overTheirCount(List<JobHistory> chunk) {
        return jdbc.inTransaction(connection -> {
            Set<String> over = new HashSet<>();
            for (JobHistory job : chunk) {
                long rows = sizes.update(connection, job.name(), job.newest());
                if (rows > HistorySizes.pruneAbove(job.limits().keep())) {
                    over.add(job.name());
                }
            }
            return over;
        });
    }

    private int pruneJob(JobHistory job, boolean overCount, Instant now, Instant deadline) {
        int deleted = 0;
        if (overCount) {
            deleted += pruning.beyondNewest(job.name(), job.limits().keep(), deadline);
            sizes.forget(job.name());
        }
        Optional<Instant> before = job.limits().finishedBefore(now);
        if (before.isPresent()) {
            int old = pruning.finishedBefore(job.name(), before.get(), deadline);
            sizes.deleted(job.name(), old);
            deleted += old;
        }
        return deleted;
    }

    /** The jobs after the one the previous pass stopped at come first. */
    private List<JobHistory> inTurn(List<JobHistory> jobs) {
        if (resumeAfter == null) {
            return jobs;
        }
        List<JobHistory> ordered = new ArrayList<>(jobs.stream().filter(j -> j.name().compareTo(resumeAfter) > 0).toList());
        jobs.stream().filter(j -> j.name().compareTo(resumeAfter) <= 0).forEach(ordered::add);
        return ordered;
    }

    private List<JobHistory> jobs() {
        return jdbc.inTransaction(connection -> {
            List<JobHistory> jobs = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(JOBS); ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    try {
                        RetentionLimits limits = RetentionLimits.of(rs.getInt(2), rs.getString(3), defaultKeep, defaultKeepFor);
                        jobs.add(new JobHistory(name, limits, SqlTime.get(rs, 4)));
                    } catch (IllegalArgumentException e) {
                        LOG.warning(() -> "Job " + name + " keeps all its history: its keep_executions_for is not a duration");
                    }
                }
            }
            return jobs;
        });
    }

    private static int report(int deleted) {
        if (deleted > 0) {
            LOG.info(() -> "Pruned " + deleted + " executions beyond their jobs' retention");
        }
        return deleted;
    }
}
