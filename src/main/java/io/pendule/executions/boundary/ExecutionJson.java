package io.pendule.executions.boundary;

import io.pendule.platform.Json;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pendule.executions.entity.Execution;

import java.time.Instant;

/**
 * An execution in Dkron's JSON (id, job_name, started_at, finished_at, success, output, node_name, group,
 * attempt), with Pendule's own fields beside: status, trigger, scheduled_at, exit_code, stdout, stderr, error, and who
 * started a run by hand or through the API (started_by), and the target of an execution of a run that fans out (a pack
 * job's endpoint slug).
 */
@JsonPropertyOrder({"id", "job_name", "started_at", "finished_at", "success", "output", "node_name", "group", "attempt",
        "execution_id", "status", "trigger", "scheduled_at", "exit_code", "stdout", "stderr", "output_truncated", "error",
        "cancel_requested_at", "started_by", "target"})
public class ExecutionJson {

    public String id;
    public String job_name;
    public String started_at;
    public String finished_at;
    public boolean success;
    public String output;
    /** Absent until a node takes the run, as Dkron leaves it out when empty. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
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
    /** When a cancel of the running execution was asked for; absent if none was. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Instant cancel_requested_at;
    /** The user (or token owner, or "anonymous") who started a manual or API run; absent for the runs Pendule starts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String started_by;
    /** The endpoint a pack job's execution ran against; absent for the runs that do not fan out. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public String target;

    public static ExecutionJson of(Execution e) {
        ExecutionJson json = new ExecutionJson();
        json.id = DkronExecutionId.of(e);
        json.job_name = e.getJobName();
        json.started_at = e.getStartedAt() == null ? Json.ZERO_TIME : e.getStartedAt().toString();
        json.finished_at = e.getFinishedAt() == null ? Json.ZERO_TIME : e.getFinishedAt().toString();
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
        json.cancel_requested_at = e.getCancelRequestedAt();
        json.started_by = e.getStartedBy();
        json.target = e.getTarget();
        return json;
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

    /**
     * Dkron's output_size_limit: output, stdout and stderr each cut to their last {@code limit} bytes (at a
     * character boundary), output_truncated set when anything was cut.
     */
    public ExecutionJson tailedTo(Integer limit) {
        if (limit != null) {
            String[] texts = {output, stdout, stderr};
            for (int i = 0; i < texts.length; i++) {
                String tail = Utf8Tail.of(texts[i], limit);
                output_truncated |= tail.length() < texts[i].length();
                texts[i] = tail;
            }
            output = texts[0];
            stdout = texts[1];
            stderr = texts[2];
        }
        return this;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
