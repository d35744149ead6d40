package io.pendule.jobs.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.pendule.api.control.NulCharacters;
import io.pendule.api.control.StrictJson;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.clock.entity.MisfirePolicy;
import io.pendule.executions.entity.Concurrency;
import io.pendule.executions.entity.RetryPolicy;
import io.pendule.jobs.control.JobJson.GateJson;
import io.pendule.jobs.entity.Job;
import io.pendule.jobs.entity.Retention;
import io.pendule.platform.Json;
import io.pendule.workflows.entity.Gate;
import io.pendule.workflows.entity.RunOnStart;
import io.pendule.workflows.entity.TriggerRule;

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
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a job sent in Dkron's JSON ({@link JobJson}) and the definition it asks for: strictly, NUL characters refused,
 * times in Dkron's formats, the policies' codes turned into their types. What is left out or null keeps a fresh
 * job's value; what is wrong is reported field by field.
 */
public final class JobJsonReader {

    /** The times RFC 3339 can write (4-digit years), from Dkron's zero time on. */
    private static final Instant FIRST_INSTANT = Instant.parse(Json.ZERO_TIME);
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final List<String> STATUSES = List.of("", "success", "failed", "partially_failed", "running");

    private JobJsonReader() {
    }

    /**
     * Strict where Dkron is lax, so a mistake is reported instead of silently dropped: unknown fields (such as
     * Dkron 1's "command") and values of the wrong type ("retries":"3", "executor_config":{"timeout":30}) are refused.
     */
    private static final ObjectReader STRICT = strictMapper().readerFor(JobJson.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // null is "leave the default", as Go's encoding/json reads it: a form sends null for an empty number input,
            // and every number and boolean of a job defaults to 0 or false
            .without(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

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

    /** Any JSON, with nothing after it, for a job, a merge patch or a backup file to be read. */
    public static JsonNode tree(String body) {
        try {
            return StrictJson.tree(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void findNulCharacters(JsonNode node, String path, List<FieldError> errors) {
        if (node.isTextual()) {
            NulCharacters.check(path, node.textValue(), errors);
        }
        node.fields().forEachRemaining(f -> {
            if (NulCharacters.in(f.getKey())) {
                errors.add(new FieldError(path, "a key " + NulCharacters.MESSAGE));
            }
            findNulCharacters(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), errors);
        });
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            findNulCharacters(node.get(i), path + "[" + i + "]", errors);
        }
    }

    /**
     * The definition the JSON asks for. Server-kept fields are not taken as they are: id, next and dependent_jobs
     * are ignored, and the counters, last times and status only ever move forward (Dkron's rule, which lets a
     * backup be restored with its history), see JobService.
     */
    public static Job toDefinition(JobJson json) {
        List<FieldError> errors = new ArrayList<>();
        Job job = new Job(json.name);
        job.setDisplayname(orEmpty(json.displayname));
        job.setTimezone(orEmpty(json.timezone).trim());
        job.setSchedule(orEmpty(json.schedule).trim());
        job.setOwner(orEmpty(json.owner));
        job.setOwnerEmail(orEmpty(json.owner_email));
        job.setDisabled(json.disabled);
        job.setTags(json.tags);
        job.setMetadata(json.metadata);
        job.setRetries(json.retries);
        job.setParentJob(json.parent_job == null || json.parent_job.isEmpty() ? null : json.parent_job);
        job.setProcessors(Json.write(json.processors == null ? Map.of() : json.processors));
        // as Dkron: empty means the default; any other text must be a code as it is, not trimmed
        job.setConcurrency(json.concurrency == null || json.concurrency.isEmpty() ? job.getConcurrency()
                : Concurrency.ofCode(json.concurrency).orElse(null));
        job.setExecutor(orEmpty(json.executor));
        job.setExecutorConfig(json.executor_config);
        job.setEphemeral(json.ephemeral);
        job.setStartsAt(time("starts_at", json.starts_at, errors));
        job.setExpiresAt(time("expires_at", json.expires_at, errors));
        job.carryHistory(json.success_count, json.error_count, json.last_success, json.last_error, reportedStatus(json, errors));
        job.setTimeout(or(json.timeout, job.getTimeout()));
        RetryPolicy retry = job.getRetry();
        job.setRetry(new RetryPolicy(or(json.retry_delay, retry.delay()), or(json.retry_max_delay, retry.maxDelay()),
                orIfNull(json.retry_backoff, retry.backoff()), orIfNull(json.retry_jitter, retry.jitter())));
        MisfirePolicy misfire = job.getMisfire();
        job.setMisfire(new MisfirePolicy(code(json.misfire_policy, MisfirePolicy.Kind::ofCode, misfire.kind()),
                orIfNull(json.misfire_max, misfire.max()), or(json.starting_deadline, misfire.startingDeadline())));
        job.setDependsOn(json.depends_on == null ? List.of() : json.depends_on);
        job.setTriggerRule(code(json.trigger_rule, TriggerRule::ofCode, job.getTriggerRule()));
        job.setRequires(gates(json.requires, errors));
        job.setRunOnStart(code(json.run_on_start, RunOnStart::ofCode, job.getRunOnStart()));
        Retention retention = job.getRetention();
        job.setRetention(new Retention(orIfNull(json.keep_executions, retention.keepExecutions()),
                or(json.keep_executions_for, retention.keepFor())));
        job.setNotifications(json.notifications);
        if (json.success_count < 0) {
            errors.add(new FieldError("success_count", "must be 0 or more"));
        }
        if (json.error_count < 0) {
            errors.add(new FieldError("error_count", "must be 0 or more"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Job validation failed", errors);
        }
        return job;
    }

    /** The status a client reports, kept only for a job that has none yet ("running" is transient: not kept). */
    private static String reportedStatus(JobJson json, List<FieldError> errors) {
        String reported = orEmpty(json.status);
        if (!STATUSES.contains(reported)) {
            errors.add(new FieldError("status", "must be one of success, failed, partially_failed or empty"));
        }
        return reported.equals("running") ? "" : reported;
    }

    private static List<Gate> gates(List<GateJson> requires, List<FieldError> errors) {
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

    /** A policy's code: blank for the default; an unknown one gives null, which JobValidator refuses with the others. */
    private static <P> P code(String code, Function<String, Optional<P>> ofCode, P byDefault) {
        return code == null || code.isBlank() ? byDefault : ofCode.apply(code.trim()).orElse(null);
    }

    private static String or(String value, String byDefault) {
        return value == null || value.isBlank() ? byDefault : value.trim();
    }

    private static <T> T orIfNull(T value, T byDefault) {
        return value == null ? byDefault : value;
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
}
