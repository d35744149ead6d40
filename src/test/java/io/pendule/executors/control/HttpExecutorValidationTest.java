package io.pendule.executors.control;

import io.pendule.executors.entity.ConfigError;
import io.pendule.executors.entity.ExecutionRequest;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpExecutorValidationTest {

    @TempDir
    static Path tlsDir;

    private final HttpExecutor executor = new HttpExecutor(new OutboundGuard(), Optional.of(tlsDir));

    @Test
    void nameIsHttp() {
        assertEquals("http", executor.name());
    }

    @Test
    void acceptsAFullValidConfigAndIgnoresDebugAndUnknownKeys() {
        assertEquals(List.of(), executor.validate(Map.ofEntries(
                Map.entry("method", "post"), Map.entry("url", "https://127.0.0.1:8443/hook?x=1"),
                Map.entry("headers", "[\"Content-Type: application/json\", \"X-Url: http://a:1/b\"]"),
                Map.entry("body", "{}"), Map.entry("timeout", "5"), Map.entry("expectCode", "200, 206"),
                Map.entry("expectBody", "^ok"), Map.entry("debug", "true"), Map.entry("tlsNoVerifyPeer", "false"),
                Map.entry("tlsRootCAsFile", "ca.pem"), Map.entry("tlsCertificateFile", tlsDir.resolve("c.pem").toString()),
                Map.entry("tlsCertificateKeyFile", "keys/../c.key"), Map.entry("unknown", "x"))));
    }

    @Test
    void aMetadataAddressOrHostNameIsRefusedAtSaveWithTheOtherProblems() {
        List<ConfigError> errors = executor.validate(Map.of("method", "GET", "url", "http://169.254.169.254/latest/meta-data/",
                "timeout", "soon"));
        assertEquals(List.of("timeout", "url"), errors.stream().map(ConfigError::key).toList());
        assertTrue(errors.get(1).message().startsWith("refused by the outbound guard: 169.254.169.254 is a link-local/metadata"),
                errors::toString);
        assertEquals(List.of("url"), keys(Map.of("method", "GET", "url", "http://metadata.google.internal/computeMetadata/v1/")));
        assertEquals(List.of(), keys(Map.of("method", "GET", "url", "http://127.0.0.1:8080/")), "loopback is allowed");
    }

    @Test
    void methodAndUrlAreRequired() {
        assertEquals(List.of("method", "url"), keys(Map.of()));
    }

    @Test
    void methodMustBeAStandardOne() {
        assertEquals(List.of("method"), keys(config("method", "GE T")));
        assertEquals(List.of("method"), keys(config("method", "GE(T)")));
        assertEquals(List.of("method"), keys(config("method", "FETCH")));
        assertEquals(List.of(), keys(config("method", "patch")));
    }

    @Test
    void urlMustBeAbsoluteHttpOrHttps() {
        assertEquals(List.of("url"), keys(config("url", "/relative")));
        assertEquals(List.of("url"), keys(config("url", "ftp://127.0.0.1/x")));
        assertEquals(List.of("url"), keys(config("url", "http://bad host/")));
        assertEquals(List.of(), keys(config("url", "HTTP://127.0.0.1")));
        assertEquals(List.of("url"), keys(config("url", "file:///etc/passwd")));
        assertEquals(List.of("url"), keys(config("url", "not a url")));
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertEquals(List.of("url"), keys(config("url", "http://127.0.0.1:99999/")));
        assertEquals(List.of("url"), keys(config("url", "http://127.0.0.1:65536/")));
        assertEquals(List.of("url"), keys(config("url", "https://127.0.0.1:0/")));
        assertEquals(List.of("url"), keys(config("url", "127.0.0.1:99999999999/")));
        assertEquals(List.of(), keys(config("url", "http://127.0.0.1:65535/")));
        assertEquals(List.of(), keys(config("url", "http://127.0.0.1:1/")));
    }

    @Test
    void aUrlWithoutSchemeIsReadAsHttpAsCurlDoes() {
        assertEquals(List.of(), keys(config("url", "xxxxxxxxxxxxx")));
        assertEquals(List.of(), keys(config("url", "cache-manager.ns.svc.cluster.local:8080/refresh?x=1")));
    }

    @Test
    void headersMustBeAJsonArrayOfNameColonValue() {
        assertEquals(List.of("headers"), keys(config("headers", "Content-Type: text/plain")));
        assertEquals(List.of("headers"), keys(config("headers", "{\"a\": \"b\"}")));
        assertEquals(List.of("headers"), keys(config("headers", "[\"no colon\"]")));
        assertEquals(List.of("headers"), keys(config("headers", "[42]")));
        assertEquals(List.of("headers"), keys(config("headers", "[\": no name\"]")));
        assertEquals(List.of("headers"), keys(config("headers", "[\"Content-Length: 3\"]")));
        assertEquals(List.of(), keys(config("headers", "[]")));
    }

    @Test
    void headerValuesNeverAppearInErrors() {
        List<ConfigError> errors = executor.validate(config("headers", "[\"Host: secret-value\", \"bad secret-two\"]"));
        assertEquals(2, errors.size());
        assertFalse(errors.toString().contains("secret"), errors::toString);
    }

    @Test
    void timeoutMustBeAPositiveWholeNumberOfSeconds() {
        assertEquals(List.of("timeout"), keys(config("timeout", "1s")));
        assertEquals(List.of("timeout"), keys(config("timeout", "0")));
        assertEquals(List.of("timeout"), keys(config("timeout", "1.5")));
        assertEquals(List.of(), keys(config("timeout", "60")));
    }

    @Test
    void expectCodeMustListIntegers() {
        assertEquals(List.of("expectCode"), keys(config("expectCode", "200,ok")));
        assertEquals(List.of("expectCode"), keys(config("expectCode", "200,")));
        assertEquals(List.of(), keys(config("expectCode", "200")));
    }

    @Test
    void expectBodyMustBeARegularExpression() {
        assertEquals(List.of("expectBody"), keys(config("expectBody", "([a-z")));
    }

    @Test
    void tlsNoVerifyPeerMustBeABoolean() {
        assertEquals(List.of("tlsNoVerifyPeer"), keys(config("tlsNoVerifyPeer", "1")));
    }

    @Test
    void clientCertificateAndKeyGoTogether() {
        assertEquals(List.of("tlsCertificateKeyFile"), keys(config("tlsCertificateFile", "c.pem")));
        assertEquals(List.of("tlsCertificateFile"), keys(config("tlsCertificateKeyFile", "c.key")));
    }

    @Test
    void expectBodyIsAtMostAThousandCharacters() {
        assertEquals(List.of(), keys(config("expectBody", "a".repeat(1000))));
        List<ConfigError> errors = executor.validate(config("expectBody", "a".repeat(1001)));
        assertEquals(List.of(new ConfigError("expectBody", "must be at most 1000 characters")), errors);
    }

    @Test
    void withoutATlsDirectoryTheTlsFileKeysAreRefusedSayingWhy() {
        HttpExecutor withoutDir = new HttpExecutor();
        for (String key : List.of("tlsRootCAsFile", "tlsCertificateFile", "tlsCertificateKeyFile")) {
            List<ConfigError> errors = withoutDir.validate(config(key, "ca.pem"));
            assertEquals(key, errors.get(0).key());
            assertTrue(errors.get(0).message().contains("PENDULE_TLS_DIR, which is not set"), errors::toString);
        }
        assertEquals(List.of(), withoutDir.validate(config("tlsNoVerifyPeer", "true")), "tlsNoVerifyPeer names no file");
    }

    @Test
    void aTlsFileOutsideTheDirectoryIsRefusedAlikeWhetherItExistsOrNot() throws Exception {
        Path outside = Files.createTempFile("outside", ".pem");
        try {
            String existing = executor.validate(config("tlsRootCAsFile", outside.toString())).get(0).message();
            String missing = executor.validate(config("tlsRootCAsFile", outside + ".nope")).get(0).message();
            String climbing = executor.validate(config("tlsRootCAsFile", "../" + outside.getFileName())).get(0).message();
            assertEquals("must name a file inside PENDULE_TLS_DIR (" + tlsDir + ")", existing);
            assertEquals(existing, missing);
            assertEquals(existing, climbing);
            assertEquals(existing, executor.validate(config("tlsRootCAsFile", "/etc/hostname")).get(0).message());
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void aLinkInsideTheDirectoryLeadingOutsideIsRefused() throws Exception {
        Path outside = Files.createTempDirectory("outside");
        Files.writeString(outside.resolve("client.key"), "key");
        try {
            Files.createSymbolicLink(tlsDir.resolve("to-file.key"), outside.resolve("client.key"));
            Files.createSymbolicLink(tlsDir.resolve("to-dir"), outside);
            Files.createSymbolicLink(tlsDir.resolve("to-nowhere.pem"), outside.resolve("nope.pem"));
            Files.writeString(tlsDir.resolve("inside.pem"), "pem");
            Files.createSymbolicLink(tlsDir.resolve("to-inside.pem"), tlsDir.resolve("inside.pem"));
            assertEquals(List.of("tlsRootCAsFile"), keys(config("tlsRootCAsFile", "to-file.key")));
            assertEquals(List.of("tlsRootCAsFile"), keys(config("tlsRootCAsFile", "to-dir/client.key")));
            assertEquals(List.of("tlsRootCAsFile"), keys(config("tlsRootCAsFile", "to-dir/not-there.key")));
            assertEquals(List.of("tlsRootCAsFile"), keys(config("tlsRootCAsFile", "to-nowhere.pem")));
            assertEquals(List.of(), keys(config("tlsRootCAsFile", "to-inside.pem")), "a link that stays inside is fine");
        } finally {
            Files.delete(outside.resolve("client.key"));
            Files.delete(outside);
        }
    }

    @Test
    void anInvalidConfigRunsAsAFailure() throws Exception {
        ExecutionResult result = executor.execute(new ExecutionRequest(1, "job", 1, Map.of("method", "GET")))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(Outcome.FAILED, result.outcome());
        assertTrue(result.error().contains("url: required"), result.error());
    }

    private static Map<String, String> config(String key, String value) {
        Map<String, String> config = new HashMap<>(Map.of("method", "GET", "url", "http://127.0.0.1:1/"));
        config.put(key, value);
        return config;
    }

    private List<String> keys(Map<String, String> config) {
        return executor.validate(config).stream().map(ConfigError::key).toList();
    }
}
