package io.pendule.jobs.control;

import io.pendule.api.entity.FieldError;
import io.pendule.executors.control.ExecutorRegistry;
import io.pendule.executors.control.JobExecutor;
import io.pendule.executors.control.OutboundGuard;
import io.pendule.executors.control.ShellExecutor;
import io.pendule.notifications.control.MailRecipients;
import io.pendule.schedules.control.ScheduleParser;
import io.pendule.secrets.control.SecretResolver;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobValidatorTest {

    private final JobValidator validator = shellOnly();

    /** A validator with its real parts, knowing the shell executor only. */
    static JobValidator shellOnly() {
        JobValidator validator = new JobValidator();
        validator.schedules = new ScheduleParser();
        validator.outbound = new OutboundGuard();
        validator.secrets = new SecretResolver();
        validator.mailRecipients = MailRecipients.allowing(List.of());
        validator.executors = new ExecutorRegistry() {
            @Override
            public Optional<JobExecutor> named(String name) {
                return "shell".equals(name) ? Optional.of(new ShellExecutor()) : Optional.empty();
            }

            @Override
            public Set<String> names() {
                return Set.of("shell");
            }
        };
        return validator;
    }

    private List<FieldError> problemsOf(String json) {
        return validator.problemsOf(JobJsonReader.toDefinition(JobJsonReader.parse(json)));
    }

    @Test
    void aValidJobHasNoProblem() {
        assertEquals(List.of(), problemsOf("""
                {"name":"a","schedule":"@every 1m","executor":"shell","executor_config":{"command":"true"},
                 "concurrency":"forbid","misfire_policy":"skip","trigger_rule":"always","run_on_start":"always"}"""));
    }

    /** The messages are Dkron's for concurrency, and list the codes the enums know, with the job's other problems. */
    @Test
    void unknownPolicyCodesAreReportedWithTheKnownOnesBesideTheOtherProblems() {
        assertEquals(List.of(
                new FieldError("name", "name contains illegal character 'B' (allowed: lower-case letters, digits, '_' and '-')"),
                new FieldError("concurrency", "invalid concurrency policy value, use \"allow\", \"forbid\" or \"replace\""),
                new FieldError("misfire_policy", "must be one of skip, fire_once, catch_up"),
                new FieldError("trigger_rule", "must be one of on_success, on_failure, always, all_success"),
                new FieldError("run_on_start", "must be one of never, always, if_never_succeeded")), problemsOf("""
                {"name":"Bad","schedule":"@every 1m","executor":"shell","executor_config":{"command":"true"},
                 "concurrency":"sometimes","misfire_policy":"later","trigger_rule":"whenever","run_on_start":"sometimes"}"""));
    }

    @Test
    void aWebhookToAMetadataAddressOrNameIsRefusedNamingItsField() {
        List<FieldError> problems = problemsOf("""
                {"name":"a","schedule":"@every 1m","executor":"shell","executor_config":{"command":"true"},
                 "notifications":[{"on":"always","webhook":"http://hooks.example/ok"},
                                  {"on":"failure","webhook":"http://169.254.169.254/latest/meta-data/"},
                                  {"on":"failure","webhook":"https://metadata.google.internal/x"}]}""");
        assertEquals(List.of("notifications[1].webhook", "notifications[2].webhook"), problems.stream().map(FieldError::field).toList());
        assertEquals("refused by the outbound guard: 169.254.169.254 is a link-local/metadata address; "
                + "PENDULE_HTTP_ALLOW_NETWORKS can allow it", problems.get(0).message());
    }

    @Test
    void aWebhookURLIsReadAsJavaNetURIReadsItAndItsPortIs1To65535WithoutRepeatingTheURL() {
        List<FieldError> problems = problemsOf("""
                {"name":"a","schedule":"@every 1m","executor":"shell","executor_config":{"command":"true"},
                 "notifications":[{"on":"always","webhook":"https://hooks.example/services/T0/B0/sec ret-token"},
                                  {"on":"always","webhook":"http://hooks.example:0/x"},
                                  {"on":"always","webhook":"http://hooks.example:65536/x"},
                                  {"on":"always","webhook":"ftp://hooks.example/x"},
                                  {"on":"always","webhook":"http:///no-host-token"},
                                  {"on":"always","webhook":"http://hooks.example:65535/ok"}]}""");
        assertEquals(List.of(
                new FieldError("notifications[0].webhook", "must be an http or https URL: illegal character in path at character 41"),
                new FieldError("notifications[1].webhook", "the port must be 1 to 65535"),
                new FieldError("notifications[2].webhook", "the port must be 1 to 65535"),
                new FieldError("notifications[3].webhook", "must be an http or https URL with a host"),
                new FieldError("notifications[4].webhook", "must be an http or https URL with a host")), problems);
    }

    @Test
    void aWebhookMayHoldSecretReferencesCheckedAsAnyOther() {
        List<FieldError> problems = problemsOf("""
                {"name":"a","schedule":"@every 1m","executor":"shell","executor_config":{"command":"true"},
                 "notifications":[{"on":"always","webhook":"https://hooks.slack.com/services/${secret:slack-path}"},
                                  {"on":"always","webhook":"https://${secret:hook-host}/x"},
                                  {"on":"always","webhook":"https://hooks.example/${secret:unclosed"},
                                  {"on":"always","webhook":"https://hooks.example/${secret:vault:hooks#slack}"},
                                  {"on":"always","webhook":"https://hooks.example/${secret:nope:x}"}]}""");
        assertEquals(List.of("notifications[2].webhook", "notifications[3].webhook", "notifications[4].webhook"),
                problems.stream().map(FieldError::field).toList(), problems::toString);
        assertTrue(problems.get(1).message().endsWith("provider vault is not configured: set PENDULE_VAULT_ADDR"),
                problems.get(1)::toString);
    }

    @Test
    void eMailNotificationsGoOnlyToTheAllowedDomainsWhenSomeAreSet() {
        validator.mailRecipients = MailRecipients.allowing(List.of("example.com", "*.corp.example"));
        String job = """
                {"name":"a","schedule":"@every 1m","executor":"shell","executor_config":{"command":"true"},
                 "owner_email":"%s","notifications":[{"on":"always","email":true},{"on":"failure","email":true}]}""";
        assertEquals(List.of(), problemsOf(job.formatted("ops@Example.COM")));
        assertEquals(List.of(), problemsOf(job.formatted("ops@eu.corp.example")));
        assertEquals(List.of(new FieldError("owner_email", "e-mail notifications may only go to the domains of "
                + "PENDULE_SMTP_ALLOWED_DOMAINS (example.com, *.corp.example), not attacker.example")),
                problemsOf(job.formatted("me@attacker.example")), "one problem for the two notifications");
        assertEquals("owner_email", problemsOf(job.formatted("ops@corp.example")).get(0).field(), "*. is subdomains only");
        assertEquals("owner_email", problemsOf(job.formatted("ops@mail.example.com")).get(0).field(), "an exact entry is exact");
        assertEquals(List.of(), problemsOf("""
                {"name":"a","schedule":"@every 1m","executor":"shell","executor_config":{"command":"true"},
                 "owner_email":"me@attacker.example"}"""), "owner_email alone sends nothing: Dkron's backups keep theirs");
    }

    /** A malformed reference or one in the command is a field error of its key; one well written passes the executor's checks. */
    @Test
    void secretReferencesAreCheckedAtSaveNamingTheirField() {
        assertEquals(List.of(new FieldError("executor_config.env", "provider vault is not configured: set PENDULE_VAULT_ADDR")),
                problemsOf("""
                        {"name":"a","schedule":"@manually","executor":"shell",
                         "executor_config":{"command":"echo $PW","env":"PW=${secret:vault:pw}"}}"""));
        assertEquals(List.of(new FieldError("executor_config.env", "the secret reference at character 1: a vault path is segments "
                        + "of A-Z a-z 0-9 . _ - separated by /, none empty, \".\" or \"..\"")),
                problemsOf("""
                        {"name":"a","schedule":"@manually","executor":"shell",
                         "executor_config":{"command":"echo $PW","env":"PW=${secret:vault:a//pw}"}}"""));
        assertEquals(List.of("executor_config.command"), problemsOf("""
                {"name":"a","schedule":"@manually","executor":"shell","executor_config":{"command":"echo ${secret:pw}"}}""")
                .stream().map(FieldError::field).toList());
        assertEquals(List.of(), problemsOf("""
                {"name":"a","schedule":"@manually","executor":"shell",
                 "executor_config":{"command":"echo $PW","env":"PW=${secret:pw},USER=$${literal}"}}"""));
    }

    /** Dkron's "value:N" runs a fire on N nodes at once: 1 to 64 of them, and not for a pack job (it runs per endpoint). */
    @Test
    void aTagCountIsOneToSixtyFourNodesAndNoneForAPackJob() {
        String job = "{\"name\":\"a\",\"schedule\":\"@every 1m\",\"executor\":\"shell\",\"executor_config\":{\"command\":\"true\"},"
                + "\"tags\":%s}";
        assertEquals(List.of(), problemsOf(job.formatted("{\"role\":\"pendule:1\",\"zone\":\"eu\",\"url\":\"http://x\"}")));
        assertEquals(List.of(), problemsOf(job.formatted("{\"role\":\"pendule:2\",\"server\":\"true:64\"}")));
        List<FieldError> problems = problemsOf(job.formatted("{\"role\":\"pendule:65\",\"zone\":\"eu:0\"}"));
        assertEquals(List.of("tags.role", "tags.zone"), problems.stream().map(FieldError::field).toList());
        assertTrue(problems.get(0).message().contains("between 1 and 64"), problems.get(0).message());
        List<FieldError> pack = problemsOf(job.replace("\"shell\"", "\"pack\"").formatted("{\"role\":\"pendule:2\"}"));
        assertTrue(pack.stream().anyMatch(p -> p.field().equals("tags.role") && p.message().contains("once per endpoint")),
                pack.toString());
    }
}
