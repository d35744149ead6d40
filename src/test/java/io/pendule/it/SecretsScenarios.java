package io.pendule.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pendule.secrets.control.FakeVault;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets on a real node (docs/secrets.md): stored by the API and never answered back, by any route, page or audit
 * event; put in an http job's header on the worker when it runs, while the job keeps its reference; a missing secret
 * fails the run clearly, a malformed reference is refused at save naming its field; only an admin may use /v1/secrets;
 * a Vault secret (of a fake Vault: none can be installed here) is sent, a missing one or a sealed Vault fails the run.
 * Run once per database by the subclasses.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SecretsScenarios {

    static final String ADMIN_TOKEN = "secrets-it-admin-token-0123456789-abcdefghij";
    /** A fixed key, so that no test writes a key file beside the sources. */
    static final String SETTINGS = "pendule.admin.token=" + ADMIN_TOKEN + "\npendule.admin.password=secrets-it-admin-password\n"
            + "pendule.secret.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\npendule.secret.cache=1s\n";
    static final String VALUE = "s3cr3t-value-" + Long.toHexString(System.nanoTime());
    static final String NEW_VALUE = "replaced-value-" + Long.toHexString(System.nanoTime());
    static final String VAULT_VALUE = "vault-value-" + Long.toHexString(System.nanoTime());
    static final String VAULT_DEFAULT_VALUE = "vault-default-" + Long.toHexString(System.nanoTime());

    private static FakeVault vault;
    private static String vaultToken;

    /**
     * {@link #SETTINGS} and a Vault: {@link FakeVault}, a fake of Vault's documented API (none can be installed here),
     * started once for the deployment, which is made before the tests' own start-up.
     */
    static synchronized String settings() throws IOException {
        if (vault == null) {
            vault = FakeVault.http(InstantSource.system());
            vaultToken = vault.token("", null, "secret/data/*");
            vault.put("secret", "pendule/billing", Map.of("api-key", VAULT_VALUE, "other", "x"));
            vault.put("secret", "only-in-vault", Map.of("value", VAULT_DEFAULT_VALUE));
        }
        return SETTINGS + "pendule.vault.addr=" + vault.address() + "\npendule.vault.token=" + vaultToken + "\n";
    }

    private static HttpServer receiver;
    private static final List<String> authorizations = new CopyOnWriteArrayList<>();

    @ArquillianResource
    URL base;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        receiver.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
        if (vault != null) {
            vault.close();
            vault = null;
        }
    }

    Api.Answer as(String token, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder().header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return new Api(base.toString() + "v1").withoutCredentials().send(request, path);
    }

    Api.Answer asAdmin(String method, String path, String body) {
        return as(ADMIN_TOKEN, method, path, body);
    }

    static void assertNoValue(Api.Answer answer) {
        for (String value : List.of(VALUE, NEW_VALUE, VAULT_VALUE, VAULT_DEFAULT_VALUE)) {
            assertFalse(answer.body().contains(value), "a secret's value in " + answer.body());
        }
    }

    String httpJob(String name, String authorization) {
        ObjectNode job = Api.JSON.createObjectNode().put("name", name).put("schedule", "@manually").put("executor", "http");
        job.putObject("executor_config").put("method", "GET")
                .put("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")
                .put("headers", "[\"Authorization: " + authorization + "\"]");
        return job.toString();
    }

    @Test
    @Order(1)
    void aSecretIsStoredAndNoAnswerEverHoldsItsValue() {
        Api.Answer created = asAdmin("POST", "/secrets", "{\"name\":\"api-token\",\"value\":\"" + VALUE + "\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals("api-token", created.json().get("name").asText());
        assertEquals("admin", created.json().get("updated_by").asText());
        assertNoValue(created);
        assertEquals(409, asAdmin("POST", "/secrets", "{\"name\":\"api-token\",\"value\":\"x\"}").status());

        Api.Answer list = asAdmin("GET", "/secrets", null);
        assertEquals(200, list.status(), list.body());
        assertEquals("api-token", list.json().get(0).get("name").asText());
        assertNoValue(list);
        Api.Answer one = asAdmin("GET", "/secrets/api-token", null);
        assertEquals(200, one.status());
        assertFalse(one.json().has("value"), one.body());
        assertNoValue(one);
        assertEquals(404, asAdmin("GET", "/secrets/nope", null).status());
    }

    @Test
    @Order(2)
    void badSecretsAreRefusedByField() {
        Api.Answer badName = asAdmin("POST", "/secrets", "{\"name\":\"../etc\",\"value\":\"x\"}");
        assertEquals(400, badName.status(), badName.body());
        assertTrue(badName.body().contains("name"), badName.body());
        Api.Answer noValue = asAdmin("POST", "/secrets", "{\"name\":\"empty\",\"value\":\"\"}");
        assertEquals(400, noValue.status(), noValue.body());
        assertTrue(noValue.body().contains("value"), noValue.body());
        assertEquals(400, asAdmin("POST", "/secrets", "{\"name\":\"x\",\"value\":\"y\",\"extra\":1}").status());
        assertEquals(404, asAdmin("GET", "/secrets/empty", null).status(), "nothing was stored");
    }

    @Test
    @Order(3)
    void anHttpJobSendsTheSecretWhileTheJobKeepsTheReference() {
        Api.Answer saved = asAdmin("POST", "/jobs", httpJob("uses-secret", "Bearer ${secret:api-token}"));
        assertEquals(201, saved.status(), saved.body());
        Api.Answer run = asAdmin("POST", "/jobs/uses-secret?wait=true", "");
        assertEquals(200, run.status(), run.body());
        assertEquals("succeeded", run.json().get("status").asText(), run.body());
        assertEquals(List.of("Bearer " + VALUE), authorizations);
        assertNoValue(run);

        Api.Answer job = asAdmin("GET", "/jobs/uses-secret", null);
        assertTrue(job.body().contains("Bearer ${secret:api-token}"), job.body());
        assertNoValue(job);
        Api.Answer executions = asAdmin("GET", "/jobs/uses-secret/executions", null);
        assertNoValue(executions);
    }

    @Test
    @Order(4)
    void aReplacedValueIsSentOnceTheCacheExpires() throws InterruptedException {
        Api.Answer replaced = asAdmin("PUT", "/secrets/api-token", "{\"value\":\"" + NEW_VALUE + "\"}");
        assertEquals(200, replaced.status(), replaced.body());
        assertNoValue(replaced);
        Thread.sleep(1_100);
        authorizations.clear();
        assertEquals("succeeded", asAdmin("POST", "/jobs/uses-secret?wait=true", "").json().get("status").asText());
        assertEquals(List.of("Bearer " + NEW_VALUE), authorizations);
    }

    @Test
    @Order(5)
    void aMissingSecretFailsTheRunClearlyAndNothingIsSent() {
        authorizations.clear();
        Api.Answer saved = asAdmin("POST", "/jobs", httpJob("uses-missing", "Bearer ${secret:not-stored}"));
        assertEquals(201, saved.status(), saved.body());
        assertEquals("299 pendule \"secret not-stored is not found now: the job's runs fail until it exists\"",
                saved.header("Warning"), "the save is warned of it");
        assertEquals(null, asAdmin("POST", "/jobs", httpJob("uses-secret", "Bearer ${secret:api-token}")).header("Warning"));
        Api.Answer run = asAdmin("POST", "/jobs/uses-missing?wait=true", "");
        assertEquals("failed", run.json().get("status").asText(), run.body());
        assertTrue(run.body().contains("secret not-stored not found in store, files, environment, vault"), run.body());
        assertEquals(List.of(), authorizations, "no request with an empty value");
    }

    @Test
    @Order(6)
    void aMalformedReferenceIsRefusedNamingItsFieldAndNothingIsStored() {
        Api.Answer refused = asAdmin("POST", "/jobs", httpJob("malformed", "Bearer ${secret:vault:pendule/../billing#api-key}"));
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("executor_config.headers"), refused.body());
        assertTrue(refused.body().contains("a vault path is segments"), refused.body());
        assertEquals(404, asAdmin("GET", "/jobs/malformed", null).status());
        Api.Answer badKey = asAdmin("POST", "/jobs", httpJob("malformed", "Bearer ${secret:vault:pendule/billing#}"));
        assertEquals(400, badKey.status(), badKey.body());
        assertTrue(badKey.body().contains("executor_config.headers") && badKey.body().contains("the key after #"), badKey.body());

        ObjectNode shell = Api.JSON.createObjectNode().put("name", "shell-secret").put("schedule", "@manually").put("executor", "shell");
        shell.putObject("executor_config").put("command", "echo ${secret:api-token}");
        Api.Answer command = asAdmin("POST", "/jobs", shell.toString());
        assertEquals(400, command.status(), command.body());
        assertTrue(command.body().contains("executor_config.command") && command.body().contains("env"), command.body());
    }

    @Test
    @Order(10)
    void anHttpJobSendsAVaultSecretWhileTheJobKeepsTheReference() {
        authorizations.clear();
        Api.Answer saved = asAdmin("POST", "/jobs", httpJob("uses-vault", "Bearer ${secret:vault:pendule/billing#api-key}"));
        assertEquals(201, saved.status(), saved.body());
        Api.Answer run = asAdmin("POST", "/jobs/uses-vault?wait=true", "");
        assertEquals("succeeded", run.json().get("status").asText(), run.body());
        assertEquals(List.of("Bearer " + VAULT_VALUE), authorizations);
        assertNoValue(run);
        Api.Answer job = asAdmin("GET", "/jobs/uses-vault", null);
        assertTrue(job.body().contains("${secret:vault:pendule/billing#api-key}"), job.body());
        assertNoValue(job);
        assertTrue(vault.seen().contains(new FakeVault.Seen("GET", "secret/data/pendule/billing", "", true)), vault.seen().toString());
    }

    @Test
    @Order(11)
    void anUnqualifiedReferenceFoundNowhereElseIsVaultsKeyValue() {
        authorizations.clear();
        assertEquals(201, asAdmin("POST", "/jobs", httpJob("uses-vault-default", "Bearer ${secret:only-in-vault}")).status());
        Api.Answer run = asAdmin("POST", "/jobs/uses-vault-default?wait=true", "");
        assertEquals("succeeded", run.json().get("status").asText(), run.body());
        assertEquals(List.of("Bearer " + VAULT_DEFAULT_VALUE), authorizations);
    }

    @Test
    @Order(12)
    void aMissingVaultSecretOrASealedVaultFailsTheRunClearlyAndNothingIsSent() {
        authorizations.clear();
        assertEquals(201, asAdmin("POST", "/jobs", httpJob("uses-vault-missing", "Bearer ${secret:vault:pendule/billing#nope}")).status());
        Api.Answer missing = asAdmin("POST", "/jobs/uses-vault-missing?wait=true", "");
        assertEquals("failed", missing.json().get("status").asText(), missing.body());
        assertTrue(missing.body().contains("secret pendule/billing#nope not found in vault"), missing.body());

        assertEquals(201, asAdmin("POST", "/jobs", httpJob("uses-vault-sealed", "Bearer ${secret:vault:pendule/billing#other}")).status());
        vault.seal(true);
        try {
            Api.Answer sealed = asAdmin("POST", "/jobs/uses-vault-sealed?wait=true", "");
            assertEquals("failed", sealed.json().get("status").asText(), sealed.body());
            assertTrue(sealed.body().contains("is sealed or unavailable (503): Vault is sealed"), sealed.body());
            assertFalse(sealed.body().contains(vaultToken), sealed.body());
        } finally {
            vault.seal(false);
        }
        assertEquals(List.of(), authorizations, "no request with an empty value");
    }

    @Test
    @Order(7)
    void onlyAnAdminUsesSecrets() {
        for (String role : List.of("viewer", "operator")) {
            assertEquals(201, asAdmin("POST", "/users", "{\"name\":\"sec-" + role + "\",\"password\":\"a long enough password\","
                    + "\"role\":\"" + role + "\"}").status());
            Api.Answer token = asAdmin("POST", "/tokens", "{\"name\":\"t\",\"owner\":\"sec-" + role + "\"}");
            assertEquals(201, token.status(), token.body());
            String text = token.json().get("token").asText();
            assertEquals(403, as(text, "GET", "/secrets", null).status(), role);
            assertEquals(403, as(text, "GET", "/secrets/api-token", null).status(), role);
            assertEquals(403, as(text, "POST", "/secrets", "{\"name\":\"mine\",\"value\":\"v\"}").status(), role);
            assertEquals(403, as(text, "PUT", "/secrets/api-token", "{\"value\":\"v\"}").status(), role);
            assertEquals(403, as(text, "DELETE", "/secrets/api-token", null).status(), role);
        }
        assertEquals(200, asAdmin("GET", "/secrets/api-token", null).status(), "still there");
    }

    @Test
    @Order(8)
    void thePageListsNamesNeverValues() {
        Api.Answer page = new Api(base.toString()).send(HttpRequest.newBuilder().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Accept", "text/html").GET(), "/secrets");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("data-secret=\"api-token\""), page.body());
        assertTrue(page.body().contains("type=\"password\""), page.body());
        assertNoValue(page);
    }

    @Test
    @Order(9)
    void theAuditLogRecordsEachChangeWithoutTheValue() {
        assertEquals(204, asAdmin("DELETE", "/secrets/api-token", null).status());
        assertEquals(404, asAdmin("GET", "/secrets/api-token", null).status());
        Api.Answer audit = asAdmin("GET", "/audit?_order=ASC&_end=1000&target=api-token", null);
        assertEquals(200, audit.status(), audit.body());
        List<String> actions = new java.util.ArrayList<>();
        audit.json().forEach(event -> actions.add(event.get("action").asText()));
        assertEquals(List.of("secret.create", "secret.update", "secret.delete"), actions, audit.body());
        assertTrue(audit.body().contains("••••"), audit.body());
        assertNoValue(audit);
    }
}
