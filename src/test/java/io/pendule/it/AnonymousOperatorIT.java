package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dkron's open API, opted into with PENDULE_ANONYMOUS_ROLE=operator for the loopback network: requests without
 * credentials act as an operator, but never for a shell job or an admin's route, never when a browser's headers or a
 * rebound Host say another site sent them, and never when they carry wrong credentials. Another site's form in a real
 * browser still creates and deletes nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AnonymousOperatorIT {

    private static final String NAME = "anonymous";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.onPostgres(NAME, "pendule.anonymous.role=operator\npendule.anonymous.networks=127.0.0.1/32,::1/128\n");
    }

    String root() {
        return PlainHttp.loopback(base);
    }

    String job(String name) {
        return CoreScenarios.job(name, "@manually", "http", Map.of("method", "GET", "url", root() + "/health"));
    }

    @Test
    void noCredentialsActAsAnOperatorButNeverForShellJobsOrAdminRoutes() {
        String jobs = root() + "/v1/jobs";
        assertEquals(200, PlainHttp.get(jobs, Map.of()).status(), "anonymous reads");
        assertEquals(200, PlainHttp.get(root() + "/jobs", Map.of("Accept", "text/html")).status(), "the pages too");
        PlainHttp.Answer created = PlainHttp.postJson(jobs, Map.of(), job("anon-http"));
        assertEquals(201, created.status(), "anonymous writes an http job: " + created);
        assertEquals(202, PlainHttp.send("POST", jobs + "/anon-http", Map.of(), null, null).status(), "and runs it");

        PlainHttp.Answer shell = PlainHttp.postJson(jobs, Map.of(), SecurityScenarios.shellJob("anon-shell"));
        assertEquals(403, shell.status(), "a shell job is an admin's: " + shell);
        assertTrue(shell.body().contains("job anon-shell"), "the refusal names the job: " + shell.body());
        assertEquals(404, PlainHttp.get(jobs + "/anon-shell", Map.of()).status(), "nothing stored");

        Object[] restore = PlainHttp.multipartFile("file", "backup.json",
                "[" + job("anon-restored-http") + "," + SecurityScenarios.shellJob("anon-restored-shell") + "]");
        PlainHttp.Answer restored = PlainHttp.send("POST", root() + "/v1/restore", Map.of(), (String) restore[0], (byte[]) restore[1]);
        assertEquals(403, restored.status(), "the seed's restore of a file with a shell job: " + restored);
        assertTrue(restored.body().contains("job anon-restored-shell"), restored.body());
        assertEquals(404, PlainHttp.get(jobs + "/anon-restored-http", Map.of()).status(), "all or nothing");

        for (String adminRoute : List.of("/v1/scheduler/pause", "/v1/pause", "/v1/leave")) {
            PlainHttp.Answer answer = PlainHttp.send("POST", root() + adminRoute, Map.of(), null, null);
            assertEquals(403, answer.status(), adminRoute + " is an admin's: " + answer);
            assertTrue(answer.body().contains("anonymous (operator)"), answer.body());
        }
    }

    @Test
    void aBrowsersCrossSiteSignsOrARebindingHostOrWrongCredentialsAreNeverAnonymous() {
        String jobs = root() + "/v1/jobs";
        Map<String, Map<String, String>> refused = new LinkedHashMap<>();
        refused.put("Origin", Map.of("Origin", "http://evil.example"));
        refused.put("Origin null", Map.of("Origin", "null"));
        refused.put("Sec-Fetch-Site cross-site", Map.of("Sec-Fetch-Site", "cross-site"));
        refused.put("Sec-Fetch-Site same-site", Map.of("Sec-Fetch-Site", "same-site"));
        refused.put("a wrong token", PlainHttp.bearer(Identities.unknownToken()));
        refused.put("a wrong X-Dkron-Token", Map.of("X-Dkron-Token", Identities.unknownToken()));
        refused.put("a wrong password", PlainHttp.basic("admin", "not the admin's password"));
        int i = 0;
        for (Map.Entry<String, Map<String, String>> attempt : refused.entrySet()) {
            String name = "anon-refused-" + i++;
            PlainHttp.Answer answer = PlainHttp.postJson(jobs, attempt.getValue(), job(name));
            assertEquals(401, answer.status(), attempt.getKey() + " is not anonymous: " + answer);
            assertEquals(401, PlainHttp.get(jobs, attempt.getValue()).status(), attempt.getKey() + ", even to read");
            assertEquals(404, PlainHttp.get(jobs + "/" + name, Map.of()).status(), attempt.getKey() + ": nothing stored");
        }

        URI node = URI.create(root());
        String rebound = "rebind.evil.example:" + node.getPort();
        PlainHttp.Answer rebinding = PlainHttp.raw("POST", jobs, rebound, Map.of(), "application/json", job("anon-rebound"));
        assertEquals(401, rebinding.status(), "a Host another site's DNS rebinds to this address: " + rebinding);
        assertEquals(401, PlainHttp.raw("GET", jobs, rebound, Map.of(), null, (String) null).status());
        assertEquals(404, PlainHttp.get(jobs + "/anon-rebound", Map.of()).status());

        // the same requests without those marks are anonymous: the refusals above are the rules, not a broken client
        PlainHttp.Answer direct = PlainHttp.raw("POST", jobs, node.getHost() + ":" + node.getPort(), Map.of(),
                "application/json", job("anon-direct"));
        assertEquals(201, direct.status(), "by the node's own Host: " + direct);
        for (String site : List.of("none", "same-origin")) {
            assertEquals(201, PlainHttp.postJson(jobs, Map.of("Sec-Fetch-Site", site), job("anon-" + site)).status(), site);
        }
    }

    @Test
    void anotherSitesFormsCreateAndDeleteNothingThroughTheAnonymousRole() throws Exception {
        assertEquals(201, PlainHttp.postJson(root() + "/v1/jobs", Map.of(), job("anon-victim")).status());
        String pendule = URI.create(root()).getHost();
        String otherHost = pendule.equals("localhost") ? "127.0.0.1" : "localhost";
        try (AttackerSite site = new AttackerSite(); Browser browser = Browser.start("en")) {
            List<String> landed = CrossSiteAttacks.run(browser, site, otherHost, root(), "anon-victim", "anon");
            List<String> sameHost = CrossSiteAttacks.run(browser, site, pendule, root(), "anon-victim", "anon2");
            System.out.println("where the forms of another site landed: " + String.join("\n", landed) + "\n"
                    + String.join("\n", sameHost));
            for (String prefix : List.of("anon", "anon2")) {
                for (String job : CrossSiteAttacks.jobsTheyWouldCreate(prefix)) {
                    assertEquals(404, PlainHttp.get(root() + "/v1/jobs/" + job, Map.of()).status(),
                            job + " was created from another site: " + landed + " " + sameHost);
                }
            }
            PlainHttp.Answer victim = PlainHttp.get(root() + "/v1/jobs/anon-victim", Map.of());
            assertEquals(200, victim.status(), "deleted from another site: " + landed + " " + sameHost);
            assertFalse(SecurityScenarios.tree(victim.body()).get("disabled").asBoolean(), "toggled from another site: " + landed);
        }
    }
}
