package io.pendule.executions.control;

import io.pendule.executions.entity.RetentionLimits;
import io.pendule.database.control.Jdbc;
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
 * The count limit is applied to the jobs one aggregate read finds over it (a query per job made a burst of 10,000
 * one-run jobs cost three commits a run, measured); the age limit to every job that has one, on every pass. Each pass
 * then deletes the audit events older than PENDULE_AUDIT_KEEP_FOR ({@link AuditRetention}), within a budget of its own.
 */
@Singleton
@Startup
@DependsOn("Database")
@TransactionManagement(TransactionManagementType.BEAN)
public class HistoryPruner {

    private static final Logger LOG = Logger.getLogger(HistoryPruner.class.getName());
    static final Duration BUDGET = Duration.ofSeconds(5);
    /**
     * The jobs holding more executions than they keep, in one statement per pass: a pass costs one aggregate read
     * when no job is over its limit (as when thousands of jobs each ran a few times), not a query per job.
     */
    private static final String OVER_THEIR_COUNT = "SELECT j.name FROM job j JOIN execution e ON e.job_name = j.name "
            + "GROUP BY j.name, j.keep_executions "
            + "HAVING COUNT(*) > CASE WHEN j.keep_executions > 0 THEN j.keep_executions ELSE ? END";

    private static final String JOBS = "SELECT name, keep_executions, keep_executions_for FROM job ORDER BY name";

    private record JobRetention(String name, RetentionLimits limits) {
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

    private int defaultKeep;
    private Optional<Duration> defaultKeepFor;
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

    private void pass(Instant start) {
        Set<String> overCount = jobsOverTheirCount();
        Instant deadline = start.plus(BUDGET);
        int deleted = 0;
        String last = null;
        for (JobRetention job : inTurn(jobs())) {
            if (!Instant.now().isBefore(deadline)) {
                resumeAfter = last;
                report(deleted);
                return;
            }
            deleted += pruneJob(job, overCount.contains(job.name()), start, deadline);
            last = job.name();
        }
        resumeAfter = null;
        report(deleted);
    }

    private Set<String> jobsOverTheirCount() {
        return jdbc.inTransaction(connection -> {
            Set<String> names = new HashSet<>();
            try (PreparedStatement select = connection.prepareStatement(OVER_THEIR_COUNT)) {
                select.setInt(1, defaultKeep);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            return names;
        });
    }

    private int pruneJob(JobRetention job, boolean overCount, Instant now, Instant deadline) {
        int deleted = 0;
        if (overCount) {
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
                        jobs.add(new JobRetention(name, limits));
                    } catch (IllegalArgumentException e) {
                        LOG.warning(() -> "Job " + name + " keeps all its history: its keep_executions_for is not a duration");
                    }
                }
            }
            return jobs;
        });
    }

    private static void report(int deleted) {
        if (deleted > 0) {
            LOG.info(() -> "Pruned " + deleted + " executions beyond their jobs' retention");
        }
    }
}
