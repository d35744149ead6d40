package io.pendule.executors.control;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "proxy-authorization", "COOKIE", "X-Api-Key", "X-Auth-Token", "client_secret",
            "DB_PASSWORD", "Passwd", "AWS_SECRET_ACCESS_KEY", "credentials"})
    void sensitiveNames(String name) {
        assertTrue(SecretValues.sensitive(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Accept", "Content-Type", "X-Trace", "MODE", "PATH", "Authorisation-Hint"})
    void ordinaryNames(String name) {
        assertFalse(SecretValues.sensitive(name));
    }

    @Test
    void aUrlShowsItsUserAndPathButNotItsPasswordNorItsCredentialParameters() {
        assertEquals("https://svc:••••@api.example.com/v1?api_key=••••&page=2&sig=••••#top",
                SecretValues.maskedUrl("https://svc:p%40ss@api.example.com/v1?api_key=abc&page=2&sig=xyz#top"));
        assertEquals("https://api.example.com/v1?token=••••&access_token=••••&author=bob",
                SecretValues.maskedUrl("https://api.example.com/v1?token=t1&access_token=t2&author=bob"));
        assertEquals("https://api.example.com/plain", SecretValues.maskedUrl("https://api.example.com/plain"));
        assertEquals("https://svc:••••@h/x?code=••••",
                SecretValues.masked(Map.of("url", "https://svc:pw@h/x?code=c")).get("url"), "a config's url too");
    }

    @Test
    void aWebhookShowsItsOriginOnly() {
        assertEquals("https://hooks.slack.com/••••", SecretValues.maskedWebhook("https://hooks.slack.com/services/T0/B0/XXXX"));
        assertEquals("https://events.example.com:8443/••••", SecretValues.maskedWebhook("https://u:p@events.example.com:8443/x?k=v"));
        assertEquals("http://127.0.0.1:9000/", SecretValues.maskedWebhook("http://127.0.0.1:9000/"));
        assertEquals("••••", SecretValues.maskedWebhook("not a url"));
    }

    @Test
    void aSecretStaysWithItsTargetOnly() {
        Map<String, String> http = Map.of("url", "https://api.example.com/v1/x");
        assertEquals(java.util.Optional.empty(), SecretValues.targetChange("http", http, "http",
                Map.of("url", "HTTPS://API.example.com:443/v2/other?q=1")), "same scheme, host and port: another path is fine");
        for (String url : List.of("https://evil.example/v1/x", "http://api.example.com/v1/x", "https://api.example.com:8443/v1/x",
                "https://api.example.com.evil.example/", "", "https://${secret:host}/x")) {
            assertEquals(java.util.Optional.of("the URL's origin changed"),
                    SecretValues.targetChange("http", http, "http", Map.of("url", url)), url);
        }
        Map<String, String> reference = Map.of("url", "https://${secret:host}/x");
        assertEquals(java.util.Optional.empty(), SecretValues.targetChange("http", reference, "http", reference));
        assertEquals(java.util.Optional.of("the URL's origin changed"), SecretValues.targetChange("http", reference, "http",
                Map.of("url", "https://${secret:other}/x")));

        Map<String, String> shell = Map.of("command", "backup.sh --to s3", "cwd", "/srv");
        assertEquals(java.util.Optional.empty(), SecretValues.targetChange("shell", shell, "shell",
                Map.of("command", " backup.sh --to s3 ", "cwd", "/srv", "timeout", "1m")));
        assertEquals(java.util.Optional.of("the command changed"), SecretValues.targetChange("shell", shell, "shell",
                Map.of("command", "env", "cwd", "/srv")));
        assertEquals(java.util.Optional.of("the working directory changed"), SecretValues.targetChange("shell", shell, "shell",
                Map.of("command", "backup.sh --to s3", "cwd", "/tmp/mine")));
        assertEquals(java.util.Optional.of("the executor changed"), SecretValues.targetChange("http", http, "shell", shell));
    }

    @Test
    void theConfigAPageShowsHasItsSecretsMasked() {
        Map<String, String> shown = SecretValues.masked(Map.of("url", "https://example.com/",
                "headers", "[\"Authorization: Bearer abc:def\",\"Accept: text/plain\"]", "env", "DB_PASSWORD=pw,MODE=fast"));
        assertEquals("[\"Authorization: ••••\",\"Accept: text/plain\"]", shown.get("headers"));
        assertEquals("DB_PASSWORD=••••,MODE=fast", shown.get("env"));
        assertEquals("https://example.com/", shown.get("url"));
        assertEquals("••••", SecretValues.masked(Map.of("headers", "not json")).get("headers"), "unreadable: all hidden");
        assertEquals(Map.of(), SecretValues.masked(null));
    }

    @Test
    void aMaskedValueTakesTheStoredOneBack() {
        List<String> stored = List.of("Authorization: Bearer abc", "Accept: text/plain");
        assertEquals(List.of("Authorization: Bearer abc", "Accept: */*"),
                SecretValues.unmasked(List.of("authorization: ••••", "Accept: */*"), stored, ':'));
        assertEquals(List.of("Authorization: Bearer new"), SecretValues.unmasked(List.of("Authorization: Bearer new"), stored, ':'));
        assertEquals(List.of("X-Api-Key: ••••"), SecretValues.unmasked(List.of("X-Api-Key: ••••"), stored, ':'), "not stored: left masked");
        assertTrue(SecretValues.isMasked("X-Api-Key: ••••", ':'));
        assertFalse(SecretValues.isMasked("Accept: ••••", ':'), "not a secret's name: a value like any other");
        assertEquals(List.of("DB_PASSWORD=pw", "MODE=slow"),
                SecretValues.unmasked(List.of("DB_PASSWORD=••••", "MODE=slow"), List.of("DB_PASSWORD=pw", "MODE=fast"), '='));
    }
}
