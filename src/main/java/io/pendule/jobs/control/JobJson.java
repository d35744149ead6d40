package io.pendule.jobs.control;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.pendule.executors.control.SecretValues;
import io.pendule.jobs.entity.Job;
import io.pendule.notifications.entity.Notification;
import io.pendule.platform.Json;
import io.pendule.security.control.Authorizer;
import io.pendule.security.entity.Identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job in Dkron's JSON: the same fields, names, order and nullability, so Dkron's clients work unchanged. What is
 * sent is read by {@link JobJsonReader}; a field left out keeps the value given here, a fresh job's.
 */
@JsonPropertyOrder({"id", "name", "displayname", "timezone", "schedule", "owner", "owner_email", "success_count",
        "error_count", "last_success", "last_error", "disabled", "tags", "metadata", "retries", "dependent_jobs",
        "parent_job", "processors", "concurrency", "executor", "executor_config", "status", "next", "ephemeral",
        "starts_at", "expires_at", "timeout", "retry_delay", "retry_max_delay", "retry_backoff", "retry_jitter",
        "misfire_policy", "misfire_max", "starting_deadline", "depends_on", "trigger_rule", "requires", "run_on_start",
        "keep_executions", "keep_executions_for", "notifications"})
public class JobJson {

    /** Where the policies' defaults are defined: a new job. */
    private static final Job FRESH = new Job(null);

    public String id;
    public String name;
    public String displayname = "";
    public String timezone = "";
    public String schedule = "";
    public String owner = "";
    public String owner_email = "";
    public long success_count;
    public long error_count;
    public Instant last_success;
    public Instant last_error;
    public boolean disabled;
    @Schema(description = "the nodes that may run it: every tag must be one of the node's, as /v1/members shows them "
            + "(PENDULE_NODE_TAGS plus role, server, version); Dkron's count suffix (\"pendule:1\") may only be 1")
    public Map<String, String> tags;
    public Map<String, String> metadata;
    public int retries;
    public List<String> dependent_jobs;
    public String parent_job = "";
    public Map<String, Map<String, String>> processors = Map.of();
    public String concurrency = FRESH.getConcurrency().code();
    public String executor = "";
    public Map<String, String> executor_config;
    public String status = "";
    public String next = Json.ZERO_TIME;
    public boolean ephemeral;
    public Object starts_at;
    public Object expires_at;

    // Pendule's scheduling policies (docs/scheduling.md); absent or null means the default.
    public String timeout = FRESH.getTimeout();
    public String retry_delay = FRESH.getRetry().delay();
    public String retry_max_delay = FRESH.getRetry().maxDelay();
    public Double retry_backoff = FRESH.getRetry().backoff();
    public Double retry_jitter = FRESH.getRetry().jitter();
    public String misfire_policy = FRESH.getMisfire().kind().code();
    public Integer misfire_max = FRESH.getMisfire().max();
    public String starting_deadline = FRESH.getMisfire().startingDeadline();
    public List<String> depends_on = List.of();
    public String trigger_rule = FRESH.getTriggerRule().code();
    public List<GateJson> requires = List.of();
    public String run_on_start = FRESH.getRunOnStart().code();
    public Integer keep_executions = FRESH.getRetention().keepExecutions();
    public String keep_executions_for = FRESH.getRetention().keepFor();
    public List<Notification> notifications = List.of();

    /**
     * A gate: {"job": "initial-sync", "within": "24h"} (within may be left out), or only the required job's name,
     * "initial-sync", as depends_on takes names.
     */
    public record GateJson(String job, String within) {

        /** Named too, so that Jackson keeps reading objects with it beside the shorthand's creator. */
        @JsonCreator
        public GateJson {
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static GateJson named(String job) {
            return new GateJson(job, null);
        }
    }

    /** This job as {@code reader} may read it: the secrets of its executor_config masked for a viewer. */
    public JobJson shownTo(Identity reader) {
        if (!Authorizer.readsSecrets(reader)) {
            executor_config = executor_config == null ? null : SecretValues.masked(executor_config);
            notifications = notifications == null ? null : notifications.stream().map(n -> n.webhook() == null ? n
                    : new Notification(n.on(), SecretValues.maskedWebhook(n.webhook()), n.email(), n.template())).toList();
        }
        return this;
    }

    /** This job as a JSON tree, the base a merge patch applies to. */
    public JsonNode tree() {
        return Json.MAPPER.valueToTree(this);
    }

    public static JobJson of(Job job, List<String> dependents) {
        JobJson json = new JobJson();
        json.id = job.getName();
        json.name = job.getName();
        json.displayname = job.getDisplayname();
        json.timezone = job.getTimezone();
        json.schedule = job.getSchedule();
        json.owner = job.getOwner();
        json.owner_email = job.getOwnerEmail();
        json.success_count = job.getSuccessCount();
        json.error_count = job.getErrorCount();
        json.last_success = job.getLastSuccess();
        json.last_error = job.getLastError();
        json.disabled = job.isDisabled();
        json.tags = job.getTags();
        json.metadata = job.getMetadata();
        json.retries = job.getRetries();
        json.dependent_jobs = dependents.isEmpty() ? null : dependents;
        json.parent_job = job.getParentJob() == null ? "" : job.getParentJob();
        json.processors = readProcessors(job.getProcessors());
        json.concurrency = job.getConcurrency().code();
        json.executor = job.getExecutor();
        json.executor_config = job.getExecutorConfig();
        json.status = job.getStatus();
        json.next = job.getNextFireAt() == null ? Json.ZERO_TIME : job.getNextFireAt().toString();
        json.ephemeral = job.isEphemeral();
        json.starts_at = job.getStartsAt();
        json.expires_at = job.getExpiresAt();
        json.timeout = job.getTimeout();
        json.retry_delay = job.getRetry().delay();
        json.retry_max_delay = job.getRetry().maxDelay();
        json.retry_backoff = job.getRetry().backoff();
        json.retry_jitter = job.getRetry().jitter();
        json.misfire_policy = job.getMisfire().kind().code();
        json.misfire_max = job.getMisfire().max();
        json.starting_deadline = job.getMisfire().startingDeadline();
        json.depends_on = job.getDependsOn();
        json.trigger_rule = job.getTriggerRule().code();
        json.requires = job.getRequires().stream().map(g -> new GateJson(g.job(), g.within())).toList();
        json.run_on_start = job.getRunOnStart().code();
        json.keep_executions = job.getRetention().keepExecutions();
        json.keep_executions_for = job.getRetention().keepFor();
        json.notifications = job.getNotifications();
        return json;
    }

    private static Map<String, Map<String, String>> readProcessors(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json == null ? "{}" : json);
            return Json.MAPPER.convertValue(node, Json.MAPPER.getTypeFactory()
                    .constructMapType(Map.class, Json.MAPPER.getTypeFactory().constructType(String.class),
                            Json.MAPPER.getTypeFactory().constructMapType(Map.class, String.class, String.class)));
        } catch (Exception e) {
            return Map.of();
        }
    }
}
