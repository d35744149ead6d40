package io.pendule.jobs.boundary;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.pendule.jobs.entity.Job;
import io.pendule.jobs.entity.MisfirePolicy;
import io.pendule.notifications.entity.Notification;
import io.pendule.jobs.entity.Retention;
import io.pendule.executions.entity.RetryPolicy;
import io.pendule.workflows.entity.Gate;
import io.pendule.api.entity.FieldError;
import io.pendule.platform.Json;
import io.pendule.api.entity.ValidationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A job in Dkron's JSON: the same fields, names, order and nullability, so Dkron's clients work unchanged. */
@JsonPropertyOrder({"id", "name", "displayname", "timezone", "schedule", "owner", "owner_email", "success_count",
        "error_count", "last_success", "last_error", "disabled", "tags", "metadata", "retries", "dependent_jobs",
        "parent_job", "processors", "concurrency", "executor", "executor_config", "status", "next", "ephemeral",
        "starts_at", "expires_at", "timeout", "retry_delay", "retry_max_delay", "retry_backoff", "retry_jitter",
        "misfire_policy", "misfire_max", "starting_deadline", "depends_on", "trigger_rule", "requires", "run_on_start",
        "keep_executions", "keep_executions_for", "notifications"})
public class JobJson {

    /** Dkron's zero time, shown where a time is unset but the field is never null. */
    private static final Instant FIRST_INSTANT = Instant.parse(Json.ZERO_TIME);
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

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
    public Map<String, String> tags;
    public Map<String, String> metadata;
    public int retries;
    public List<String> dependent_jobs;
    public String parent_job = "";
    public Map<String, Map<String, String>> processors = Map.of();
    public String concurrency = "allow";
    public String executor = "";
    public Map<String, String> executor_config;
    public String status = "";
    public String next = Json.ZERO_TIME;
    public boolean ephemeral;
    public Object starts_at;
    public Object expires_at;

    // Pendule's scheduling policies (docs/scheduling.md); absent or null means the default.
    public String timeout = "";
    public String retry_delay = "1s";
    public String retry_max_delay = "1m";
    public Double retry_backoff = 2.0;
    public Double retry_jitter = 0.0;
    public String misfire_policy = MisfirePolicy.FIRE_ONCE;
    public Integer misfire_max = 100;
    public String starting_deadline = "";
    public List<String> depends_on = List.of();
    public String trigger_rule = "on_success";
    public List<GateJson> requires = List.of();
    public String run_on_start = "never";
    public Integer keep_executions = 0;
    public String keep_executions_for = "";
    public List<Notification> notifications = List.of();

    /** A gate: {"job": "initial-sync", "within": "24h"} (within may be left out). */
    public record GateJson(String job, String within) {
    }

