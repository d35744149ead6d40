package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.platform.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Single sign-on against a real Keycloak (see {@link Keycloak}) and a real node on the embedded database, set up as
 * docs/security.md tells: its realm has users in the groups pendule-admins (alice), pendule-operators (oscar) and
 * pendule-viewers (victor), one in no group (nina), and one named like Pendule's local admin (admin). People sign in
 * through Keycloak's own login form in headless Chromium; scripts call the API with Keycloak's access tokens.
 */
class SingleSignOnIT {

    private static Keycloak keycloak;
    private static PenduleProcess node;

    @BeforeAll
    static void startKeycloakAndANode() throws Exception {
        int penduleSide = PenduleProcess.freePort();
        keycloak = Keycloak.start(PenduleProcess.freePort(), "http://127.0.0.1:" + penduleSide);
        Map<String, String> settings = new HashMap<>();
        settings.put("PENDULE_PORT", Integer.toString(penduleSide));
        settings.put("PENDULE_OIDC_ISSUER", keycloak.issuer());
        settings.put("PENDULE_OIDC_CLIENT_ID", Keycloak.CLIENT_ID);
        settings.put("PENDULE_OIDC_CLIENT_SECRET", Keycloak.CLIENT_SECRET);
        settings.put("PENDULE_OIDC_PROVIDER_NAME", "Keycloak");
        settings.put("PENDULE_OIDC_ADMIN_GROUPS", "pendule-admins");
        settings.put("PENDULE_OIDC_OPERATOR_GROUPS", "pendule-operators");
        settings.put("PENDULE_OIDC_VIEWER_GROUPS", "pendule-viewers");
        Path dataDir = PenduleProcess.freshDataDir("sso");
        node = PenduleProcess.start("sso", null, dataDir, settings);
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void anAdminSignsInThroughKeycloaksLoginFormGetsTheRoleOfTheirGroupAndSignsOutOfBoth() throws Exception {
        try (Browser browser = Browser.startSignedOut("en")) {
            WebDriver driver = browser.driver;
            driver.get(node.root() + "/jobs");
            assertTrue(driver.getCurrentUrl().contains("/login"), driver.getCurrentUrl());
            assertEquals("Sign in with Keycloak", driver.findElement(By.id("sso")).getText());

            signInAtKeycloak(driver, "alice", "alice-password-1");
            assertTrue(driver.getCurrentUrl().startsWith(node.root() + "/jobs"), "back to the page asked: " + driver.getCurrentUrl());
            assertEquals("Signed in as alice (admin)", driver.findElement(By.cssSelector(".who")).getText());
            assertFalse(driver.findElements(By.cssSelector("a[href$='/users']")).isEmpty(), "an admin's pages offer the users");

            JsonNode alice = userNamed("alice");
            assertEquals("admin", alice.path("role").asText());
            assertEquals("oidc", alice.path("signs_in_with").asText(), "made at the first sign-in: " + alice);
            assertTrue(auditHas("login.success", "alice"), "the sign-in is audited");

            driver.findElement(By.cssSelector("form.sign-out button")).click();
            new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(() -> "signed out at " + driver.getCurrentUrl() + ": "
                    + driver.findElement(By.tagName("body")).getText()).until(d -> d.getCurrentUrl().contains("/login?signedOut"));
            assertTrue(driver.getCurrentUrl().startsWith(node.root()), "back at Pendule: " + driver.getCurrentUrl());
            driver.get(node.root() + "/jobs");
            assertTrue(driver.getCurrentUrl().contains("/login"), "signed out of Pendule: " + driver.getCurrentUrl());
            driver.findElement(By.id("sso")).click();
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> onKeycloak(d));
            assertFalse(driver.findElements(By.id("kc-login")).isEmpty(),
                    "signed out of Keycloak too: it asks for the password again");
        }
    }

    @Test
    void aViewerSignsInAsViewerAndItsPagesOfferNoChange() throws Exception {
        try (Browser browser = Browser.startSignedOut("en")) {
            WebDriver driver = browser.driver;
            driver.get(node.root() + "/login");
            signInAtKeycloak(driver, "victor", "victor-password-1");
            assertEquals("Signed in as victor (viewer)", driver.findElement(By.cssSelector(".who")).getText());
            assertTrue(driver.findElements(By.cssSelector("nav a[href$='/new']")).isEmpty(), "a viewer is offered no new job");
            assertTrue(driver.findElements(By.cssSelector("a[href$='/users']")).isEmpty());
        }
    }

    @Test
    void theRoleFollowsTheProvidersGroupsAtEachSignIn() throws Exception {
        try (Browser browser = Browser.startSignedOut("en")) {
            browser.driver.get(node.root() + "/login");
            signInAtKeycloak(browser.driver, "gina", "gina-password-1");
            assertEquals("Signed in as gina (viewer)", browser.driver.findElement(By.cssSelector(".who")).getText());
        }
        keycloak.addToGroup("gina", "pendule-admins");
        try (Browser browser = Browser.startSignedOut("en")) {
            browser.driver.get(node.root() + "/login");
            signInAtKeycloak(browser.driver, "gina", "gina-password-1");
            assertEquals("Signed in as gina (admin)", browser.driver.findElement(By.cssSelector(".who")).getText());
        }
        assertEquals("admin", userNamed("gina").path("role").asText());
        assertTrue(auditHas("user.update", "gina"), "the change of role is audited");
    }

