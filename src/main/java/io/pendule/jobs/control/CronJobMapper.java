package io.pendule.jobs.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.api.entity.FieldError;
import io.pendule.clock.entity.MisfirePolicy;
import io.pendule.executions.entity.Concurrency;
import io.pendule.executions.entity.RetryPolicy;
import io.pendule.jobs.entity.ImportPlan;
import io.pendule.jobs.entity.ImportWarning;
import io.pendule.jobs.entity.ImportedJob;
import io.pendule.jobs.entity.Job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes CronJobs (batch/v1, one YAML document each, or a {@code kind: List}) as Pendule shell jobs. What maps:
 * name, schedule (Unix cron's five fields, descriptors, a TZ= prefix), timeZone, concurrencyPolicy, suspend,
 * startingDeadlineSeconds, the job's backoffLimit (as retries with Kubernetes' back-off) and activeDeadlineSeconds,
 * the first container's command and args, env and workingDir, the labels. Everything else is a warning naming the
 * field: Pendule runs the command on a worker's host, not in the image's container.
 */
public final class CronJobMapper {

    static final String JOB_SPEC = "spec.jobTemplate.spec";
    static final String POD_SPEC = JOB_SPEC + ".template.spec";
    static final String CONTAINER = POD_SPEC + ".containers[0]";
    /** Kubernetes' backoffLimit when the manifest gives none. */
    static final int KUBERNETES_BACKOFF_LIMIT = 6;
    /** Kubernetes retries a failed pod after 10 s, 20 s, 40 s… up to 6 minutes. */
    static final RetryPolicy KUBERNETES_BACKOFF = new RetryPolicy("10s", "6m", 2, 0);

