package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access rules' scenarios on the embedded database, which lives inside the node: the callers are made and changed
 * through /v1/users and /v1/tokens, as the deployment's admin ({@link Deployments#ADMIN_TOKEN}) would.
 */
@RunAsClient
class SecurityOnEmbeddedIT extends SecurityScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase(NAME, SETTINGS);
    }

    @Override
    Callers callers() {
        return new ThroughTheApi(root());
    }

    @Override
    String database() {
        return "embedded";
    }

    /** Users by POST and PUT /v1/users, tokens by POST /v1/tokens for their owner, revoked by DELETE /v1/tokens/{id}. */
    record ThroughTheApi(String root) implements Callers {

        /** How far ahead an expiring token's expiry is set: then waited out. */
        private static final Duration LIFETIME = Duration.ofSeconds(2);

        @Override
        public void user(String name, String role, String password) {
            ObjectNode user = Api.JSON.createObjectNode().put("name", name)
                    .put("password", password != null ? password : "pw-" + UUID.randomUUID()).put("role", role);
            PlainHttp.Answer answer = PlainHttp.postJson(root + "/v1/users", admin(), user.toString());
            assertEquals(201, answer.status(), "the admin makes user " + name + ": " + answer);
        }

        @Override
        public String token(String owner, String role) {
            return made(owner, role, null);
        }

        @Override
        public void revoke(String token) {
            String id = token.substring("pdl_".length(), token.indexOf('_', "pdl_".length()));
            PlainHttp.Answer answer = PlainHttp.send("DELETE", root + "/v1/tokens/" + id, admin(), null, null);
            assertEquals(200, answer.status(), "the admin revokes token " + id + ": " + answer);
            assertTrue(SecurityScenarios.tree(answer.body()).hasNonNull("revoked_at"), answer.body());
        }

        /** A token expiring {@link #LIFETIME} from now (the node refuses an expiry in the past), then waited out. */
        @Override
        public String expired(String owner, String role) {
            Instant expiresAt = Instant.now().plus(LIFETIME);
            String token = made(owner, role, expiresAt);
            try {
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()) + 500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return token;
        }

        @Override
        public void disable(String name) {
            assertTrue(change(name, Api.JSON.createObjectNode().put("disabled", true)).get("disabled").asBoolean(), name);
        }

        @Override
        public void demote(String name, String role) {
            assertEquals(role, change(name, Api.JSON.createObjectNode().put("role", role)).get("role").asText(), name);
        }

        private String made(String owner, String role, Instant expiresAt) {
            ObjectNode asked = Api.JSON.createObjectNode().put("name", "sec " + role).put("role", role).put("owner", owner);
            if (expiresAt != null) {
                asked.put("expires_at", expiresAt.toString());
            }
            PlainHttp.Answer answer = PlainHttp.postJson(root + "/v1/tokens", admin(), asked.toString());
            assertEquals(201, answer.status(), "the admin makes a token for " + owner + ": " + answer);
            JsonNode created = SecurityScenarios.tree(answer.body());
            String text = created.get("token").asText();
            assertTrue(text.startsWith("pdl_" + created.get("id").asText() + "_"), "the token's text names its id: " + created.get("id"));
            assertEquals(owner, created.get("owner").asText());
            assertEquals(role, created.get("role").asText());
            return text;
        }

        /** The user as the admin's PUT answers it. */
        private JsonNode change(String name, ObjectNode change) {
            PlainHttp.Answer answer = PlainHttp.send("PUT", root + "/v1/users/" + name, admin(), "application/json",
                    change.toString().getBytes(StandardCharsets.UTF_8));
            assertEquals(200, answer.status(), "the admin changes user " + name + " (" + change + "): " + answer);
            return SecurityScenarios.tree(answer.body());
        }

        private static Map<String, String> admin() {
            return PlainHttp.bearer(Deployments.ADMIN_TOKEN);
        }
    }
}
