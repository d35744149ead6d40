package io.pendule.jobs.control;

import io.pendule.executors.control.SecretValues;
import io.pendule.jobs.entity.Job;
import io.pendule.platform.Json;
import io.pendule.security.control.AuditDiff;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's definition as the audit log compares it before and after a change: the fields of Dkron's JSON that a client
 * sets (not the run counters, nor what Pendule computes: next fire, depth), by their JSON names. The diff of two is
 * shown with the executor's secrets masked as the pages mask them ({@link SecretValues}).
 */
final class JobSnapshot {

    static final String EXECUTOR_CONFIG = "executor_config";

    private JobSnapshot() {
    }

    static Map<String, Object> of(Job job) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("displayname", job.getDisplayname());
        fields.put("schedule", job.getSchedule());
        fields.put("timezone", job.getTimezone());
        fields.put("owner", job.getOwner());
        fields.put("owner_email", job.getOwnerEmail());
        fields.put("executor", job.getExecutor());
        fields.put(EXECUTOR_CONFIG, copy(job.getExecutorConfig()));
        fields.put("tags", copy(job.getTags()));
        fields.put("metadata", copy(job.getMetadata()));
        fields.put("processors", job.getProcessors());
        fields.put("retries", job.getRetries());
        fields.put("concurrency", job.getConcurrency().code());
        fields.put("disabled", job.isDisabled());
        fields.put("ephemeral", job.isEphemeral());
        fields.put("parent_job", job.getParentJob() == null ? "" : job.getParentJob());
        fields.put("starts_at", text(job.getStartsAt()));
        fields.put("expires_at", text(job.getExpiresAt()));
        fields.put("timeout", job.getTimeout());
        fields.put("retry_delay", job.getRetry().delay());
        fields.put("retry_max_delay", job.getRetry().maxDelay());
        fields.put("retry_backoff", job.getRetry().backoff());
        fields.put("retry_jitter", job.getRetry().jitter());
        fields.put("misfire_policy", job.getMisfire().kind().code());
        fields.put("misfire_max", job.getMisfire().max());
        fields.put("starting_deadline", job.getMisfire().startingDeadline());
        fields.put("depends_on", List.copyOf(job.getDependsOn()));
        fields.put("trigger_rule", job.getTriggerRule().code());
        fields.put("requires", job.getRequires().stream().map(gate -> gate.within() == null ? Map.of("job", gate.job())
                : Map.of("job", gate.job(), "within", gate.within())).toList());
        fields.put("run_on_start", job.getRunOnStart().code());
        fields.put("keep_executions", job.getRetention().keepExecutions());
        fields.put("keep_executions_for", job.getRetention().keepFor());
        fields.put("notifications", Json.MAPPER.convertValue(job.getNotifications(), List.class));
        return fields;
    }

    /** The audit details of a change from {@code before} to {@code after} (either null), secrets masked. */
    static Map<String, Object> change(Map<String, ?> before, Map<String, ?> after) {
        return AuditDiff.between(before, after).masked(JobSnapshot::masked).details();
    }

    /** One side of a diff with the executor's secrets (sensitive headers and environment variables) masked. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> masked(Map<String, Object> side) {
        if (side.get(EXECUTOR_CONFIG) instanceof Map<?, ?> config) {
            Map<String, String> values = new LinkedHashMap<>();
            ((Map<String, Object>) config).forEach((key, value) -> values.put(key, value == null ? null : value.toString()));
            side.put(EXECUTOR_CONFIG, SecretValues.masked(values));
        }
        return side;
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return map == null ? null : new LinkedHashMap<>(map);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
