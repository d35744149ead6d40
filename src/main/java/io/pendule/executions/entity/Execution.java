package io.pendule.executions.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One run of a job. Rows are written by the clock and the workers with batched SQL
 * (executions.control.ExecutionRecorder); the entity is the read model of the API and the pages.
 */
@Entity
@Table(name = "execution")
public class Execution {

    @Id
    private long id;
    @Column(name = "job_name")
    private String jobName;
    @Column(name = "group_id")
    private long groupId;
    private int attempt;
    private String trigger;
    private String status;
    @Column(name = "scheduled_at")
    private Instant scheduledAt;
    @Column(name = "node_name")
    private String nodeName;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "exit_code")
    private Integer exitCode;
    private String stdout;
    private String stderr;
    @Column(name = "output_truncated")
    private boolean outputTruncated;
    private String error;
    @Column(name = "cancel_requested_at")
    private Instant cancelRequestedAt;
    /** Who started it by hand or through the API; null for the runs Pendule starts itself. */
    @Column(name = "started_by")
    private String startedBy;
    /** The endpoint's slug when its job's run fans out (a pack job), "" otherwise. */
    private String target;

    protected Execution() {
    }

    /**
     * A run without its output, for the lists of the pages (ExecutionHistory.SUMMARY): fifty rows of history must
     * not read fifty outputs of up to 256 KiB each.
     */
    public Execution(long id, String jobName, long groupId, int attempt, String trigger, String status, Instant scheduledAt,
                     String nodeName, Instant startedAt, Instant finishedAt, Integer exitCode, String error,
                     Instant cancelRequestedAt) {
        this.id = id;
        this.jobName = jobName;
        this.groupId = groupId;
        this.attempt = attempt;
        this.trigger = trigger;
        this.status = status;
        this.scheduledAt = scheduledAt;
        this.nodeName = nodeName;
        this.startedAt = startedAt;
        this.finishedAt = finishedAt;
        this.exitCode = exitCode;
        this.error = error;
        this.cancelRequestedAt = cancelRequestedAt;
    }

    public ExecutionStatus status() {
        return ExecutionStatus.ofCode(status);
    }

    public Trigger trigger() {
        return Trigger.ofCode(trigger);
    }

    public long getId() { return id; }
    public String getJobName() { return jobName; }
    public long getGroupId() { return groupId; }
    public int getAttempt() { return attempt; }
    public Instant getScheduledAt() { return scheduledAt; }
    public String getNodeName() { return nodeName; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getFinishedAt() { return finishedAt; }
    public Integer getExitCode() { return exitCode; }
    public String getStdout() { return stdout; }
    public String getStderr() { return stderr; }
    public boolean isOutputTruncated() { return outputTruncated; }
    public String getError() { return error; }
    public Instant getCancelRequestedAt() { return cancelRequestedAt; }
    public String getStartedBy() { return startedBy; }
    public String getTarget() { return target == null ? "" : target; }
}
