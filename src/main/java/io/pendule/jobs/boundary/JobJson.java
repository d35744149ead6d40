package io.pendule.jobs.boundary;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.jobs.entity.Job;
import io.pendule.platform.FieldError;
import io.pendule.platform.Json;
import io.pendule.platform.ValidationException;

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
        "starts_at", "expires_at"})
public class JobJson {

    /** Dkron's zero time, shown where a time is unset but the field is never null. */
    public static final String ZERO_TIME = "0001-01-01T00:00:00Z";

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
    public String next = ZERO_TIME;
    public boolean ephemeral;
    public Object starts_at;
    public Object expires_at;

    /**
     * Reads a job sent as JSON, whatever the request's content type: Dkron's restore script posts it with
     * curl -d, that is as application/x-www-form-urlencoded.
     */
    public static JobJson parse(String body) {
        if (body == null || body.isBlank()) {
            throw new ValidationException("Job validation failed", "body", "a job in JSON is required");
        }
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new ValidationException("Job validation failed", "body", "a job must be a JSON object");
            }
            return Json.MAPPER.treeToValue(tree, JobJson.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
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
        json.next = job.getNextFireAt() == null ? ZERO_TIME : job.getNextFireAt().toString();
        json.ephemeral = job.isEphemeral();
        json.starts_at = job.getStartsAt();
        json.expires_at = job.getExpiresAt();
        return json;
    }

    /** The definition this JSON asks for; server-maintained fields (counters, status, next, id) are ignored. */
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
        if (!errors.isEmpty()) {
            throw new ValidationException("Job validation failed", errors);
        }
        return job;
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
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notRfc3339) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(field, "\"" + text + "\" is not an RFC 3339 date-time (e.g. 2026-12-31T23:59:00Z)"));
                return null;
            }
        }
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