    private static final Set<String> SHELLS = Set.of("sh", "/bin/sh", "/usr/bin/sh");
    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("(?<!\\$)\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
    private static final Pattern INDEXED = Pattern.compile("(\\w+)\\[(\\d+)]");
    private static final Pattern TZ_PREFIX = Pattern.compile("(?:CRON_)?TZ=(\\S+)\\s+(.*)");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final ImportedNames names;
    private final List<ImportedJob> jobs = new ArrayList<>();
    private final List<ImportWarning> warnings = new ArrayList<>();
    private final List<FieldError> errors = new ArrayList<>();
    private final Map<String, String> originOfName = new LinkedHashMap<>();

    private CronJobMapper(Predicate<String> exists) {
        this.names = new ImportedNames(exists);
    }

    /** The plan of the manifests; {@code exists} says whether a stored job has a name (it is not replaced). */
    public static ImportPlan map(String yaml, Predicate<String> exists) {
        CronJobMapper mapper = new CronJobMapper(exists);
        List<JsonNode> documents = YamlDocuments.read(yaml);
        for (int i = 0; i < documents.size(); i++) {
            mapper.object("documents[" + i + "]", documents.get(i));
        }
        if (mapper.jobs.isEmpty() && mapper.errors.isEmpty()) {
            mapper.errors.add(new FieldError("body", "no CronJob found (kind: CronJob, apiVersion: batch/v1)"));
        }
        return new ImportPlan(mapper.jobs, mapper.warnings, mapper.errors);
    }

    private void object(String origin, JsonNode document) {
        if (document == null || document.isNull()) {
            return;
        }
        if (!document.isObject()) {
            errors.add(new FieldError(origin, "must be a Kubernetes object (a mapping with apiVersion and kind)"));
            return;
        }
        String kind = text(document.get("kind"));
        if ("List".equals(kind) || kind.endsWith("List") && document.path("items").isArray()) {
            JsonNode items = document.path("items");
            for (int i = 0; i < items.size(); i++) {
                object(origin + ".items[" + i + "]", items.get(i));
            }
        } else if (kind.equals("CronJob")) {
            cronJob(origin, document);
        } else {
            warnings.add(new ImportWarning(origin + ".kind", null, "kind " + (kind.isEmpty() ? "(none)" : kind)
                    + " is not a CronJob: skipped"));
        }
    }

    private void cronJob(String origin, JsonNode cronJob) {
        Document document = new Document(origin, cronJob);
        String apiVersion = text(cronJob.get("apiVersion"));
        if (apiVersion.equals("batch/v1beta1")) {
            document.warn("apiVersion", "batch/v1beta1 (removed in Kubernetes 1.25) is read as batch/v1");
        } else if (!apiVersion.equals("batch/v1")) {
            document.error("apiVersion", "must be batch/v1, not \"" + apiVersion + "\"");
        }
        Job job = new Job(document.name());
        document.map(job);
        if (document.valid()) {
            jobs.add(new ImportedJob(origin, job, document.sources));
        }
    }

    /** One CronJob being read: its warnings and errors are said of its place in the file. */
    private final class Document {

        private final String origin;
        private final JsonNode root;
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final int errorsBefore = errors.size();
        private String name;
        /** The manifest leaves the command to the image's entrypoint: the job is created disabled. */
        private boolean entrypointUnknown;

        Document(String origin, JsonNode root) {
            this.origin = origin;
            this.root = root;
        }

        boolean valid() {
            return errors.size() == errorsBefore;
        }

        void warn(String path, String message) {
            warnings.add(new ImportWarning(origin + "." + path, name, message));
        }

        void error(String path, String message) {
            errors.add(new FieldError(origin + "." + path, message));
        }

        JsonNode at(String path) {
            JsonNode node = root;
            for (String part : path.split("\\.")) {
                Matcher indexed = INDEXED.matcher(part);
                node = indexed.matches() ? node.path(indexed.group(1)).path(Integer.parseInt(indexed.group(2))) : node.path(part);
            }
            return node;
        }

        String name() {
            String given = text(at("metadata.name"));
            sources.put("name", "metadata.name");
            if (given.isEmpty()) {
                error("metadata.name", "required: the job's name");
                return null;
            }
            name = ImportedNames.sanitized(given);
            if (name.isEmpty()) {
                error("metadata.name", "\"" + given + "\" leaves no letter or digit for a job's name");
                return null;
            }
            if (!name.equals(given)) {
                warn("metadata.name", "\"" + given + "\" is named " + name + " (job names are lower-case letters, digits, '_' and '-')");
            }
            String before = originOfName.putIfAbsent(name, origin);
            if (before != null) {
                error("metadata.name", "job " + name + " is named by " + before + " already: rename one");
            } else if (names.storedJobHas(name)) {
                error("metadata.name", "a job named " + name + " exists already: an import creates jobs, it does not"
                        + " replace them (rename it in the file, or delete the job)");
            }
            return name;
        }

        void map(Job job) {
            job.setExecutor("shell");
            schedule(job);
            policies(job);
            jobSpec(job);
            Map<String, String> config = new LinkedHashMap<>();
            command(config);
            env(config);
            String workingDir = text(at(CONTAINER + ".workingDir"));
            if (!workingDir.isEmpty()) {
                config.put("cwd", workingDir);
                sources.put("executor_config.cwd", CONTAINER + ".workingDir");
            }
            job.setExecutorConfig(config);
            job.setMetadata(labels());
            job.setDisabled(job.isDisabled() || entrypointUnknown);
            unmapped();
        }

        private void schedule(Job job) {
            String schedule = text(at("spec.schedule"));
            sources.put("schedule", "spec.schedule");
            sources.put("timezone", "spec.timeZone");
            if (schedule.isEmpty()) {
                error("spec.schedule", "required: the CronJob's schedule");
                return;
            }
            String timeZone = text(at("spec.timeZone"));
            Matcher prefixed = TZ_PREFIX.matcher(schedule);
            if (prefixed.matches()) {
                if (!timeZone.isEmpty() && !timeZone.equals(prefixed.group(1))) {
                    error("spec.schedule", "its TZ= prefix (" + prefixed.group(1) + ") is not spec.timeZone (" + timeZone + ")");
                }
                timeZone = prefixed.group(1);
                schedule = prefixed.group(2);
                sources.put("timezone", "spec.schedule");
            }
            job.setSchedule(ImportedSchedules.of(schedule));
            job.setTimezone(timeZone);
        }

        private void policies(Job job) {
            String policy = text(at("spec.concurrencyPolicy"));
            switch (policy) {
                case "", "Allow" -> job.setConcurrency(Concurrency.ALLOW);
                case "Forbid" -> job.setConcurrency(Concurrency.FORBID);
                case "Replace" -> job.setConcurrency(Concurrency.REPLACE);
                default -> error("spec.concurrencyPolicy", "must be Allow, Forbid or Replace, not \"" + policy + "\"");
            }
            String suspend = text(at("spec.suspend"));
            switch (suspend) {
                case "", "false" -> job.setDisabled(false);
                case "true" -> job.setDisabled(true);
                default -> error("spec.suspend", "must be true or false, not \"" + suspend + "\"");
            }
            seconds("spec.startingDeadlineSeconds").ifPresent(deadline -> {
                MisfirePolicy misfire = job.getMisfire();
                job.setMisfire(new MisfirePolicy(misfire.kind(), misfire.max(), deadline));
                sources.put("starting_deadline", "spec.startingDeadlineSeconds");
            });
            for (String limit : List.of("spec.successfulJobsHistoryLimit", "spec.failedJobsHistoryLimit")) {
                if (!at(limit).isMissingNode()) {
                    warn(limit, "not mapped: Pendule keeps every run's status and output, the latest keep_executions runs"
                            + " of a job whatever their status (0, the default, is PENDULE_KEEP_EXECUTIONS) for"
                            + " keep_executions_for; set them on the job if needed");
                }
            }
        }

        private void jobSpec(Job job) {
            String backoffLimit = text(at(JOB_SPEC + ".backoffLimit"));
            int retries = KUBERNETES_BACKOFF_LIMIT;
            if (!backoffLimit.isEmpty()) {
                if (DIGITS.matcher(backoffLimit).matches()) {
                    retries = Integer.parseInt(backoffLimit);
                } else {
                    error(JOB_SPEC + ".backoffLimit", "must be a whole number, 0 or more");
                }
            } else {
                warn(JOB_SPEC + ".backoffLimit", "not set: Kubernetes' default, 6 retries, is kept");
            }
            job.setRetries(retries);
            job.setRetry(KUBERNETES_BACKOFF);
            sources.put("retries", JOB_SPEC + ".backoffLimit");
            seconds(JOB_SPEC + ".activeDeadlineSeconds").ifPresent(timeout -> {
                job.setTimeout(timeout);
                sources.put("timeout", JOB_SPEC + ".activeDeadlineSeconds");
            });
        }

        /** A whole number of seconds as a Go duration, "120s"; empty when absent. */
        private java.util.Optional<String> seconds(String path) {
            String value = text(at(path));
            if (value.isEmpty()) {
                return java.util.Optional.empty();
            }
            if (!DIGITS.matcher(value).matches()) {
                error(path, "must be a whole number of seconds");
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Long.parseLong(value) + "s");
        }

        private void command(Map<String, String> config) {
            sources.put("executor_config.command", CONTAINER + ".command");
            sources.put("executor_config.shell", CONTAINER + ".command");
            JsonNode container = at(CONTAINER);
            if (!container.isObject()) {
                error(POD_SPEC + ".containers", "required: a container whose command the job runs");
                return;
            }
            List<String> command = words(CONTAINER + ".command");
            List<String> args = words(CONTAINER + ".args");
            String image = text(container.get("image"));
            if (command.isEmpty() && args.isEmpty()) {
                error(CONTAINER + ".command", "not set: the image's own entrypoint (" + image + ") runs in Kubernetes,"
                        + " which Pendule cannot know; give the command to run");
                return;
            }
            List<String> argv = new ArrayList<>(command);
            argv.addAll(args);
            if (command.isEmpty()) {
                warn(CONTAINER + ".command", "not set: in Kubernetes the image's entrypoint (" + image + ") runs with these"
                        + " args; the job runs the args as its command and is created disabled: check it, then enable it");
                entrypointUnknown = true;
            }
            if (argv.size() == 3 && SHELLS.contains(argv.get(0)) && argv.get(1).equals("-c")) {
                config.put("shell", "true");
                config.put("command", argv.get(2));
            } else {
                config.put("command", ShellQuoting.command(argv));
            }
            variableReferences(argv);
            if (!image.isEmpty()) {
                warn(CONTAINER + ".image", "not mapped: the command runs on a Pendule worker's host, not in the image "
                        + image + " (install what it needs there, or pin the job to such workers with tags)");
            }
        }

        /** Kubernetes replaces $(NAME) in command and args by the container's variable NAME; Pendule runs them as written. */
        private void variableReferences(List<String> argv) {
            Set<String> declared = new java.util.HashSet<>();
            at(CONTAINER + ".env").forEach(variable -> declared.add(text(variable.get("name"))));
            for (String word : argv) {
                Matcher reference = VARIABLE_REFERENCE.matcher(word);
                while (reference.find()) {
                    if (!declared.contains(reference.group(1))) {
                        continue;
                    }
                    warn(CONTAINER + ".command", "$(" + reference.group(1) + ") is replaced by the variable's value in"
                            + " Kubernetes, not by Pendule: write the command with \"$" + reference.group(1)
                            + "\" under sh -c instead");
                }
            }
        }

        private List<String> words(String path) {
            JsonNode list = at(path);
            List<String> words = new ArrayList<>();
            if (list.isMissingNode() || list.isNull()) {
                return words;
            }
            if (!list.isArray()) {
                error(path, "must be a list of strings");
                return words;
            }
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isTextual()) {
                    error(path + "[" + i + "]", "must be a string");
                } else {
                    words.add(list.get(i).textValue());
                }
            }
            return words;
        }

