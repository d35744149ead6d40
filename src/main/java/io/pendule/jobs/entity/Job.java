package io.pendule.jobs.entity;

import io.pendule.clock.entity.MisfirePolicy;
import io.pendule.executions.entity.Concurrency;
import io.pendule.executions.entity.ConcurrencyConverter;
import io.pendule.executions.entity.RetryPolicy;
import io.pendule.notifications.entity.Notification;
import io.pendule.notifications.entity.NotificationsConverter;
import io.pendule.database.entity.StringMapConverter;
import io.pendule.workflows.entity.Gate;
import io.pendule.workflows.entity.RunOnStart;
import io.pendule.workflows.entity.RunOnStartConverter;
import io.pendule.workflows.entity.TriggerRule;
import io.pendule.workflows.entity.TriggerRuleConverter;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;


import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A named, scheduled unit of work: Dkron's job model. The run counters, last times and status live in the
 * job_stats table, kept by the workers with plain SQL (see executions.control.ExecutionRecorder): the entity
 * writes them once, when the job is created, and never again, so a job saved through the API cannot
 * overwrite a count a worker has just incremented.
 *
 * <p>A new job's fields, and its embeddables' ({@link RetryPolicy}, {@link MisfirePolicy}, {@link Retention}), hold
 * the defaults of Pendule's policies: the JSON and the editor's form take theirs from a fresh job, and the columns'
 * DEFAULTs (V1, V6) repeat them for rows written by plain SQL. A definition read from JSON holds null for a policy
 * whose code is unknown, which {@code JobValidator} refuses with the codes it knows.
 */
@Entity
@Table(name = "job")
@SecondaryTable(name = "job_stats", pkJoinColumns = @PrimaryKeyJoinColumn(name = "job_name"))
@NamedQuery(name = Job.ALL, query = "SELECT j FROM Job j ORDER BY j.name")
@NamedQuery(name = Job.NAMED_AMONG, query = "SELECT j FROM Job j WHERE j.name IN :names")
@NamedQuery(name = Job.CHILDREN, query = "SELECT j.name FROM Job j WHERE j.parentJob = :parent ORDER BY j.name")
public class Job {

    public static final String ALL = "Job.all";
    public static final String CHILDREN = "Job.children";
    public static final String NAMED_AMONG = "Job.namedAmong";

