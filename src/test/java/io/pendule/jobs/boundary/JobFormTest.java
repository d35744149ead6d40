package io.pendule.jobs.boundary;

import io.pendule.jobs.control.JobJson;
import io.pendule.api.control.NulCharacters;
import io.pendule.api.entity.FieldError;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class JobFormTest {

    @Test
    void aNewJobsFormHoldsNoNulCharacter() {
        assertEquals(List.of(), JobForm.empty().nulCharacters());
    }

    @Test
    void everyFieldHoldingANulCharacterIsNamed() {
        JobForm form = JobForm.empty();
        form.values.put("name", "hostile\u0000new");
        form.values.put("displayname", "a\u0000b");
        form.values.put("shell_command", "true\u0000rm -rf /");
        assertEquals(List.of(new FieldError("displayname", NulCharacters.MESSAGE), new FieldError("name", NulCharacters.MESSAGE),
                new FieldError("shell_command", NulCharacters.MESSAGE)), form.nulCharacters());
    }

    private static final Map<String, String> STORED_HTTP = Map.of("method", "GET", "url", "https://api.example.com/x",
            "headers", "[\"Authorization: Bearer s3cret\",\"Accept: text/plain\"]");

    private static JobForm editedHttp(String url, String headers) {
        JobJson stored = new JobJson();
        stored.name = "job";
        stored.executor = "http";
        stored.executor_config = STORED_HTTP;
        JobForm form = JobForm.of(stored);
        form.values.put("http_url", url);
        form.values.put("http_headers", headers);
        return form;
    }

    @Test
    void aMaskedSecretIsKeptForTheSameOrigin() {
        JobJson json = new JobJson();
        json.executor = "http";
        JobForm form = editedHttp("https://api.example.com/other", "Authorization: ••••\nAccept: text/plain");
        assertEquals(List.of(), form.applyTo(json, "http", STORED_HTTP));
        assertEquals("[\"Authorization: Bearer s3cret\",\"Accept: text/plain\"]", json.executor_config.get("headers"));
    }

    @Test
    void aMaskedSecretIsRefusedNamedWhenTheOriginChangesAndKeptWhenTypedAgain() {
        JobJson json = new JobJson();
        json.executor = "http";
        List<FieldError> problems = editedHttp("https://attacker.example/", "Authorization: ••••\nAccept: text/plain")
                .applyTo(json, "http", STORED_HTTP);
        assertEquals(List.of(new FieldError("executor_config.headers", "the masked value of Authorization cannot be kept "
                + "because the URL's origin changed: type it again")), problems);
        assertFalse(json.executor_config.getOrDefault("headers", "").contains("s3cret"), json.executor_config::toString);

        JobJson retyped = new JobJson();
        retyped.executor = "http";
        assertEquals(List.of(), editedHttp("https://attacker.example/", "Authorization: Bearer mine\nAccept: text/plain")
                .applyTo(retyped, "http", STORED_HTTP));
        assertEquals("[\"Authorization: Bearer mine\",\"Accept: text/plain\"]", retyped.executor_config.get("headers"));
    }

    @Test
    void aCloneIntoAnotherExecutorOrCommandKeepsNoMaskedSecret() {
        JobForm form = JobForm.empty();
        form.values.put("executor", "shell");
        form.values.put("shell_command", "env");
        form.values.put("shell_env", "DB_PASSWORD=••••");
        Map<String, String> shell = Map.of("command", "backup.sh", "env", "DB_PASSWORD=pw");
        assertEquals(List.of(new FieldError("executor_config.env", "the masked value of DB_PASSWORD cannot be kept because "
                + "the command changed: type it again")), form.applyTo(new JobJson(), "shell", shell));
        assertEquals(List.of(new FieldError("executor_config.env", "the masked value of DB_PASSWORD cannot be kept because "
                + "the executor changed: type it again")), form.applyTo(new JobJson(), "http", STORED_HTTP));
        form.values.put("shell_command", "backup.sh");
        JobJson same = new JobJson();
        assertEquals(List.of(), form.applyTo(same, "shell", shell));
        assertEquals("DB_PASSWORD=pw", same.executor_config.get("env"));
    }

    @Test
    void aNewJobsFormShowsAFreshJobsConcurrencyAndRetries() {
        assertEquals("allow", JobForm.empty().get("concurrency"));
        assertEquals("0", JobForm.empty().get("retries"));
    }
}
