package io.pendule.metrics.entity;

import java.util.List;

/**
 * Every series Pendule exports at /metrics, in the order they are written: the one list of their names (the shipped
 * alert rules and dashboard are checked against it). Counters and histograms are counted where things happen; gauges
 * are read when Prometheus scrapes. Series marked cluster-wide are read from the database and are the same on every
 * node: aggregate them with {@code max}.
 */
public enum PenduleMetric {

    RUNS("pendule_runs_total", Type.COUNTER, "Runs this node finished, by job and status (succeeded, failed, timed_out, "
            + "cancelled, skipped, orphaned)", "job", "status"),
    RUN_DURATION("pendule_run_duration_seconds", Type.HISTOGRAM, "How long the runs this node finished ran, by job",
            List.of(0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0), "job"),
    FIRE_LAG("pendule_fire_lag_seconds", Type.HISTOGRAM, "Start minus scheduled time of the runs this node started",
            List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)),
    FIRES_MISSED("pendule_fires_missed_total", Type.COUNTER, "Fires recorded missed by this node, by reason", "reason"),
    RUNS_SKIPPED("pendule_runs_skipped_total", Type.COUNTER, "Runs recorded skipped by this node, by reason", "reason"),
    JOB_LAST_SUCCESS("pendule_job_last_success_timestamp_seconds", Type.GAUGE,
            "When the job last succeeded, in seconds since the epoch (cluster-wide; absent until its first success)", "job"),
    JOB_PERIOD("pendule_job_period_seconds", Type.GAUGE,
            "Seconds between the job's next two fires (cluster-wide; absent for jobs without a repeating schedule)", "job"),
    QUEUE_DEPTH("pendule_queue_depth", Type.GAUGE, "Executions queued, waiting for a node to claim them (cluster-wide)"),
    CAPACITY_RESERVED("pendule_worker_capacity_reserved", Type.GAUGE, "Runs this node has claimed and not finished"),
    CAPACITY("pendule_worker_capacity", Type.GAUGE, "How many runs this node runs at once at most (PENDULE_WORKER_CAPACITY)"),
    RECORDER_BACKLOG("pendule_recorder_backlog", Type.GAUGE, "Execution events this node received and has not written yet"),
    RECORDER_BACKLOG_AGE("pendule_recorder_backlog_age_seconds", Type.GAUGE,
            "How long the recorder's backlog has waited since it last wrote (0 when empty)"),
    LEASE_RENEWALS("pendule_lease_renewals_total", Type.COUNTER, "Heartbeats that renewed this node's lease"),
    LEASE_FENCED("pendule_lease_fenced", Type.GAUGE, "1 while this node is fenced (no recent heartbeat): it starts nothing"),
    ORPHANS("pendule_orphans_declared_total", Type.COUNTER, "Runs this node declared orphaned or cancelled because their "
            + "node stopped renewing its lease, restarted, or never ran them"),
    DB_CONNECTIONS_IN_USE("pendule_db_connections_in_use", Type.GAUGE, "Pool connections Pendule's JDBC work holds now"),
    DB_CONNECTIONS_MAX("pendule_db_connections_max", Type.GAUGE, "The size of the connection pool"),
    NODE_UP("pendule_node_up", Type.GAUGE, "1: this node is up and holds its lease (there is no leader: every node fires, "
            + "claims and judges orphans)", "node"),
    NODES_ALIVE("pendule_cluster_nodes_alive", Type.GAUGE, "Nodes whose heartbeat is within the lease (cluster-wide)"),
    JOB_SERIES_CAPPED("pendule_metrics_jobs_capped", Type.GAUGE,
            "1 once more jobs were seen than PENDULE_METRICS_MAX_JOBS: the others are counted under job=\"_other_\"");

    public enum Type {
        COUNTER, GAUGE, HISTOGRAM;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String metricName;
    private final Type type;
    private final String help;
    private final List<Double> buckets;
    private final List<String> labels;

    PenduleMetric(String metricName, Type type, String help, String... labels) {
        this(metricName, type, help, List.of(), labels);
    }

    PenduleMetric(String metricName, Type type, String help, List<Double> buckets, String... labels) {
        this.metricName = metricName;
        this.type = type;
        this.help = help;
        this.buckets = buckets;
        this.labels = List.of(labels);
    }

    public String metricName() {
        return metricName;
    }

    public Type type() {
        return type;
    }

    public String help() {
        return help;
    }

    /** The upper bounds of a histogram's buckets, ascending (+Inf is implied). */
    public List<Double> buckets() {
        return buckets;
    }

    public List<String> labels() {
        return labels;
    }

    /** The names of the series this metric writes: a histogram's _bucket, _sum and _count. */
    public List<String> seriesNames() {
        return type == Type.HISTOGRAM
                ? List.of(metricName + "_bucket", metricName + "_sum", metricName + "_count")
                : List.of(metricName);
    }
}
