package io.pendule.jobs.control;

import io.pendule.clock.entity.MisfirePolicy;
import io.pendule.cluster.control.NodeTags;
import io.pendule.executions.entity.NodeCount;
import io.pendule.executions.entity.Concurrency;
import io.pendule.executors.control.ExecutorRegistry;
import io.pendule.executors.control.JobExecutor;
import io.pendule.executors.control.OutboundGuard;
import io.pendule.jobs.entity.Job;
import io.pendule.notifications.control.MailRecipients;
import io.pendule.notifications.entity.Notification;
import io.pendule.notifications.entity.NotificationTemplate;
import io.pendule.platform.GoDuration;
import io.pendule.workflows.entity.Gate;
import io.pendule.workflows.entity.RunOnStart;
import io.pendule.workflows.entity.TriggerRule;
import io.pendule.api.entity.FieldError;
import io.pendule.schedules.control.ScheduleParser;
import io.pendule.schedules.entity.InvalidScheduleException;
import io.pendule.secrets.control.SecretFields;
import io.pendule.secrets.control.SecretResolver;
import io.pendule.secrets.entity.SecretReference;
import io.pendule.secrets.entity.MalformedReference;
import io.pendule.secrets.control.SecretTemplates;
import io.pendule.secrets.entity.ReferenceProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Every rule a job definition must follow before it is stored: all problems at once, field by field. */
@ApplicationScoped
public class JobValidator {

    private static final Logger LOG = Logger.getLogger(JobValidator.class.getName());

    /** Dkron's rule: lower-case letters (any script), digits, '_' and '-'. */
    private static final Pattern NAME = Pattern.compile("[\\p{Ll}0-9_-]+");
    static final int MAX_NAME_LENGTH = 200;

    @Inject
    ScheduleParser schedules;
    @Inject
    ExecutorRegistry executors;
    @Inject
    OutboundGuard outbound;
    @Inject
    SecretResolver secrets;
    @Inject
    MailRecipients mailRecipients;

    public List<FieldError> problemsOf(Job job) {
        List<FieldError> errors = new ArrayList<>();
        checkName(job.getName(), errors);
        checkSchedule(job, errors);
        checkExecutor(job, errors);
        if (job.getConcurrency() == null) {
            // Dkron's message (Pendule adds replace, which Dkron documents but refuses)
            errors.add(new FieldError("concurrency", "invalid concurrency policy value, use " + quotedChoice(Concurrency.codes())));
        }
        if (job.getRetries() < 0) {
            errors.add(new FieldError("retries", "must be 0 or more"));
        }
        if (job.isChild() && job.getParentJob().equals(job.getName())) {
            errors.add(new FieldError("parent_job", "the job can not have itself as parent"));
        }
        if (job.getStartsAt() != null && job.getExpiresAt() != null && job.getExpiresAt().isBefore(job.getStartsAt())) {
            errors.add(new FieldError("expires_at", "is before starts_at"));
        }
        checkTagCounts(job, errors);
        checkPolicies(job, errors);
        return errors;
    }

    /**
     * Dkron's "value:N" runs each fire on N matching nodes at once (executions.entity.NodeCount), up to
     * {@link NodeCount#MOST}; not for a pack job, whose runs already fan out, once per endpoint.
     */
    private static void checkTagCounts(Job job, List<FieldError> errors) {
        if (job.getTags() == null) {
            return;
        }
        new java.util.TreeMap<>(job.getTags()).forEach((key, value) -> NodeTags.count(value == null ? "" : value)
                .ifPresent(count -> {
                    if (count < 1 || count > NodeCount.MOST) {
                        errors.add(new FieldError("tags." + key, "\"" + value + "\": the count after ':' (how many of the"
                                + " matching nodes run each fire at once) must be between 1 and " + NodeCount.MOST));
                    } else if (count > 1 && PACK_EXECUTOR.equals(job.getExecutor())) {
                        errors.add(new FieldError("tags." + key, "\"" + value + "\": a pack job runs once per endpoint"
                                + " its pack is activated on, so it takes no count of nodes after ':'"));
                    }
                }));
    }

    /** The executor whose runs fan out once per endpoint (packs.control.PackExecutor). */
    private static final String PACK_EXECUTOR = "pack";