        private void env(Map<String, String> config) {
            sources.put("executor_config.env", CONTAINER + ".env");
            JsonNode env = at(CONTAINER + ".env");
            List<String> items = new ArrayList<>();
            for (int i = 0; env.isArray() && i < env.size(); i++) {
                String path = CONTAINER + ".env[" + i + "]";
                String variable = text(env.get(i).get("name"));
                JsonNode secret = env.get(i).path("valueFrom").path("secretKeyRef");
                if (!ENV_NAME.matcher(variable).matches()) {
                    error(path + ".name", "must be a variable name (letters, digits, '_')");
                } else if (env.get(i).has("value")) {
                    String value = text(env.get(i).get("value"));
                    if (value.contains(",")) {
                        warn(path + ".value", variable + " not set: its value holds a comma, which the shell executor's"
                                + " env (NAME=value,NAME=value) cannot carry; set it in the command instead");
                    } else {
                        items.add(variable + "=" + value);
                    }
                } else if (secret.isObject()) {
                    String reference = text(secret.get("name")) + "." + text(secret.get("key"));
                    items.add(variable + "=${secret:" + reference + "}");
                    warn(path + ".valueFrom.secretKeyRef", variable + " is ${secret:" + reference + "}: store that secret"
                            + " (/v1/secrets, or a file or variable of a secret provider, docs/secrets.md) before the job runs");
                } else {
                    warn(path + ".valueFrom", variable + " not set: only plain values and secretKeyRef map"
                            + " (configMapKeyRef, fieldRef and resourceFieldRef are Kubernetes')");
                }
            }
            if (!items.isEmpty()) {
                config.put("env", String.join(",", items));
            }
        }

