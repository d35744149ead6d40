package io.pendule.secrets.control;

import io.pendule.platform.Json;
import io.pendule.secrets.entity.ReferenceProblem;
import io.pendule.secrets.entity.SecretReference;
import io.pendule.secrets.entity.SecretUnavailable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretFieldsTest {

    @Test
    void httpReadsReferencesInUrlHeadersAndBodyOnly() {
        Map<String, String> config = Map.of("method", "POST", "url", "https://${secret:host}/hook?key=${secret:key}",
                "headers", "[\"Authorization: Bearer ${secret:token}\", \"X-Literal: $${secret:token}\"]",
                "body", "{\"password\": \"${secret:env:pw}\"}");
        Map<String, String> resolved = SecretFields.resolved("http", config, reference -> "<" + reference + ">");
        assertEquals("https://<host>/hook?key=<key>", resolved.get("url"));
        assertEquals("[\"Authorization: Bearer <token>\",\"X-Literal: ${secret:token}\"]", resolved.get("headers"));
        assertEquals("{\"password\": \"<env:pw>\"}", resolved.get("body"));
        assertEquals("POST", resolved.get("method"));
        assertEquals(List.of(), SecretFields.problemsOf("http", config));
    }

    /** A value with quotes or backslashes stays inside its header: the JSON array is written again, not spliced. */
    @Test
    void aHeaderValueCannotBreakTheJsonArray() {
        String headers = SecretFields.resolved("http", Map.of("headers", "[\"X-Key: ${secret:k}\"]"),
                reference -> "a\",\"Injected: yes\\").get("headers");
        assertEquals(List.of("X-Key: a\",\"Injected: yes\\"), Json.MAPPER.convertValue(readTree(headers), List.class));
    }

    @Test
    void aShellCommandNeverTakesAReferenceAndTheMessageSaysToUseEnv() {
        List<ReferenceProblem> problems = SecretFields.problemsOf("shell", Map.of("command", "curl -u me:${secret:pw} x"));
        assertEquals(1, problems.size());
        assertEquals("command", problems.get(0).key());
        assertTrue(problems.get(0).message().contains("put the secret in env (NAME=${secret:SECRET})"), problems.get(0).message());
    }

    /** The endpoint's credentials, added to a pack execution's config by the executor, are resolved (and so masked). */
    @Test
    void aPackExecutionsEndpointCredentialsAreResolvedAndAReferenceInThePacksOwnKeysIsRefused() {
        Map<String, String> resolved = SecretFields.resolved("pack", Map.of("pack", "basic",
                SecretFields.PACK_CREDENTIALS, "${secret:db1-password}"), reference -> "<" + reference + ">");
        assertEquals("<db1-password>", resolved.get(SecretFields.PACK_CREDENTIALS));
        List<ReferenceProblem> problems = SecretFields.problemsOf("pack", Map.of("pack", "${secret:pack-name}"));
        assertEquals(1, problems.size());
        assertEquals("pack", problems.get(0).key());
        assertTrue(problems.get(0).message().contains("PENDULE_ENDPOINT_CREDENTIALS"), problems.get(0).message());
    }

    @Test
    void shellEnvValuesAreResolvedItemByItem() {
        Map<String, String> resolved = SecretFields.resolved("shell",
                Map.of("command", "echo $PW", "env", "USER=me,PW=${secret:pw},LIT=$${x}"), reference -> "s3cr=t");
        assertEquals("USER=me,PW=s3cr=t,LIT=${x}", resolved.get("env"));
        assertEquals("echo $PW", resolved.get("command"));
    }

    @Test
    void aValueWithACommaCannotGoInEnvAndTheRunFailsRatherThanGetAnotherVariable() {
        SecretUnavailable refused = assertThrows(SecretUnavailable.class, () -> SecretFields.resolved("shell",
                Map.of("env", "PW=${secret:pw}"), reference -> "a,LD_PRELOAD=/tmp/x.so"));
        assertEquals("secret pw holds a comma, which the shell executor's env cannot carry (its items are separated by commas)",
                refused.getMessage());
    }

    @Test
    void referencesElsewhereAreRefusedNamingTheKey() {
        assertEquals(List.of(new ReferenceProblem("expectBody", "secret references are read only in body, headers, url")),
                SecretFields.problemsOf("http", Map.of("url", "http://x", "expectBody", "${secret:a}")));
        assertEquals(List.of(new ReferenceProblem("env", "a secret reference goes in a value, NAME=${secret:SECRET}, not in a name")),
                SecretFields.problemsOf("shell", Map.of("env", "${secret:a}=x")));
        assertEquals(List.of(new ReferenceProblem("anything", "the kafka executor reads no secret references")),
                SecretFields.problemsOf("kafka", Map.of("anything", "${secret:a}")));
        assertEquals("headers", SecretFields.problemsOf("http", Map.of("headers", "[\"A: ${secret:vault:x/../y}\"]")).get(0).key());
        assertEquals(List.of(new ReferenceProblem("env", "not here")), SecretFields.problemsOf("shell", Map.of("env", "A=${secret:vault:x}"),
                reference -> reference.provider() == null ? java.util.Optional.empty() : java.util.Optional.of("not here")));
        assertEquals("headers", SecretFields.problemsOf("http", Map.of("headers", "not json ${secret:")).get(0).key());
    }

    @Test
    void placeholdersLetTheExecutorCheckTheRestAndKeepBrokenValuesAsWritten() {
        Map<String, String> sample = SecretFields.withPlaceholders("http", Map.of("url", "https://${secret:host}/x", "body", "${secret:"));
        assertEquals("https://secret/x", sample.get("url"));
        assertEquals("${secret:", sample.get("body"));
    }

    @Test
    void referencesOfListsTheReadKeysOnes() {
        assertEquals(List.of(new SecretReference(null, "t")),
                SecretFields.referencesOf("http", Map.of("headers", "[\"A: ${secret:t}\"]", "method", "${secret:no}")));
    }

    @Test
    void aBrokenReferenceFoundAtRunTimeFailsTheRunNamingTheKey() {
        SecretUnavailable refused = assertThrows(SecretUnavailable.class,
                () -> SecretFields.resolved("http", Map.of("url", "http://x/${secret:a"), reference -> "v"));
        assertEquals("executor_config.url: the secret reference at character 10 has no closing }", refused.getMessage());
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
