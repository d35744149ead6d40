package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Users and API tokens, through /v1/users, /v1/tokens and their pages, on any database: a user made by the API calls
 * it by HTTP Basic with its role and no more; mistakes are refused field by field and change nothing; the last admin
 * stays; a token is shown once, then works as Bearer, X-Dkron-Token and {@code -u :TOKEN}, is refused the moment it is
 * revoked, when it has expired, and is never above its owner's role (even after the owner is demoted); the anonymous
 * role has no tokens; an admin manages users and tokens on the pages, and a user changes their password there and
 * stays signed in. Every request here names its own credentials (or none): the deployment's admin password and token
 * are this class's, given in its settings, so it does not depend on what other tests' clients send by default.
 */
@ExtendWith(ArquillianExtension.class)
abstract class IdentitiesScenarios {

    static final String ADMIN_PASSWORD = "it-admin-" + UUID.randomUUID();
    static final String ADMIN_TOKEN = "it_identities_" + UUID.randomUUID().toString().replace("-", "");
    /** The admin's password and token, and the anonymous role on this machine (so that it can be shown to have no tokens). */
    static final String SETTINGS = "pendule.admin.password=" + ADMIN_PASSWORD + "\npendule.admin.token=" + ADMIN_TOKEN
            + "\npendule.anonymous.role=viewer\npendule.anonymous.networks=127.0.0.1/32,::1/128\n";
    static final String PASSWORD = "correct horse battery staple";
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern TOKEN_TEXT = Pattern.compile("<code id=\"token-text\">([^<]+)</code>");

    @ArquillianResource
    URL base;

    /**
     * The deployment's address, by 127.0.0.1: the anonymous role opens to this machine's loopback address only, and a
     * request to an IP address is never taken for a rebound name.
     */
    String root() {
        URI deployed = URI.create(base.toString());
        return deployed.getScheme() + "://127.0.0.1:" + deployed.getPort() + deployed.getPath().replaceAll("/$", "");
    }

    Caller admin() {
        return Caller.bearer(root(), ADMIN_TOKEN);
    }

    Caller basic(String user, String password) {
        return Caller.basic(root(), user, password);
    }

