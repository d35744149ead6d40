package io.pendule.executions.boundary;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pendule.executions.entity.Execution;
import io.pendule.jobs.boundary.JobJson;

import java.time.Instant;

/**
 * An execution in Dkron's JSON (id, job_name, started_at, finished_at, success, output, node_name, group,
 * attempt), with Pendule's own fields beside: status, trigger, scheduled_at, exit_code, stdout, stderr, error.
 */
@JsonPropertyOrder({"id", "job_name", "started_at", "finished_at", "success", "output", "node_name", "group", "attempt",
        "execution_id", "status", "trigger", "scheduled_at", "exit_code", "stdout", "stderr", "output_truncated", "error"})
public class ExecutionJson {

    public String id;
    public String job_name;
    public String started_at;
    public String finished_at;
    public boolean success;
    public String output;
    public String node_name;
    public long group;
    public int attempt;
    public long execution_id;
    public String status;
    public String trigger;
    public Instant scheduled_at;
    public Integer exit_code;
    public String stdout;
    public String stderr;
    public boolean output_truncated;
    public String error;

    public static ExecutionJson of(Execution e) {
        ExecutionJson json = new ExecutionJson();
        json.id = dkronId(e);
        json.job_name = e.getJobName();
        json.started_at = e.getStartedAt() == null ? JobJson.ZERO_TIME : e.getStartedAt().toString();
        json.finished_at = e.getFinishedAt() == null ? JobJson.ZERO_TIME : e.getFinishedAt().toString();
        json.success = e.status().success();
        json.stdout = orEmpty(e.getStdout());
        json.stderr = orEmpty(e.getStderr());
        json.error = e.getError();
        json.output = dkronOutput(e);
        json.node_name = e.getNodeName();
        json.group = e.getGroupId();
        json.attempt = e.getAttempt();
        json.execution_id = e.getId();
        json.status = e.status().code();
        json.trigger = e.trigger().code();
        json.scheduled_at = e.getScheduledAt();
        json.exit_code = e.getExitCode();
        json.output_truncated = e.isOutputTruncated();
        return json;
    }

    /** Dkron's "<started_at UnixNano>-<node>"; an execution not started yet is known by its number. */
    static String dkronId(Execution e) {
        if (e.getStartedAt() == null || e.getNodeName() == null) {
            return Long.toString(e.getId());
        }
        Instant t = e.getStartedAt();
        return (t.getEpochSecond() * 1_000_000_000L + t.getNano()) + "-" + e.getNodeName();
    }

    /** Dkron's one output string: the error first (as Dkron prepends it), then stdout, then stderr. */
    private static String dkronOutput(Execution e) {
        StringBuilder output = new StringBuilder();
        if (e.getError() != null && !e.getError().isEmpty()) {
            output.append(e.getError()).append('\n');
        }
        output.append(orEmpty(e.getStdout())).append(orEmpty(e.getStderr()));
        return output.toString();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
