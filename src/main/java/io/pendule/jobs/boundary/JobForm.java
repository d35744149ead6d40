package io.pendule.jobs.boundary;

import io.pendule.jobs.control.JobJson;
import io.pendule.executors.control.SecretValues;
import io.pendule.api.control.NulCharacters;
import io.pendule.api.entity.FieldError;
import io.pendule.platform.Json;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The job editor's form: its fields as text, read from a stored job (secrets masked) or from a posted form, and
 * applied to a job's Dkron JSON, the very definition the API would receive. What the form does not show is left as
 * it is in that JSON. Problems found here carry a message key (starting with {@link #KEY}) rather than a text.
 */
final class JobForm {

    static final String KEY = "editor.error.";
    private static final List<String> JOB_FIELDS = List.of("name", "displayname", "schedule", "timezone", "executor",
            "disabled", "concurrency", "retries", "timeout", "parent_job", "depends_on", "tags", "metadata", "owner",
            "owner_email");
    /** The executor config keys the form shows, by form field. */
    static final Map<String, Map<String, String>> EXECUTOR_FIELDS = Map.of(
            "http", ordered("http_method", "method", "http_url", "url", "http_headers", "headers", "http_body", "body",
                    "http_timeout", "timeout", "http_expect_code", "expectCode", "http_expect_body", "expectBody"),
            "shell", ordered("shell_command", "command", "shell_shell", "shell", "shell_env", "env", "shell_cwd", "cwd",
                    "shell_timeout", "timeout"));
    private static final Set<String> CHECKBOXES = Set.of("disabled", "shell_shell");
    /** The job a clone was made from, whose secrets the clone keeps. */
    static final String SOURCE = "source";

    final Map<String, String> values = new TreeMap<>();

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static List<String> allFields() {
        List<String> fields = new ArrayList<>(JOB_FIELDS);
        EXECUTOR_FIELDS.values().forEach(keys -> fields.addAll(keys.keySet()));
        fields.add(SOURCE);
        return fields;
    }

    /** A new job's form: an http GET, with a new job's concurrency policy and retries (JobJson's defaults). */
    static JobForm empty() {
        JobForm form = new JobForm();
        JobJson defaults = new JobJson();
        allFields().forEach(field -> form.values.put(field, ""));
        form.values.put("executor", "http");
        form.values.put("http_method", "GET");
        form.values.put("concurrency", defaults.concurrency);
        form.values.put("retries", Integer.toString(defaults.retries));
        return form;
    }

    /** The fields of a stored job, its secrets masked. */
    static JobForm of(JobJson job) {
        JobForm form = empty();
        Map<String, String> v = form.values;
        v.put("name", job.name);
        v.put("displayname", orEmpty(job.displayname));
        v.put("schedule", orEmpty(job.schedule));
        v.put("timezone", orEmpty(job.timezone));
        v.put("executor", orEmpty(job.executor));
        v.put("disabled", job.disabled ? "true" : "");
        v.put("concurrency", orEmpty(job.concurrency));
        v.put("retries", Integer.toString(job.retries));
        v.put("timeout", orEmpty(job.timeout));
        v.put("parent_job", orEmpty(job.parent_job));
        v.put("depends_on", String.join(", ", job.depends_on == null ? List.of() : job.depends_on));
        v.put("tags", lines(job.tags));
        v.put("metadata", lines(job.metadata));
        v.put("owner", orEmpty(job.owner));
        v.put("owner_email", orEmpty(job.owner_email));
        Map<String, String> config = job.executor_config == null ? Map.of() : job.executor_config;
        EXECUTOR_FIELDS.getOrDefault(orEmpty(job.executor), Map.of()).forEach((field, key) -> v.put(field, shown(key, config.get(key))));
        return form;
    }

    private static String shown(String key, String value) {
        if (value == null) {
            return "";
        }
        return switch (key) {
            case SecretValues.HEADERS -> SecretValues.headerLines(value)
                    .map(lines -> String.join("\n", SecretValues.maskedItems(lines, ':'))).orElse(SecretValues.MASK);
            case SecretValues.ENV -> String.join("\n", SecretValues.maskedItems(SecretValues.envItems(value), '='));
            default -> value;
        };
    }

    /** The form as posted: what the reader typed, kept as typed to be shown again. */
    static JobForm read(HttpServletRequest request) {
        JobForm form = new JobForm();
        for (String field : allFields()) {
            String value = request.getParameter(field);
            // text areas send their lines ended by CRLF
            form.values.put(field, CHECKBOXES.contains(field) ? (value == null ? "" : "true") : orEmpty(value).replace("\r\n", "\n"));
        }
        return form;
    }

    /** The fields holding a NUL character, which no job can hold: refused before any name is looked up. */
    List<FieldError> nulCharacters() {
        List<FieldError> problems = new ArrayList<>();
        values.forEach((field, value) -> NulCharacters.check(field, value, problems));
        return problems;
    }

    /** The form of a copy: the same fields, named {name}-copy, keeping the secrets of the job it copies. */
    JobForm cloned() {
        JobForm copy = new JobForm();
        copy.values.putAll(values);
        copy.values.put("name", values.get("name") + "-copy");
        copy.values.put(SOURCE, values.get("name"));
        return copy;
    }

    String get(String field) {
        return values.getOrDefault(field, "");
    }

    /** The form field a validation error is about; null when the form does not show it. */
    String fieldOf(String errorField) {
        if (errorField.startsWith("executor_config.")) {
            String key = errorField.substring("executor_config.".length());
            return EXECUTOR_FIELDS.getOrDefault(get("executor"), Map.of()).entrySet().stream()
                    .filter(e -> e.getValue().equals(key)).map(Map.Entry::getKey).findFirst().orElse(null);
        }
        if (EXECUTOR_FIELDS.values().stream().anyMatch(keys -> keys.containsKey(errorField))) {
            return errorField;
        }
        String base = errorField.split("[.\\[]", 2)[0];
        return JOB_FIELDS.contains(base) ? base : null;
    }

    /**
     * Sets the form's fields on the job's JSON; the executor's config keys the form does not show are kept when the
     * executor stays the same. A masked secret takes its value back from {@code secrets}, the config of executor
     * {@code secretsExecutor} it was shown from, only while the form keeps its target (SecretValues.targetChange):
     * otherwise the save is refused, naming the secret, rather than saved without it. Answers what the JSON cannot
     * even hold (retries that is no number, a tag without "=").
     */
    List<FieldError> applyTo(JobJson json, String secretsExecutor, Map<String, String> secrets) {
        List<FieldError> problems = new ArrayList<>();
        json.displayname = get("displayname");
        json.schedule = get("schedule");
        json.timezone = get("timezone");
        json.disabled = !get("disabled").isEmpty();
        json.concurrency = get("concurrency");
        json.retries = retries(problems);
        json.timeout = get("timeout");
        json.parent_job = get("parent_job").trim();
        json.depends_on = Arrays.stream(get("depends_on").split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
        json.tags = pairs("tags", problems);
        json.metadata = pairs("metadata", problems);
        json.owner = get("owner");
        json.owner_email = get("owner_email").trim();
        String executor = get("executor");
        Map<String, String> stored = secrets == null ? Map.of() : secrets;
        Map<String, String> target = new LinkedHashMap<>();
        EXECUTOR_FIELDS.getOrDefault(executor, Map.of()).forEach((field, key) -> target.put(key, get(field)));
        Optional<String> targetChange = stored.isEmpty() ? Optional.empty()
                : SecretValues.targetChange(secretsExecutor, stored, executor, target);
        Map<String, String> config = new LinkedHashMap<>(
                executor.equals(json.executor) && json.executor_config != null ? json.executor_config : Map.of());
        EXECUTOR_FIELDS.getOrDefault(executor, Map.of()).forEach((field, key) -> {
            String value = configValue(field, key, targetChange.isPresent() ? Map.of() : stored, targetChange, problems);
            if (value == null || value.isBlank()) {
                config.remove(key);
            } else {
                config.put(key, key.equals("body") ? value : value.trim());
            }
        });
        json.executor = executor;
        json.executor_config = config;
        return problems;
    }

    private int retries(List<FieldError> problems) {
        String text = get("retries").trim();
        try {
            return text.isEmpty() ? 0 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            problems.add(new FieldError("retries", KEY + "number"));
            return 0;
        }
    }

    /** Each masked secret of {@code items}, named: its stored value is not kept because its target changed. */
    private static void notKept(String key, List<String> items, char separator, String why, List<FieldError> problems) {
        items.stream().filter(item -> SecretValues.isMasked(item, separator))
                .map(item -> item.substring(0, item.indexOf(separator)).trim())
                .forEach(name -> problems.add(new FieldError("executor_config." + key, "the masked value of " + name
                        + " cannot be kept because " + why + ": type it again")));
    }

    private String configValue(String field, String key, Map<String, String> secrets, Optional<String> targetChange,
                               List<FieldError> problems) {
        String value = get(field);
        if (CHECKBOXES.contains(field)) {
            return value.isEmpty() ? null : "true";
        }
        if (key.equals(SecretValues.HEADERS)) {
            List<String> stored = SecretValues.headerLines(secrets.get(key)).orElse(List.of());
            List<String> headers = knownSecrets(field, key, SecretValues.unmasked(nonBlankLines(value), stored, ':'), ':',
                    targetChange, problems);
            return headers.isEmpty() ? null : Json.write(headers);
        }
        if (key.equals(SecretValues.ENV)) {
            List<String> items = nonBlankLines(value);
            if (items.stream().anyMatch(item -> item.contains(","))) {
                problems.add(new FieldError(field, KEY + "envComma"));
            }
            List<String> env = knownSecrets(field, key, SecretValues.unmasked(items, SecretValues.envItems(secrets.get(key)), '='), '=',
                    targetChange, problems);
            return String.join(",", env);
        }
        return value;
    }

    /**
     * A masked secret still masked (none stored, or not kept for the target changed) is reported, and left out of what
     * the validator then checks.
     */
    private static List<String> knownSecrets(String field, String key, List<String> items, char separator,
                                             Optional<String> targetChange, List<FieldError> problems) {
        if (targetChange.isPresent()) {
            notKept(key, items, separator, targetChange.get(), problems);
        } else if (items.stream().anyMatch(item -> SecretValues.isMasked(item, separator))) {
            problems.add(new FieldError(field, KEY + "secretAgain"));
        }
        return items.stream().filter(item -> !SecretValues.isMasked(item, separator)).toList();
    }

    /** "key=value" lines; null when there is none (Dkron shows no tags as null). */
    private Map<String, String> pairs(String field, List<FieldError> problems) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String line : nonBlankLines(get(field))) {
            int equals = line.indexOf('=');
            if (equals <= 0) {
                problems.add(new FieldError(field, KEY + "pair"));
            } else {
                pairs.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            }
        }
        return pairs.isEmpty() ? null : pairs;
    }

    private static List<String> nonBlankLines(String text) {
        return text.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
    }

    private static String lines(Map<String, String> pairs) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(pairs == null ? Map.of() : pairs).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return text.toString();
    }

    private static String orEmpty(String value) {
        return Objects.requireNonNullElse(value, "");
    }
}