    /**
     * Strict where Dkron is lax, so a mistake is reported instead of silently dropped: unknown fields (such as
     * Dkron 1's "command") and values of the wrong type ("retries":"3", "executor_config":{"timeout":30}) are refused.
     */
    private static final ObjectReader STRICT = strictMapper().readerFor(JobJson.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = Json.MAPPER.copy().disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /**
     * Reads a job sent as JSON, whatever the request's content type: Dkron's restore script posts it with
     * curl -d, that is as application/x-www-form-urlencoded.
     */
    public static JobJson parse(String body) {
        if (body == null || body.isBlank()) {
            throw new ValidationException("Job validation failed", "body", "a job in JSON is required");
        }
        return parse(tree(body));
    }

    public static JobJson parse(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw new ValidationException("Job validation failed", "body", "a job must be a JSON object");
        }
        List<FieldError> nul = new ArrayList<>();
        findNulCharacters(tree, "", nul);
        if (!nul.isEmpty()) {
            throw new ValidationException("Job validation failed", nul);
        }
        try {
            return STRICT.readValue(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This job as a JSON tree, the base a merge patch applies to. */
    public JsonNode tree() {
        return Json.MAPPER.valueToTree(this);
    }

    /** A NUL character has no place in a job, and PostgreSQL's text cannot hold one. */
    private static void findNulCharacters(JsonNode node, String path, List<FieldError> errors) {
        if (node.isTextual() && node.textValue().indexOf('\u0000') >= 0) {
            errors.add(new FieldError(path, "must not contain a NUL character"));
        }
        node.fields().forEachRemaining(f -> {
            if (f.getKey().indexOf('\u0000') >= 0) {
                errors.add(new FieldError(path, "a key must not contain a NUL character"));
            }
            findNulCharacters(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), errors);
        });
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            findNulCharacters(node.get(i), path + "[" + i + "]", errors);
        }
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
        json.concurrency = job.getConcurrency();
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
        json.misfire_policy = job.getMisfire().policy();
        json.misfire_max = job.getMisfire().max();
        json.starting_deadline = job.getMisfire().startingDeadline();
        json.depends_on = job.getDependsOn();
        json.trigger_rule = job.getTriggerRule();
        json.requires = job.getRequires().stream().map(g -> new GateJson(g.job(), g.within())).toList();
        json.run_on_start = job.getRunOnStart();
        json.keep_executions = job.getRetention().keepExecutions();
        json.keep_executions_for = job.getRetention().keepFor();
        json.notifications = job.getNotifications();
        return json;
    }

    /**
     * The definition this JSON asks for. Server-kept fields are not taken as they are: id, next and dependent_jobs
     * are ignored, and the counters, last times and status only ever move forward (Dkron's rule, which lets a
     * backup be restored with its history), see JobService.
     */
    public Job toDefinition() {
        List<FieldError> errors = new ArrayList<>();
        Job job = new Job(name);
        job.setDisplayname(orEmpty(displayname));
        job.setTimezone(orEmpty(timezone).trim());
        job.setSchedule(orEmpty(schedule).trim());
        job.setOwner(orEmpty(owner));
        job.setOwnerEmail(orEmpty(owner_email));
        job.setDisabled(disabled);
        job.setTags(tags);
        job.setMetadata(metadata);
        job.setRetries(retries);
        job.setParentJob(parent_job == null || parent_job.isEmpty() ? null : parent_job);
        job.setProcessors(Json.write(processors == null ? Map.of() : processors));
        job.setConcurrency(concurrency == null || concurrency.isEmpty() ? "allow" : concurrency);
        job.setExecutor(orEmpty(executor));
        job.setExecutorConfig(executor_config);
        job.setEphemeral(ephemeral);
        job.setStartsAt(time("starts_at", starts_at, errors));
        job.setExpiresAt(time("expires_at", expires_at, errors));
        job.carryHistory(success_count, error_count, last_success, last_error, reportedStatus(errors));
        job.setTimeout(orEmpty(timeout).trim());
        job.setRetry(new RetryPolicy(or(retry_delay, "1s"), or(retry_max_delay, "1m"),
                retry_backoff == null ? 2 : retry_backoff, retry_jitter == null ? 0 : retry_jitter));
        job.setMisfire(new MisfirePolicy(or(misfire_policy, MisfirePolicy.FIRE_ONCE), misfire_max == null ? 100 : misfire_max,
                orEmpty(starting_deadline).trim()));
        job.setDependsOn(depends_on == null ? List.of() : depends_on);
        job.setTriggerRule(or(trigger_rule, "on_success"));
        job.setRequires(gates(errors));
        job.setRunOnStart(or(run_on_start, "never"));
        job.setRetention(new Retention(keep_executions == null ? 0 : keep_executions, orEmpty(keep_executions_for).trim()));
        job.setNotifications(notifications);
        if (success_count < 0) {
            errors.add(new FieldError("success_count", "must be 0 or more"));
        }
        if (error_count < 0) {
            errors.add(new FieldError("error_count", "must be 0 or more"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Job validation failed", errors);
        }
        return job;
    }

    private static final List<String> STATUSES = List.of("", "success", "failed", "partially_failed", "running");

    /** The status a client reports, kept only for a job that has none yet ("running" is transient: not kept). */
    private String reportedStatus(List<FieldError> errors) {
        String reported = orEmpty(status);
        if (!STATUSES.contains(reported)) {
            errors.add(new FieldError("status", "must be one of success, failed, partially_failed or empty"));
        }
        return reported.equals("running") ? "" : reported;
    }

    private List<Gate> gates(List<FieldError> errors) {
        List<Gate> gates = new ArrayList<>();
        for (int i = 0; requires != null && i < requires.size(); i++) {
            GateJson gate = requires.get(i);
            if (gate == null || gate.job() == null || gate.job().isBlank()) {
                errors.add(new FieldError("requires[" + i + "].job", "the required job's name is missing"));
            } else {
                gates.add(new Gate(gate.job(), orEmpty(gate.within()).trim()));
            }
        }
        return gates;
    }

    private static String or(String value, String byDefault) {
        return value == null || value.isBlank() ? byDefault : value.trim();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Dkron accepts null, RFC 3339, or an HTML datetime-local value ("2006-01-02T15:04", read as UTC). */
    private static Instant time(String field, Object value, List<FieldError> errors) {
        if (value == null || "".equals(value)) {
            return null;
        }
        if (!(value instanceof String text)) {
            errors.add(new FieldError(field, "must be an RFC 3339 date-time string or null"));
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notRfc3339) {
            try {
                instant = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(field, "\"" + text + "\" is not an RFC 3339 date-time (e.g. 2026-12-31T23:59:00Z)"));
                return null;
            }
        }
        if (instant.isBefore(FIRST_INSTANT) || instant.isAfter(LAST_INSTANT)) {
            errors.add(new FieldError(field, "\"" + text + "\" is out of range: RFC 3339 years have 4 digits"));
            return null;
        }
        return instant;
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