    @Id
    private String name;
    private String displayname = "";
    private String schedule = "";
    private String timezone = "";
    private String owner = "";
    @Column(name = "owner_email")
    private String ownerEmail = "";
    private String executor = "";
    @Column(name = "executor_config")
    @Convert(converter = StringMapConverter.class)
    private Map<String, String> executorConfig;
    @Convert(converter = StringMapConverter.class)
    private Map<String, String> tags;
    /** The same tags as rows, for the jobs list's filter in SQL; always set with {@link #tags} (V13). */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "job_tag", joinColumns = @JoinColumn(name = "job_name"))
    @MapKeyColumn(name = "tag_key")
    @Column(name = "tag_value")
    private Map<String, String> tagRows = new HashMap<>();
    /** Labels users filter jobs by: one row per key, so the database can filter on them. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "job_metadata", joinColumns = @JoinColumn(name = "job_name"))
    @MapKeyColumn(name = "meta_key")
    @Column(name = "meta_value")
    private Map<String, String> metadata = new HashMap<>();
    private String processors = "{}";
    private int retries;
    @Convert(converter = ConcurrencyConverter.class)
    private Concurrency concurrency = Concurrency.ALLOW;
    private boolean disabled;
    private boolean ephemeral;
    @Column(name = "parent_job")
    private String parentJob;
    @Column(name = "starts_at")
    private Instant startsAt;
    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(table = "job_stats", name = "success_count", updatable = false)
    private long successCount;
    @Column(table = "job_stats", name = "error_count", updatable = false)
    private long errorCount;
    @Column(table = "job_stats", name = "last_success", updatable = false)
    private Instant lastSuccess;
    @Column(table = "job_stats", name = "last_error", updatable = false)
    private Instant lastError;
    @Column(table = "job_stats", name = "status", updatable = false)
    private String status = "";

    /** Pendule's run-time limit for every executor (a Go duration, "" for none), beside the executor's own. */
    private String timeout = "";
    @Embedded
    private RetryPolicy retry = new RetryPolicy();
    @Embedded
    private MisfirePolicy misfire = new MisfirePolicy();
    /** The jobs whose runs trigger this one (besides Dkron's single parent_job), per {@link #triggerRule}. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "job_dependency", joinColumns = @JoinColumn(name = "job_name"))
    @Column(name = "depends_on")
    private Set<String> dependsOn = new TreeSet<>();
    @Column(name = "trigger_rule")
    @Convert(converter = TriggerRuleConverter.class)
    private TriggerRule triggerRule = TriggerRule.ON_SUCCESS;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "job_gate", joinColumns = @JoinColumn(name = "job_name"))
    private Set<Gate> requires = new HashSet<>();
    @Column(name = "run_on_start")
    @Convert(converter = RunOnStartConverter.class)
    private RunOnStart runOnStart = RunOnStart.NEVER;
    @Embedded
    private Retention retention = new Retention();
    @Convert(converter = NotificationsConverter.class)
    private List<Notification> notifications = List.of();

    /** 0 for a job naming no other; else one more than the deepest job it names (kept by JobService). */
    private int depth;

    @Column(name = "next_fire_at")
    private Instant nextFireAt;
    /** Why the clock gave up on the job (its schedule or stored JSON no longer parses), null while it is fine. */
    private String broken;
    @Column(name = "created_at", updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    /** Created by the save that returned it: no job can name it yet (nothing to look up below it). */
    @Transient
    private boolean createdNow;

    protected Job() {
    }

    public Job(String name) {
        this.name = name;
    }

    /** Replaces the definition with another's, as Dkron's create-or-update does; run history stays. */
    public void redefineAs(Job definition) {
        displayname = definition.displayname;
        schedule = definition.schedule;
        timezone = definition.timezone;
        owner = definition.owner;
        ownerEmail = definition.ownerEmail;
        executor = definition.executor;
        executorConfig = definition.executorConfig;
        setTags(definition.tags);
        metadata.clear();
        metadata.putAll(definition.metadata);
        processors = definition.processors;
        retries = definition.retries;
        concurrency = definition.concurrency;
        disabled = definition.disabled;
        ephemeral = definition.ephemeral;
        parentJob = definition.parentJob;
        timeout = definition.timeout;
        retry = definition.retry;
        misfire = definition.misfire;
        dependsOn.clear();
        dependsOn.addAll(definition.dependsOn);
        triggerRule = definition.triggerRule;
        requires.clear();
        requires.addAll(definition.requires);
        runOnStart = definition.runOnStart;
        retention = definition.retention;
        notifications = definition.notifications;
        startsAt = definition.startsAt;
        expiresAt = definition.expiresAt;
    }

    /**
     * Run history reported by a client, as in a Dkron backup: stored with a new job; for an existing one
     * JobService keeps whichever is further along.
     */
    public void carryHistory(long successCount, long errorCount, Instant lastSuccess, Instant lastError, String status) {
        this.successCount = successCount;
        this.errorCount = errorCount;
        this.lastSuccess = lastSuccess;
        this.lastError = lastError;
        this.status = status;
    }

    public boolean isChild() {
        return parentJob != null && !parentJob.isEmpty();
    }

    public String getName() { return name; }
    public String getDisplayname() { return displayname; }
    public void setDisplayname(String displayname) { this.displayname = displayname; }
    public String getSchedule() { return schedule; }
    public void setSchedule(String schedule) { this.schedule = schedule; }
    public String getTimezone() { return timezone; }
    public void setTimezone(String timezone) { this.timezone = timezone; }
    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner; }
    public String getOwnerEmail() { return ownerEmail; }
    public void setOwnerEmail(String ownerEmail) { this.ownerEmail = ownerEmail; }
    public String getExecutor() { return executor; }
    public void setExecutor(String executor) { this.executor = executor; }
    public Map<String, String> getExecutorConfig() { return executorConfig; }
    public void setExecutorConfig(Map<String, String> executorConfig) { this.executorConfig = executorConfig; }
    public Map<String, String> getTags() { return tags; }
    public void setTags(Map<String, String> tags) {
        this.tags = tags;
        tagRows.clear();
        if (tags != null) {
            tagRows.putAll(tags);
        }
    }
    /** Sorted by key; null when there is none, as Dkron shows it. */
    public Map<String, String> getMetadata() { return metadata.isEmpty() ? null : new TreeMap<>(metadata); }
    public void setMetadata(Map<String, String> metadata) {
        this.metadata.clear();
        if (metadata != null) {
            this.metadata.putAll(metadata);
        }
    }
    public String getProcessors() { return processors; }
    public void setProcessors(String processors) { this.processors = processors; }
    public int getRetries() { return retries; }
    public void setRetries(int retries) { this.retries = retries; }
    public Concurrency getConcurrency() { return concurrency; }
    public void setConcurrency(Concurrency concurrency) { this.concurrency = concurrency; }
    public boolean isDisabled() { return disabled; }
    public void setDisabled(boolean disabled) { this.disabled = disabled; }
    public boolean isEphemeral() { return ephemeral; }
    public void setEphemeral(boolean ephemeral) { this.ephemeral = ephemeral; }
    public String getParentJob() { return parentJob; }
    public void setParentJob(String parentJob) { this.parentJob = parentJob; }
    public Instant getStartsAt() { return startsAt; }
    public void setStartsAt(Instant startsAt) { this.startsAt = startsAt; }
    public Instant getExpiresAt() { return expiresAt; }
    public void setExpiresAt(Instant expiresAt) { this.expiresAt = expiresAt; }
    public String getTimeout() { return timeout; }
    public void setTimeout(String timeout) { this.timeout = timeout; }
    public RetryPolicy getRetry() { return retry; }
    public void setRetry(RetryPolicy retry) { this.retry = retry; }
    public MisfirePolicy getMisfire() { return misfire; }
    public void setMisfire(MisfirePolicy misfire) { this.misfire = misfire; }
    /** In name order. */
    public List<String> getDependsOn() { return new ArrayList<>(new TreeSet<>(dependsOn)); }
    public void setDependsOn(Collection<String> dependsOn) {
        this.dependsOn.clear();
        this.dependsOn.addAll(dependsOn);
    }
    public TriggerRule getTriggerRule() { return triggerRule; }
    public void setTriggerRule(TriggerRule triggerRule) { this.triggerRule = triggerRule; }
    /** In the required jobs' name order. */
    public List<Gate> getRequires() { return requires.stream().sorted(Comparator.comparing(Gate::job)).toList(); }
    public void setRequires(Collection<Gate> requires) {
        this.requires.clear();
        this.requires.addAll(requires);
    }
    public RunOnStart getRunOnStart() { return runOnStart; }
    public void setRunOnStart(RunOnStart runOnStart) { this.runOnStart = runOnStart; }
    public Retention getRetention() { return retention; }
    public void setRetention(Retention retention) { this.retention = retention; }
    public List<Notification> getNotifications() { return notifications; }
    public void setNotifications(List<Notification> notifications) { this.notifications = notifications == null ? List.of() : notifications; }
    public long getSuccessCount() { return successCount; }
    public long getErrorCount() { return errorCount; }
    public Instant getLastSuccess() { return lastSuccess; }
    public Instant getLastError() { return lastError; }
    public String getStatus() { return status; }
    public int getDepth() { return depth; }
    public void setDepth(int depth) { this.depth = depth; }
    /** The jobs this one names and runs after or is gated by: parent_job, depends_on, requires. */
    public List<String> upstreams() {
        List<String> upstreams = new ArrayList<>();
        if (isChild()) {
            upstreams.add(parentJob);
        }
        upstreams.addAll(getDependsOn());
        getRequires().forEach(gate -> upstreams.add(gate.job()));
        return upstreams;
    }
    public Instant getNextFireAt() { return nextFireAt; }
    public String getBroken() { return broken; }
    /** Rescheduled: the clock tries the job again. */
    public void clearBroken() { this.broken = null; }

    public void markCreated() { this.createdNow = true; }

    public boolean isCreatedNow() { return createdNow; }
    public void setNextFireAt(Instant nextFireAt) { this.nextFireAt = nextFireAt; }
    public Instant getCreatedAt() { return createdAt; }
    public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }
}