    @Test
    void aUserInNoMappedGroupIsRefusedWithAClearPageAndNoSession() throws Exception {
        try (Browser browser = Browser.startSignedOut("en")) {
            WebDriver driver = browser.driver;
            driver.get(node.root() + "/login");
            signInAtKeycloak(driver, "nina", "nina-password-1");
            String page = driver.findElement(By.tagName("main")).getText();
            assertTrue(page.contains("nina has no role in Pendule"), page);
            driver.get(node.root() + "/jobs");
            assertTrue(driver.getCurrentUrl().contains("/login"), "not signed in: " + driver.getCurrentUrl());
            assertTrue(auditHas("login.failure", "nina"), "the refusal is audited");
        }
    }

    @Test
    void theProvidersUserNamedLikeTheLocalAdminDoesNotBecomeIt() throws Exception {
        try (Browser browser = Browser.startSignedOut("en")) {
            WebDriver driver = browser.driver;
            driver.get(node.root() + "/login");
            signInAtKeycloak(driver, "admin", "admin-password-1");
            String page = driver.findElement(By.tagName("main")).getText();
            assertTrue(page.contains("admin cannot sign in through single sign-on here"), page);
            assertEquals("password", userNamed("admin").path("signs_in_with").asText());
        }
        Api api = new Api(node.root() + "/v1").withToken(keycloak.token(Keycloak.CLIENT_ID, Keycloak.CLIENT_SECRET, "admin",
                "admin-password-1", "access_token"));
        assertEquals(403, api.get("/jobs").status(), "nor acts as it on the API");
    }

    @Test
    void keycloaksAccessTokensCallTheApiWithTheRoleOfTheirGroups() throws Exception {
        Api alice = api("alice");
        Api oscar = api("oscar");
        Api victor = api("victor");
        String shell = "{\"name\":\"sso-shell\",\"schedule\":\"@every 24h\",\"executor\":\"shell\",\"executor_config\":{\"command\":\"true\"}}";
        String http = "{\"name\":\"sso-http\",\"schedule\":\"@every 24h\",\"executor\":\"http\","
                + "\"executor_config\":{\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/\"}}";
        assertEquals(201, alice.post("/jobs", shell).status(), "an admin writes shell jobs");
        Api.Answer refused = oscar.post("/jobs", shell.replace("sso-shell", "sso-shell-2"));
        assertEquals(403, refused.status(), refused.body());
        assertEquals(201, oscar.post("/jobs", http).status(), "an operator writes http jobs");
        assertEquals(200, victor.get("/jobs").status(), "a viewer reads");
        assertEquals(403, victor.delete("/jobs/sso-http").status(), "and changes nothing");
        assertEquals(200, victor.get("/jobs/sso-http").status());
        assertEquals(403, api("nina").get("/jobs").status(), "no mapped group, no role");

        Api.Answer idToken = new Api(node.root() + "/v1").withToken(keycloak.token(Keycloak.CLIENT_ID, Keycloak.CLIENT_SECRET,
                "alice", "alice-password-1", "id_token")).get("/jobs");
        assertEquals(401, idToken.status(), "an ID token is no access token: " + idToken.body());
        Api.Answer otherClient = new Api(node.root() + "/v1").withToken(keycloak.token("other-app", "other-app-secret",
                "alice", "alice-password-1", "access_token")).get("/jobs");
        assertEquals(401, otherClient.status(), "a token for another audience: " + otherClient.body());
        String token = keycloak.token(Keycloak.CLIENT_ID, Keycloak.CLIENT_SECRET, "alice", "alice-password-1", "access_token");
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2)
                + (parts[1].endsWith("AA") ? "BB" : "AA") + "." + parts[2];
        assertEquals(401, new Api(node.root() + "/v1").withToken(tampered).get("/jobs").status(), "a changed token");
    }

    @Test
    void aCallbackThatThisBrowserDidNotStartIsRefused() {
        PlainHttp.Answer answer = PlainHttp.get(node.root() + "/login/sso/callback?code=stolen&state=guessed", Map.of());
        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("was not started here"), answer.body());
    }

    private Api api(String user) throws Exception {
        return new Api(node.root() + "/v1").withToken(keycloak.token(Keycloak.CLIENT_ID, Keycloak.CLIENT_SECRET, user,
                user + "-password-1", "access_token"));
    }

    /** Follows the sign-in page's button to Keycloak, fills its login form, and comes back to Pendule. */
    private void signInAtKeycloak(WebDriver driver, String user, String password) {
        driver.findElement(By.id("sso")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(SingleSignOnIT::onKeycloak);
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !onKeycloak(d));
    }

    private static boolean onKeycloak(WebDriver driver) {
        return URI.create(driver.getCurrentUrl()).getPort() == keycloak.port;
    }

    private static JsonNode userNamed(String name) throws Exception {
        JsonNode users = Json.MAPPER.readTree(node.api().get("/users").body());
        return StreamSupport.stream(users.spliterator(), false).filter(user -> user.path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no user " + name + " in " + users));
    }

    private static boolean auditHas(String action, String target) throws Exception {
        JsonNode events = Json.MAPPER.readTree(node.api().get("/audit?action=" + action + "&target=" + target).body());
        return StreamSupport.stream(events.spliterator(), false).anyMatch(event -> event.path("action").asText().equals(action));
    }
}