    /** Pendule's policies: durations, enumerations, bounds; the jobs they name are checked by JobService. */
    private void checkPolicies(Job job, List<FieldError> errors) {
        duration("timeout", job.getTimeout(), true, errors);
        duration("retry_delay", job.getRetry().delay(), false, errors);
        duration("retry_max_delay", job.getRetry().maxDelay(), false, errors);
        if (job.getRetry().backoff() < 1 || job.getRetry().backoff() > 10) {
            errors.add(new FieldError("retry_backoff", "must be between 1 (a constant delay) and 10"));
        }
        if (job.getRetry().jitter() < 0 || job.getRetry().jitter() > 1) {
            errors.add(new FieldError("retry_jitter", "must be between 0 and 1 (a share of the delay)"));
        }
        known("misfire_policy", job.getMisfire().kind(), MisfirePolicy.Kind.codes(), errors);
        if (job.getMisfire().max() < 1 || job.getMisfire().max() > 10_000) {
            errors.add(new FieldError("misfire_max", "must be between 1 and 10000"));
        }
        duration("starting_deadline", job.getMisfire().startingDeadline(), true, errors);
        known("trigger_rule", job.getTriggerRule(), TriggerRule.codes(), errors);
        known("run_on_start", job.getRunOnStart(), RunOnStart.codes(), errors);
        if (job.getRetention().keepExecutions() < 0) {
            errors.add(new FieldError("keep_executions", "must be 0 (the global default) or more"));
        }
        duration("keep_executions_for", job.getRetention().keepFor(), true, errors);
        List<Gate> gates = job.getRequires();
        for (int i = 0; i < gates.size(); i++) {
            duration("requires[" + i + "].within", gates.get(i).within(), true, errors);
            if (gates.get(i).job().equals(job.getName())) {
                errors.add(new FieldError("requires[" + i + "].job", "a job cannot require itself"));
            }
        }
        if (job.getDependsOn().contains(job.getName())) {
            errors.add(new FieldError("depends_on", "a job cannot depend on itself"));
        }
        checkNotifications(job, errors);
    }

    private void checkNotifications(Job job, List<FieldError> errors) {
        List<Notification> notifications = job.getNotifications();
        for (int i = 0; i < notifications.size(); i++) {
            Notification n = notifications.get(i);
            String at = "notifications[" + i + "]";
            oneOf(at + ".on", n.on(), List.of("failure", "success", "always"), errors);
            boolean webhook = n.webhook() != null && !n.webhook().isBlank();
            if (!webhook && !n.email()) {
                errors.add(new FieldError(at, "give a webhook URL, or email: true to write to owner_email"));
            }
            if (webhook) {
                webhookProblem(n.webhook()).ifPresent(problem -> errors.add(new FieldError(at + ".webhook", problem)));
            }
            if (n.email() && !job.getOwnerEmail().matches("[^@\\s]+@[^@\\s]+")) {
                errors.add(new FieldError(at + ".email", "needs the job's owner_email, an e-mail address"));
            } else if (n.email()) {
                mailRecipients.refusal(job.getOwnerEmail()).map(refusal -> new FieldError("owner_email", refusal))
                        .filter(refusal -> !errors.contains(refusal)).ifPresent(errors::add);
            }
            if (n.template() != null) {
                var unknown = new NotificationTemplate(n.template()).unknownPlaceholders();
                if (!unknown.isEmpty()) {
                    errors.add(new FieldError(at + ".template", "unknown placeholders " + unknown + " (known: "
                            + String.join(", ", NotificationTemplate.PLACEHOLDERS) + ")"));
                }
            }
        }
    }

    /**
     * Why a webhook URL cannot be called, as the JDK client and java.net.URI read it (its secret references put in as a
     * sample value; the outbound guard judges it here only when it holds none); empty when it can. The message never
     * repeats the URL: its path often holds a token.
     */
    private Optional<String> webhookProblem(String url) {
        Optional<String> referenceProblem = secrets.problemOfText(url);
        if (referenceProblem.isPresent()) {
            return referenceProblem;
        }
        boolean literal = !SecretTemplates.mentionsSecrets(url);
        return uriProblem(literal ? url : SecretTemplates.resolve(url, reference -> "secret"))
                .or(() -> literal ? outbound.refusalAtSave(URI.create(url)) : Optional.empty());
    }