    static String user(String name, String role) {
        return "{\"name\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"}";
    }

    static String httpJob(String name) {
        return "{\"name\":\"" + name + "\",\"schedule\":\"@manually\",\"executor\":\"http\","
                + "\"executor_config\":{\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/nothing\"}}";
    }

    @Test
    void aUserMadeByTheApiCallsItByBasicWithItsRoleAndNoMore() {
        Caller admin = admin();
        Api.Answer created = admin.post("/users", user("basic-viewer", "viewer"));
        assertEquals(201, created.status(), created.body());
        assertTrue(created.header("Location").endsWith("/v1/users/basic-viewer"), created.header("Location"));
        JsonNode json = created.json();
        assertEquals(Set.of("name", "role", "disabled", "must_change_password", "signs_in_with", "created_at", "updated_at"),
                fields(json));
        assertEquals("viewer", json.get("role").asText());
        assertFalse(created.body().contains(PASSWORD) || created.body().toLowerCase().contains("hash"), created.body());
        assertEquals(200, admin.get("/users/basic-viewer").status());
        assertTrue(names(admin.get("/users").json()).contains("basic-viewer"));

        Caller viewer = basic("basic-viewer", PASSWORD);
        assertEquals(200, viewer.get("/jobs").status(), "a viewer reads");
        Api.Answer refused = viewer.post("/jobs", httpJob("by-a-viewer"));
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.json().get("message").asText().contains("operator"), refused.body());
        assertEquals(404, admin.get("/jobs/by-a-viewer").status(), "nothing was made");
        assertEquals(403, viewer.get("/users").status(), "users are an admin's");
        assertEquals(401, basic("basic-viewer", PASSWORD + "x").get("/jobs").status(), "a wrong password is refused, never anonymous");

        Api.Answer promoted = admin.put("/users/basic-viewer", "{\"role\":\"operator\"}");
        assertEquals(200, promoted.status(), promoted.body());
        assertEquals("operator", promoted.json().get("role").asText());
        assertEquals(201, viewer.post("/jobs", httpJob("by-an-operator")).status(), "the new role at once");

        assertEquals(200, admin.put("/users/basic-viewer", "{\"disabled\":true}").status());
        assertEquals(401, viewer.get("/jobs").status(), "a disabled user is refused at once");
        assertEquals(200, admin.put("/users/basic-viewer", "{\"disabled\":false}").status());
        assertEquals(200, viewer.get("/jobs").status());

        Api.Answer deleted = admin.delete("/users/basic-viewer");
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals("basic-viewer", deleted.json().get("name").asText());
        assertEquals(404, admin.get("/users/basic-viewer").status());
        assertEquals(401, viewer.get("/jobs").status(), "a deleted user is refused at once");
    }

    @Test
    void mistakesAreRefusedFieldByFieldAndChangeNothing() {
        Caller admin = admin();
        Set<String> before = names(admin.get("/users").json());

        assertFields(admin.post("/users", "{\"name\":\"bad name\",\"password\":\"short\",\"role\":\"king\"}"), "name", "password", "role");
        assertFields(admin.post("/users", "{\"name\":\"extra\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\",\"admin\":true}"), "admin");
        assertFields(admin.post("/users", "{\"name\":\"typed\",\"password\":\"" + PASSWORD + "\",\"role\":3}"), "role");
        assertFields(admin.post("/users", ""), "body");
        assertFields(admin.post("/users", "[{\"name\":\"listed\"}]"), "body");
        assertFields(admin.post("/users", "{\"name\":\"broken\""), "body");
        assertFields(admin.post("/users", user("anonymous", "viewer")), "name");
        assertFields(admin.post("/users", user("system", "viewer")), "name");
        assertEquals(before, names(admin.get("/users").json()), "no user was made");

        assertEquals(201, admin.post("/users", user("mistaken", "viewer")).status());
        assertFields(admin.post("/users", user("mistaken", "operator")), "name");
        assertFields(admin.put("/users/mistaken", "{\"disabled\":\"yes\"}"), "disabled");
        assertFields(admin.put("/users/mistaken", "{\"role\":\"king\",\"password\":\"short\"}"), "role", "password");
        assertFields(admin.put("/users/mistaken", "{\"name\":\"renamed\"}"), "name");
        JsonNode unchanged = admin.get("/users/mistaken").json();
        assertEquals("viewer", unchanged.get("role").asText());
        assertFalse(unchanged.get("disabled").asBoolean());
        assertEquals(200, basic("mistaken", PASSWORD).get("/jobs").status(), "the password is unchanged");
        assertEquals(404, admin.put("/users/nobody", "{\"role\":\"viewer\"}").status());
        assertEquals(404, admin.delete("/users/nobody").status());

        Set<String> tokensBefore = ids(admin.get("/tokens?all=true").json());
        assertFields(admin.post("/tokens", "{\"name\":\"\"}"), "name");
        assertFields(admin.post("/tokens", "{\"name\":\"t\",\"expires_at\":\"tomorrow\"}"), "expires_at");
        assertFields(admin.post("/tokens", "{\"name\":\"t\",\"expires_at\":\"2020-01-01T00:00:00Z\"}"), "expires_at");
        assertFields(admin.post("/tokens", "{\"name\":\"t\",\"expires_at\":1893456000}"), "expires_at");
        assertFields(admin.post("/tokens", "{\"name\":\"t\",\"role\":\"king\"}"), "role");
        assertFields(admin.post("/tokens", "{\"name\":\"t\",\"owner\":\"nobody\"}"), "owner");
        assertFields(admin.post("/tokens", "{\"name\":\"t\",\"secret\":\"mine\"}"), "secret");
        assertFields(admin.post("/tokens", "{\"name\":\"" + "n".repeat(129) + "\"}"), "name");
        assertFields(admin.get("/tokens?all=yes"), "all");
        assertEquals(tokensBefore, ids(admin.get("/tokens?all=true").json()), "no token was made");
        assertEquals(404, admin.delete("/tokens/nosuchid").status());
        assertEquals(200, admin.delete("/users/mistaken").status());
    }

    @Test
    void theLastEnabledAdminCannotBeDemotedDisabledOrDeleted() {
        Caller admin = admin();
        for (Api.Answer refused : List.of(admin.put("/users/admin", "{\"role\":\"operator\"}"),
                admin.put("/users/admin", "{\"disabled\":true}"), admin.delete("/users/admin"))) {
            assertEquals(409, refused.status(), refused.body());
            assertTrue(refused.json().get("message").asText().contains("last enabled admin"), refused.body());
        }
        JsonNode unchanged = admin.get("/users/admin").json();
        assertEquals("admin", unchanged.get("role").asText());
        assertFalse(unchanged.get("disabled").asBoolean());
        assertEquals(200, basic("admin", ADMIN_PASSWORD).get("/users").status());

        assertEquals(201, admin.post("/users", user("second-admin", "admin")).status());
        assertEquals(200, admin.put("/users/second-admin", "{\"role\":\"operator\"}").status(), "not the last one");
        assertEquals(200, admin.delete("/users/second-admin").status());
    }

    @Test
    void aTokenIsShownOnceThenWorksAsBearerDkronTokenAndBasicUntilRevoked() {
        Caller admin = admin();
        assertEquals(201, admin.post("/users", user("token-owner", "operator")).status());
        assertEquals(201, admin.post("/users", user("token-stranger", "operator")).status());
        Caller owner = basic("token-owner", PASSWORD);

        Api.Answer made = owner.post("/tokens", "{\"name\":\"ci\"}");
        assertEquals(201, made.status(), made.body());
        assertEquals("no-store", made.header("Cache-Control"));
        JsonNode token = made.json();
        assertEquals(Set.of("id", "name", "owner", "role", "token", "created_at", "expires_at"), fields(token));
        assertEquals("token-owner", token.get("owner").asText());
        assertEquals("operator", token.get("role").asText(), "the owner's role by default");
        assertTrue(token.get("expires_at").isNull());
        String id = token.get("id").asText();
        String text = token.get("token").asText();
        assertTrue(text.startsWith("pdl_" + id + "_"), text);

        for (Caller withToken : List.of(Caller.bearer(root(), text), Caller.dkron(root(), text), Caller.basic(root(), "", text))) {
            assertEquals(200, withToken.get("/jobs").status(), withToken.toString());
        }
        assertEquals(201, Caller.bearer(root(), text).post("/jobs", httpJob("made-by-token")).status(), "the token's role");

        Api.Answer listed = owner.get("/tokens");
        assertEquals(200, listed.status());
        assertFalse(listed.body().contains(text.substring(13)), "never the secret again: " + listed.body());
        JsonNode mine = only(listed.json(), id);
        assertEquals(Set.of("id", "name", "owner", "role", "created_at", "expires_at", "last_used_at", "revoked_at"), fields(mine));
        assertFalse(mine.get("last_used_at").isNull(), "its use is noted");
        assertTrue(mine.get("revoked_at").isNull());
        assertFalse(ids(admin.get("/tokens").json()).contains(id), "an admin's own tokens by default");
        assertTrue(ids(admin.get("/tokens?all=true").json()).contains(id), "everyone's with ?all=true");
        assertEquals(403, owner.get("/tokens?all=true").status(), "everyone's tokens are an admin's");

        Caller stranger = basic("token-stranger", PASSWORD);
        assertEquals(404, stranger.delete("/tokens/" + id).status(), "another user's token is not theirs to see or revoke");
        assertEquals(200, Caller.bearer(root(), text).get("/jobs").status());

        Api.Answer revoked = owner.delete("/tokens/" + id);
        assertEquals(200, revoked.status(), revoked.body());
        assertFalse(revoked.json().get("revoked_at").isNull());
        for (Caller withToken : List.of(Caller.bearer(root(), text), Caller.dkron(root(), text), Caller.basic(root(), "", text))) {
            Api.Answer refused = withToken.get("/jobs");
            assertEquals(401, refused.status(), "revoked at once: " + withToken);
            assertTrue(refused.header("WWW-Authenticate").contains("invalid_token"), refused.header("WWW-Authenticate"));
        }

        String second = owner.post("/tokens", "{\"name\":\"second\",\"role\":\"viewer\"}").json().get("token").asText();
        assertEquals(403, Caller.bearer(root(), second).post("/jobs", httpJob("by-a-viewer-token")).status(), "a viewer token");
        String secondId = second.substring(4, 12);
        assertEquals(200, admin.delete("/tokens/" + secondId).status(), "an admin revokes anyone's");
        assertEquals(401, Caller.bearer(root(), second).get("/jobs").status());

        assertEquals(200, admin.delete("/users/token-owner").status());
        assertEquals(200, admin.delete("/users/token-stranger").status());
    }

    @Test
    void aTokensRoleIsNeverAboveItsOwnersEvenAfterADemotion() {
        Caller admin = admin();
        assertEquals(201, admin.post("/users", user("low-owner", "viewer")).status());
        Caller low = basic("low-owner", PASSWORD);
        assertFields(low.post("/tokens", "{\"name\":\"up\",\"role\":\"admin\"}"), "role");
        assertFields(low.post("/tokens", "{\"name\":\"up\",\"role\":\"operator\"}"), "role");
        assertFields(admin.post("/tokens", "{\"name\":\"svc\",\"owner\":\"low-owner\",\"role\":\"operator\"}"), "role");
        assertEquals(403, low.post("/tokens", "{\"name\":\"theirs\",\"owner\":\"admin\"}").status(), "only an admin names another owner");
        Api.Answer service = admin.post("/tokens", "{\"name\":\"svc\",\"owner\":\"low-owner\"}");
        assertEquals(201, service.status(), service.body());
        assertEquals("viewer", service.json().get("role").asText());
        assertEquals("low-owner", service.json().get("owner").asText());

        assertEquals(201, admin.post("/users", user("demoted-owner", "operator")).status());
        Caller demoted = basic("demoted-owner", PASSWORD);
        String viewerToken = demoted.post("/tokens", "{\"name\":\"read-only\",\"role\":\"viewer\"}").json().get("token").asText();
        assertFields(Caller.bearer(root(), viewerToken).post("/tokens", "{\"name\":\"more\",\"role\":\"operator\"}"), "role");
        String operatorToken = demoted.post("/tokens", "{\"name\":\"writer\"}").json().get("token").asText();
        Caller writer = Caller.bearer(root(), operatorToken);
        assertEquals(201, writer.post("/jobs", httpJob("before-the-demotion")).status());
        assertEquals(200, admin.put("/users/demoted-owner", "{\"role\":\"viewer\"}").status());
        assertEquals(403, writer.post("/jobs", httpJob("after-the-demotion")).status(), "the owner's role bounds the token's");
        assertEquals(200, writer.get("/jobs").status());
        assertEquals(200, admin.put("/users/demoted-owner", "{\"disabled\":true}").status());
        assertEquals(401, writer.get("/jobs").status(), "a disabled owner's tokens are refused");
        assertEquals(200, admin.delete("/users/demoted-owner").status());
        assertEquals(201, admin.post("/users", user("demoted-owner", "operator")).status(), "the same name again");
        assertEquals(401, writer.get("/jobs").status(), "a deleted user's tokens are gone with them");
        assertEquals(200, admin.delete("/users/demoted-owner").status());
        assertEquals(200, admin.delete("/users/low-owner").status());
    }

    @Test
    void aViewerReadsTheSecretsOfAJobMaskedAnOperatorInClear() {
        Caller admin = admin();
        Api.Answer http = admin.post("/jobs", "{\"name\":\"secret-http\",\"schedule\":\"@manually\",\"executor\":\"http\","
                + "\"executor_config\":{\"method\":\"GET\",\"url\":\"http://svc:url-secret@127.0.0.1:9/nothing?api_key=key-secret&page=2\","
                + "\"headers\":\"[\\\"Authorization: Bearer call-secret\\\",\\\"Accept: text/plain\\\"]\"},"
                + "\"notifications\":[{\"on\":\"failure\",\"webhook\":\"http://127.0.0.1:9/services/hook-secret\"}]}");
        assertEquals(201, http.status(), http.body());
        Api.Answer shell = admin.post("/jobs", "{\"name\":\"secret-shell\",\"schedule\":\"@manually\",\"executor\":\"shell\","
                + "\"executor_config\":{\"command\":\"true\",\"env\":\"DEPLOY_TOKEN=env-secret,LANG=C\"}}");
        assertEquals(201, shell.status(), shell.body());
        assertEquals(201, admin.post("/users", user("secret-viewer", "viewer")).status());
        assertEquals(201, admin.post("/users", user("secret-operator", "operator")).status());
        Caller viewer = Caller.bearer(root(), basic("secret-viewer", PASSWORD).post("/tokens", "{\"name\":\"reads\"}")
                .json().get("token").asText());
        Caller operator = Caller.bearer(root(), basic("secret-operator", PASSWORD).post("/tokens", "{\"name\":\"writes\"}")
                .json().get("token").asText());

        for (Caller masked : List.of(viewer, basic("secret-viewer", PASSWORD), Caller.none(root()))) {
            JsonNode httpJob = masked.get("/jobs/secret-http").json().get("executor_config");
            assertEquals("[\"Authorization: ••••\",\"Accept: text/plain\"]", httpJob.get("headers").asText(), masked.toString());
            assertEquals("http://svc:••••@127.0.0.1:9/nothing?api_key=••••&page=2", httpJob.get("url").asText(),
                    "the URL's credentials masked, the rest as stored");
            assertEquals("http://127.0.0.1:9/••••", masked.get("/jobs/secret-http").json().get("notifications").get(0)
                    .get("webhook").asText(), "a webhook's path may be its token");
            assertEquals("DEPLOY_TOKEN=••••,LANG=C", masked.get("/jobs/secret-shell").json().get("executor_config").get("env").asText());
            Api.Answer listed = masked.get("/jobs?q=secret-");
            assertEquals(200, listed.status());
            assertEquals(2, listed.json().size(), listed.body());
            for (String secret : List.of("call-secret", "env-secret", "url-secret", "key-secret", "hook-secret")) {
                assertFalse(listed.body().contains(secret), masked + ": " + listed.body());
            }
        }
        for (Caller clear : List.of(operator, admin)) {
            assertEquals("[\"Authorization: Bearer call-secret\",\"Accept: text/plain\"]",
                    clear.get("/jobs/secret-http").json().get("executor_config").get("headers").asText(), clear.toString());
            assertEquals("DEPLOY_TOKEN=env-secret,LANG=C", clear.get("/jobs/secret-shell").json().get("executor_config").get("env").asText());
            String listed = clear.get("/jobs?q=secret-").body();
            assertTrue(listed.contains("call-secret") && listed.contains("env-secret") && listed.contains("url-secret")
                    && listed.contains("hook-secret"), "a backup restores whole: " + listed);
        }

        assertEquals(200, admin.delete("/jobs/secret-http").status());
        assertEquals(200, admin.delete("/jobs/secret-shell").status());
        assertEquals(200, admin.delete("/users/secret-viewer").status());
        assertEquals(200, admin.delete("/users/secret-operator").status());
    }

    @Test
    void aJobCreatedWithoutAnOwnerIsOwnedByWhoCreatedIt() {
        Caller admin = admin();
        assertEquals(201, admin.post("/users", user("job-maker", "operator")).status());
        Caller maker = basic("job-maker", PASSWORD);
        Api.Answer byPassword = maker.post("/jobs", httpJob("made-by-password"));
        assertEquals(201, byPassword.status(), byPassword.body());
        assertEquals("job-maker", byPassword.json().get("owner").asText());
        assertEquals("job-maker", admin.get("/jobs/made-by-password").json().get("owner").asText(), "as stored");
        Caller token = Caller.bearer(root(), maker.post("/tokens", "{\"name\":\"maker\"}").json().get("token").asText());
        assertEquals("job-maker", token.post("/jobs", httpJob("made-by-a-token")).json().get("owner").asText(), "the token's owner");
        String given = httpJob("owned-by-platform").replace("{\"name\"", "{\"owner\":\"platform\",\"name\"");
        assertEquals("platform", token.post("/jobs", given).json().get("owner").asText(), "an owner given is kept");
        assertEquals("", admin.put("/jobs/made-by-password", httpJob("made-by-password")).json().get("owner").asText(),
                "a replace takes the owner sent, as Dkron's");

        for (String job : List.of("made-by-password", "made-by-a-token", "owned-by-platform")) {
            assertEquals(200, admin.delete("/jobs/" + job).status());
        }
        assertEquals(200, admin.delete("/users/job-maker").status());
    }

    @Test
    void anExpiredTokenIsRefused() throws InterruptedException {
        Instant expires = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        Api.Answer made = admin().post("/tokens", "{\"name\":\"short-lived\",\"role\":\"viewer\",\"expires_at\":\"" + expires + "\"}");
        assertEquals(201, made.status(), made.body());
        assertEquals(expires, Instant.parse(made.json().get("expires_at").asText()));
        Caller shortLived = Caller.bearer(root(), made.json().get("token").asText());
        assertEquals(200, shortLived.get("/jobs").status());
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()) + 1000);
        Api.Answer refused = shortLived.get("/jobs");
        assertEquals(401, refused.status(), refused.body());
        assertTrue(refused.header("WWW-Authenticate").contains("invalid_token"));
    }

    @Test
    void theAnonymousRoleHasNoTokensAndNoUsers() {
        Caller anonymous = Caller.none(root());
        assertEquals(200, anonymous.get("/jobs").status(), "the anonymous viewer these deployments open");
        assertEquals(403, anonymous.post("/tokens", "{\"name\":\"mine\"}").status());
        assertEquals(403, anonymous.get("/tokens").status());
        assertEquals(403, anonymous.delete("/tokens/bootstrap").status());
        assertEquals(403, anonymous.get("/users").status());
        assertEquals(200, admin().get("/users").status(), "the admin token is untouched");
    }

    @Test
    void theOpenApiDocumentDescribesTheNewRoutes() {
        Api.Answer document = new Caller(root(), "", "Authorization", "Bearer " + ADMIN_TOKEN).get("/openapi?format=json");
        assertEquals(200, document.status(), document.body());
        JsonNode paths = document.json().get("paths");
        for (String path : List.of("/v1/users", "/v1/users/{name}", "/v1/tokens", "/v1/tokens/{id}")) {
            assertTrue(paths.has(path), path + " in " + fields(paths));
        }
        assertTrue(paths.get("/v1/users").has("post") && paths.get("/v1/users/{name}").has("put")
                && paths.get("/v1/tokens/{id}").has("delete"), paths.toString());
    }

    @Test
    void anAdminManagesUsersAndTokensOnThePages() throws Exception {
        Dashboard admin = Dashboard.signedIn(root(), "admin", ADMIN_PASSWORD);
        HttpResponse<String> users = admin.get("/users");
        assertEquals(200, users.statusCode(), users.body());
        assertTrue(users.body().contains("data-user=\"admin\""), users.body());
        assertTrue(users.body().contains("href=\"" + path("/users") + "\""), "the admin's navigation has Users");
        assertTrue(users.body().contains("href=\"" + path("/tokens") + "\""), "and My tokens");

        HttpResponse<String> created = admin.post("/users", Map.of("name", "page-user", "password", PASSWORD, "role", "viewer"));
        assertEquals(302, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Location").orElse("").contains("/users?done=created&user=page-user"));
        assertTrue(admin.get("/users?done=created&user=page-user").body().contains("data-user=\"page-user\""));
        assertEquals("viewer", admin().get("/users/page-user").json().get("role").asText());
        HttpResponse<String> twice = admin.post("/users", Map.of("name", "page-user", "password", PASSWORD, "role", "viewer"));
        assertEquals(400, twice.statusCode());
        assertTrue(twice.body().contains("exists already"), twice.body());
        assertEquals(403, admin.postWithoutToken("/users/page-user/delete").statusCode(), "a form without its token");
        assertEquals(200, admin().get("/users/page-user").status(), "changed nothing");

        assertEquals(302, admin.post("/users/page-user/role", Map.of("role", "operator")).statusCode());
        assertEquals("operator", admin().get("/users/page-user").json().get("role").asText());
        HttpResponse<String> lastAdmin = admin.post("/users/admin/disable", Map.of());
        assertEquals(409, lastAdmin.statusCode());
        assertTrue(lastAdmin.body().contains("last enabled admin"), lastAdmin.body());
        assertFalse(admin().get("/users/admin").json().get("disabled").asBoolean());

        HttpResponse<String> made = admin.post("/tokens", Map.of("name", "page-token", "role", "operator", "expires", "7d"));
        assertEquals(200, made.statusCode(), made.body());
        assertEquals("no-store", made.headers().firstValue("Cache-Control").orElse(""));
        Matcher shown = TOKEN_TEXT.matcher(made.body());
        assertTrue(shown.find(), "the token's text is on the page: " + made.body());
        String text = shown.group(1);
        Caller withToken = Caller.bearer(root(), text);
        assertEquals(201, withToken.post("/jobs", httpJob("made-by-a-page-token")).status(), "an operator token");
        HttpResponse<String> listed = admin.get("/tokens");
        assertTrue(listed.body().contains("page-token"), listed.body());
        assertFalse(listed.body().contains(text), "shown once, never again");
        assertFalse(TOKEN_TEXT.matcher(listed.body()).find());
        String id = text.substring(4, 12);
        assertTrue(listed.body().contains("data-token=\"" + id + "\""));
        JsonNode apiView = only(admin().get("/tokens").json(), id);
        assertTrue(Instant.parse(apiView.get("expires_at").asText()).isAfter(Instant.now().plus(Duration.ofDays(6))), apiView.toString());

        HttpResponse<String> revoked = admin.post("/tokens/" + id + "/revoke", Map.of());
        assertEquals(302, revoked.statusCode(), revoked.body());
        assertTrue(revoked.headers().firstValue("Location").orElse("").contains("/tokens?revoked=" + id));
        assertEquals(401, withToken.get("/jobs").status(), "revoked at once");
        assertTrue(admin.get("/tokens?revoked=" + id).body().contains("revoked"));

        assertEquals(201, admin().post("/users", user("page-viewer", "viewer")).status());
        Dashboard viewer = Dashboard.signedIn(root(), "page-viewer", PASSWORD);
        assertEquals(403, viewer.get("/users").statusCode(), "users are an admin's");
        HttpResponse<String> viewersTokens = viewer.get("/tokens");
        assertEquals(200, viewersTokens.statusCode());
        assertFalse(viewersTokens.body().contains("href=\"" + path("/users") + "\""), "no Users link for a viewer");
        assertFalse(viewersTokens.body().contains("href=\"" + path("/new") + "\""), "no New job link for a viewer");
        assertFalse(viewersTokens.body().contains("<option value=\"operator\""), "a viewer is offered no role above theirs");
        assertEquals(201, admin().post("/jobs", httpJob("seen-by-a-viewer")).status());
        String runForm = "action=\"" + path("/jobs/seen-by-a-viewer/run") + "\"";
        assertTrue(admin.get("/jobs/seen-by-a-viewer").body().contains(runForm), "an admin may run it");
        HttpResponse<String> viewersJob = viewer.get("/jobs/seen-by-a-viewer");
        assertEquals(200, viewersJob.statusCode());
        assertFalse(viewersJob.body().contains(runForm), "a viewer is offered no action it may not take");
        assertFalse(viewersJob.body().contains(path("/jobs/seen-by-a-viewer/delete")));
        HttpResponse<String> french = viewer.get("/tokens?lang=fr");
        assertTrue(french.body().contains("Mes jetons d’API") && !french.body().contains("??"), french.body());
        assertEquals(200, viewer.get("/tokens?lang=en").statusCode(), "back to English, remembered in a cookie");

        assertEquals(302, admin.post("/users/page-user/delete", Map.of()).statusCode());
        assertEquals(404, admin().get("/users/page-user").status());
        assertEquals(302, admin.post("/users/page-viewer/delete", Map.of()).statusCode());
        assertSignedOut(viewer.get("/tokens"), "page-viewer");
    }

    @Test
    void aUserChangesTheirPasswordAndStaysSignedInWhileTheirOtherSessionsEnd() throws Exception {
        assertEquals(201, admin().post("/users", user("pw-user", "viewer")).status());
        Dashboard first = Dashboard.signedIn(root(), "pw-user", PASSWORD);
        Dashboard second = Dashboard.signedIn(root(), "pw-user", PASSWORD);
        HttpResponse<String> form = first.get("/account/password");
        assertEquals(200, form.statusCode(), form.body());
        assertTrue(form.body().contains("name=\"current\""), form.body());

        String changed = "a new and longer passphrase";
        HttpResponse<String> wrong = first.post("/account/password", Map.of("current", "not my password", "password", changed,
                "repeat", changed));
        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.body().contains("The current password is wrong."), wrong.body());
        HttpResponse<String> mismatch = first.post("/account/password", Map.of("current", PASSWORD, "password", changed,
                "repeat", changed + "!"));
        assertEquals(400, mismatch.statusCode());
        assertTrue(mismatch.body().contains("not the same twice"), mismatch.body());
        HttpResponse<String> tooShort = first.post("/account/password", Map.of("current", PASSWORD, "password", "short",
                "repeat", "short"));
        assertEquals(400, tooShort.statusCode());
        assertEquals(200, basic("pw-user", PASSWORD).get("/jobs").status(), "nothing changed yet");

        HttpResponse<String> done = first.post("/account/password", Map.of("current", PASSWORD, "password", changed, "repeat", changed));
        assertEquals(302, done.statusCode(), done.body());
        HttpResponse<String> after = first.get("/account/password?changed");
        assertEquals(200, after.statusCode(), "this session goes on");
        assertTrue(after.body().contains("Your password is changed."), after.body());
        assertEquals(200, first.get("/tokens").statusCode());
        assertSignedOut(second.get("/tokens"), "pw-user");
        assertEquals(401, basic("pw-user", PASSWORD).get("/jobs").status(), "the old password is refused");
        assertEquals(200, basic("pw-user", changed).get("/jobs").status(), "the new one works");

        assertEquals(200, admin().put("/users/pw-user", "{\"password\":\"set by an admin again\"}").status());
        assertSignedOut(first.get("/tokens"), "pw-user");
        assertEquals(200, admin().delete("/users/pw-user").status());
    }

    @Test
    void aUserAskedToChangeTheirPasswordDoesSoBeforeAnythingElse() throws Exception {
        Caller admin = admin();
        Api.Answer made = admin.post("/users", "{\"name\":\"must-change\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"operator\",\"must_change_password\":true}");
        assertEquals(201, made.status(), made.body());
        assertTrue(made.json().get("must_change_password").asBoolean(), made.body());

        Api.Answer byBasic = basic("must-change", PASSWORD).get("/jobs");
        assertEquals(403, byBasic.status(), byBasic.body());
        assertTrue(byBasic.json().get("message").asText().contains("must change their password first"), byBasic.body());
        assertEquals(401, basic("must-change", PASSWORD + "x").get("/jobs").status(), "a wrong password is still wrong");
        String token = admin.post("/tokens", "{\"name\":\"svc\",\"owner\":\"must-change\"}").json().get("token").asText();
        assertEquals(200, Caller.bearer(root(), token).get("/jobs").status(), "their tokens are not concerned");

        Dashboard dashboard = Dashboard.signingIn(root(), "must-change", PASSWORD);
        for (String page : List.of("/tokens", "/", "/jobs", "/new", "/users")) {
            HttpResponse<String> sent = dashboard.get(page);
            assertEquals(303, sent.statusCode(), page + ": " + sent.body());
            assertEquals(path("/account/password"), sent.headers().firstValue("Location").orElse(""), page);
        }
        HttpResponse<String> form = dashboard.get("/account/password");
        assertEquals(200, form.statusCode(), form.body());
        assertTrue(form.body().contains("An admin chose your password: choose your own to go on."), form.body());
        HttpResponse<String> elsewhere = dashboard.post("/tokens", Map.of("name", "made-before-the-change"));
        assertEquals(303, elsewhere.statusCode(), "a form posted elsewhere does nothing");
        assertFalse(admin.get("/tokens?all=true").body().contains("made-before-the-change"));
        assertEquals(200, dashboard.get("/static/pendule.css").statusCode(), "the static files stay open");
        HttpResponse<String> same = dashboard.post("/account/password", Map.of("current", PASSWORD, "password", PASSWORD,
                "repeat", PASSWORD));
        assertEquals(400, same.statusCode());
        assertTrue(same.body().contains("The new password is the current one"), same.body());

        String chosen = "my very own passphrase";
        assertEquals(302, dashboard.post("/account/password", Map.of("current", PASSWORD, "password", chosen, "repeat", chosen))
                .statusCode());
        assertEquals(200, dashboard.get("/account/password?changed").statusCode());
        assertEquals(200, dashboard.get("/tokens").statusCode(), "free once it is changed");
        assertFalse(admin.get("/users/must-change").json().get("must_change_password").asBoolean());
        assertEquals(200, basic("must-change", chosen).get("/jobs").status(), "and on the API by Basic");

        Dashboard admins = Dashboard.signedIn(root(), "admin", ADMIN_PASSWORD);
        String reset = "set by an admin who tells it";
        assertEquals(302, admins.post("/users/must-change/password", Map.of("password", reset, "must_change", "true"))
                .statusCode(), "the Users page asks for a change too");
        assertTrue(admin.get("/users/must-change").json().get("must_change_password").asBoolean());
        assertEquals(403, basic("must-change", reset).get("/jobs").status());
        assertEquals(200, admin.put("/users/must-change", "{\"must_change_password\":false}").status(), "an admin may lift it");
        assertEquals(200, basic("must-change", reset).get("/jobs").status());
        assertEquals(200, admin.delete("/users/must-change").status());
    }

    /**
     * A session that has ended: the request is no longer the user's. These deployments open the anonymous role to
     * this machine, so it goes on as anonymous, who has no tokens (403); without it, it would be sent to sign in.
     */
    private static void assertSignedOut(HttpResponse<String> page, String user) {
        assertEquals(403, page.statusCode(), "the session of " + user + " ended: " + page.body());
        assertFalse(page.body().contains("Signed in as " + user), page.body());
        assertTrue(page.body().contains("Signed in as anonymous (viewer)"), page.body());
    }

    /** A path of the deployment as its pages write it in links. */
    private String path(String page) {
        return URI.create(root()).getPath() + page;
    }

    private static void assertFields(Api.Answer answer, String... fields) {
        assertEquals(400, answer.status(), answer.body());
        JsonNode json = answer.json();
        assertNotNull(json.get("message"), answer.body());
        Set<String> named = new TreeSet<>();
        json.get("violations").forEach(error -> named.add(error.get("field").asText()));
        assertEquals(new TreeSet<>(List.of(fields)), named, answer.body());
    }

    private static Set<String> fields(JsonNode json) {
        Set<String> names = new TreeSet<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> names(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(user -> user.get("name").asText()).collect(Collectors.toSet());
    }

    private static Set<String> ids(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(token -> token.get("id").asText()).collect(Collectors.toSet());
    }

    private static JsonNode only(JsonNode list, String id) {
        List<JsonNode> found = new ArrayList<>();
        list.forEach(token -> {
            if (token.get("id").asText().equals(id)) {
                found.add(token);
            }
        });
        assertEquals(1, found.size(), list.toString());
        return found.get(0);
    }

    /** Pendule's API called with the credentials the test names, or none. */
    static final class Caller {

        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String api;
        private final String header;
        private final String value;

        private Caller(String root, String header, String value) {
            this(root, "/v1", header, value);
        }

        /** Paths under {@code root + under}. */
        Caller(String root, String under, String header, String value) {
            this.api = root + under;
            this.header = header;
            this.value = value;
        }

        static Caller bearer(String root, String token) {
            return new Caller(root, "Authorization", "Bearer " + token);
        }

        static Caller dkron(String root, String token) {
            return new Caller(root, "X-Dkron-Token", token);
        }

        /** HTTP Basic; an empty user makes the password a token, as {@code curl -u :TOKEN} sends it. */
        static Caller basic(String root, String user, String password) {
            return new Caller(root, "Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        static Caller none(String root) {
            return new Caller(root, null, null);
        }

        Api.Answer get(String path) {
            return send("GET", path, null);
        }

        Api.Answer post(String path, String body) {
            return send("POST", path, body);
        }

        Api.Answer put(String path, String body) {
            return send("PUT", path, body);
        }

        Api.Answer delete(String path) {
            return send("DELETE", path, null);
        }

        private Api.Answer send(String method, String path, String body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (header != null) {
                request.header(header, value);
            }
            try {
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Api.Answer(response.statusCode(), response.body(), response.headers());
            } catch (IOException e) {
                throw new AssertionError(method + " " + path + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public String toString() {
            return header == null ? "no credentials" : header + ": " + value.split(" ")[0] + " …";
        }
    }

    /** The dashboard as a browser without scripts sees it, signed in through the sign-in form; in English. */
    static final class Dashboard {

        private final String root;
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
        private String formToken;

        private Dashboard(String root) {
            this.root = root;
        }

        static Dashboard signedIn(String root, String user, String password) throws Exception {
            Dashboard dashboard = signingIn(root, user, password);
            assertEquals(200, dashboard.get("/tokens").statusCode(), "signed in as " + user);
            return dashboard;
        }

        /** Through the sign-in form, sent back to /tokens, not asked yet. */
        static Dashboard signingIn(String root, String user, String password) throws Exception {
            Dashboard dashboard = new Dashboard(root);
            assertEquals(200, dashboard.get("/login").statusCode());
            HttpResponse<String> signedIn = dashboard.post("/login", Map.of("username", user, "password", password, "next", "/tokens"));
            assertEquals(303, signedIn.statusCode(), "signing in as " + user + ": " + signedIn.body());
            assertTrue(signedIn.headers().firstValue("Location").orElse("").endsWith("/tokens"));
            return dashboard;
        }

        /** A page; the form token it carries is the one the next form sends. */
        HttpResponse<String> get(String path) throws Exception {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(root + path)).header("Accept-Language", "en")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = FORM_TOKEN.matcher(page.body());
            if (token.find()) {
                formToken = token.group(1);
            }
            return page;
        }

        /** A form posted with the form token of the last page seen. */
        HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
            Map<String, String> form = new LinkedHashMap<>(fields);
            form.put("_csrf", formToken);
            return send(path, form.entrySet().stream().map(field -> field.getKey() + "="
                    + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&")));
        }

        HttpResponse<String> postWithoutToken(String path) throws Exception {
            return send(path, "");
        }

        private HttpResponse<String> send(String path, String form) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(root + path)).header("Accept-Language", "en")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
