package io.pendule.notifications.entity;

import io.pendule.executions.entity.RunFinished;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a notification says about a run's final outcome: the webhook's JSON payload and a template's values. */
public record RunReport(String job, long executionId, String status, int attempt, Instant startedAt,
                        Instant finishedAt, Integer exitCode, String error, String output, String node) {

    public static RunReport of(RunFinished run) {
        return new RunReport(run.jobName(), run.executionId(), run.status().code(), run.attempt(), run.startedAt(),
                run.finishedAt(), run.exitCode(), run.error(), run.output(), run.node());
    }

    public boolean succeeded() {
        return "succeeded".equals(status);
    }

    /** The API path of the execution, relative to the node's address. */
    public String link() {
        return "/v1/jobs/" + job + "/executions/" + executionId;
    }

    /** The webhook payload, in this order; absent values are null. */
    public Map<String, Object> payload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("job", job);
        payload.put("execution_id", executionId);
        payload.put("status", status);
        payload.put("attempt", attempt);
        payload.put("started_at", startedAt == null ? null : startedAt.toString());
        payload.put("finished_at", finishedAt == null ? null : finishedAt.toString());
        payload.put("exit_code", exitCode);
        payload.put("error", error);
        payload.put("output", output);
        payload.put("node", node);
        payload.put("link", link());
        return payload;
    }

    /** A template's values: the payload's, absent ones as empty text. */
    public Map<String, String> placeholders() {
        Map<String, String> values = new LinkedHashMap<>();
        payload().forEach((name, value) -> values.put(name, value == null ? "" : value.toString()));
        return values;
    }
}