    static Optional<String> uriProblem(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.of("must be an http or https URL: " + e.getReason().toLowerCase(java.util.Locale.ROOT)
                    + (e.getIndex() < 0 ? "" : " at character " + (e.getIndex() + 1)));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return Optional.of("must be an http or https URL with a host");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return Optional.of("the port must be 1 to 65535");
        }
        try {
            java.net.http.HttpRequest.newBuilder(uri); // the client's own checks, at save time rather than at each run
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("must be an http or https URL the HTTP client accepts");
        }
    }

    private static void duration(String field, String value, boolean emptyAllowed, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            if (!emptyAllowed) {
                errors.add(new FieldError(field, "a duration is required (examples: 30s, 5m, 1h30m)"));
            }
            return;
        }
        try {
            if (GoDuration.parse(value).isNegative()) {
                errors.add(new FieldError(field, "must not be negative"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
        }
    }

    private static void oneOf(String field, String value, List<String> allowed, List<FieldError> errors) {
        if (!allowed.contains(value)) {
            errors.add(new FieldError(field, "must be one of " + String.join(", ", allowed)));
        }
    }

    /** A policy read from an unknown code is null (see Job). */
    private static void known(String field, Enum<?> policy, List<String> codes, List<FieldError> errors) {
        if (policy == null) {
            errors.add(new FieldError(field, "must be one of " + String.join(", ", codes)));
        }
    }

    /** "a", "b" or "c". */
    private static String quotedChoice(List<String> codes) {
        List<String> quoted = codes.stream().map(code -> "\"" + code + "\"").toList();
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
    }

    private static void checkName(String name, List<FieldError> errors) {
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError("name", "name cannot be empty"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "name is longer than " + MAX_NAME_LENGTH + " characters"));
        } else if (!NAME.matcher(name).matches()) {
            String illegal = name.codePoints().filter(c -> !NAME.matcher(Character.toString(c)).matches())
                    .mapToObj(Character::toString).findFirst().orElse("?");
            errors.add(new FieldError("name", "name contains illegal character '" + illegal
                    + "' (allowed: lower-case letters, digits, '_' and '-')"));
        }
    }

    private void checkSchedule(Job job, List<FieldError> errors) {
        try {
            schedules.zoneOf(job.getTimezone());
        } catch (InvalidScheduleException e) {
            errors.add(new FieldError("timezone", e.getMessage()));
            return;
        }
        boolean scheduleRequired = !job.isChild();
        if (job.getSchedule().isBlank() && !scheduleRequired) {
            return;
        }
        try {
            schedules.parse(job.getSchedule(), job.getTimezone(), job.getName() == null ? "" : job.getName());
        } catch (InvalidScheduleException e) {
            errors.add(new FieldError("schedule", "can't parse job schedule: " + e.getMessage()));
        }
    }

    private void checkExecutor(Job job, List<FieldError> errors) {
        if (job.getExecutor().isEmpty()) {
            errors.add(new FieldError("executor", "executor cannot be empty (one of " + executors.names() + ")"));
            return;
        }
        Optional<JobExecutor> executor = executors.named(job.getExecutor());
        if (executor.isEmpty()) {
            errors.add(new FieldError("executor", "unknown executor \"" + job.getExecutor() + "\" (one of " + executors.names() + ")"));
            return;
        }
        var config = job.getExecutorConfig() == null ? java.util.Map.<String, String>of() : job.getExecutorConfig();
        List<ReferenceProblem> refused = secrets.problemsOf(job.getExecutor(), config);
        refused.forEach(p -> errors.add(new FieldError("executor_config." + p.key(), p.message())));
        Set<String> refusedKeys = refused.stream().map(ReferenceProblem::key).collect(Collectors.toSet());
        executor.get().validate(SecretFields.withPlaceholders(job.getExecutor(), config)).stream()
                .filter(e -> !refusedKeys.contains(e.key()))
                .forEach(e -> errors.add(new FieldError("executor_config." + e.key(), e.message())));
        if (refused.isEmpty()) {
            noteSecretsNotFoundYet(job.getName(), job.getExecutor(), config, job.getNotifications());
        }
    }

    /**
     * A secret may be stored after the job that uses it (the API says so in a Warning header): saying so in the log, by
     * name, lets an admin see why the first runs fail.
     */
    private void noteSecretsNotFoundYet(String job, String executor, java.util.Map<String, String> config,
                                        List<Notification> notifications) {
        secretsNotFound(executor, config, notifications).forEach(warning -> LOG.info(() -> "Job " + job + ": " + warning));
    }

    /** A warning for each secret {@code job} uses that no provider has now: its runs fail until it exists. */
    public List<String> secretsNotFound(Job job) {
        return secretsNotFound(job.getExecutor(), job.getExecutorConfig() == null ? java.util.Map.of() : job.getExecutorConfig(),
                job.getNotifications());
    }

    private List<String> secretsNotFound(String executor, java.util.Map<String, String> config, List<Notification> notifications) {
        java.util.stream.Stream<SecretReference> webhooks = notifications == null ? java.util.stream.Stream.empty()
                : notifications.stream().map(Notification::webhook).filter(url -> url != null && SecretTemplates.mentionsSecrets(url))
                .flatMap(url -> {
                    try {
                        return SecretTemplates.references(url).stream();
                    } catch (MalformedReference e) {
                        return java.util.stream.Stream.empty();
                    }
                });
        return java.util.stream.Stream.concat(SecretFields.referencesOf(executor, config).stream(), webhooks).distinct()
                .filter(reference -> !secrets.findable(reference))
                .map(reference -> "secret " + reference + " is not found now: the job's runs fail until it exists").toList();
    }
}