        private Map<String, String> labels() {
            Map<String, String> metadata = new LinkedHashMap<>();
            at("metadata.labels").fields().forEachRemaining(label -> metadata.put(label.getKey(), text(label.getValue())));
            return metadata;
        }

        /** Every field of the CronJob, its job, pod and container that nothing above reads, named. */
        private void unmapped() {
            unread("metadata", Set.of("name", "labels", "namespace", "uid", "resourceVersion", "creationTimestamp",
                    "generation", "managedFields"));
            unread("spec", Set.of("schedule", "timeZone", "concurrencyPolicy", "suspend", "startingDeadlineSeconds",
                    "successfulJobsHistoryLimit", "failedJobsHistoryLimit", "jobTemplate"));
            unread(JOB_SPEC, Set.of("backoffLimit", "activeDeadlineSeconds", "template"));
            unread(POD_SPEC, Set.of("containers", "restartPolicy"));
            unread(CONTAINER, Set.of("name", "image", "command", "args", "env", "workingDir"));
            JsonNode containers = at(POD_SPEC + ".containers");
            for (int i = 1; containers.isArray() && i < containers.size(); i++) {
                warn(POD_SPEC + ".containers[" + i + "]", "not mapped: the job runs the first container's command only");
            }
        }

        private void unread(String path, Set<String> read) {
            at(path).fieldNames().forEachRemaining(field -> {
                if (!read.contains(field)) {
                    warn(path + "." + field, "not mapped: Pendule has no such setting for a shell job");
                }
            });
        }
    }

    /** A scalar's text, "" for a missing node, null, or a mapping or list. */
    static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? node.asText().strip() : "";
    }
}
