package io.pendule.security.control;

import io.pendule.platform.Settings;
import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnonymousAccessTest {

    private static AnonymousAccess with(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("pendule.node.name", "node-a");
        AnonymousAccess access = new AnonymousAccess();
        access.settings = Settings.of(all);
        access.readSettings();
        return access;
    }

    private static Map<String, String> curl(String host) {
        return Map.of("Host", host, "User-Agent", "curl/8.0");
    }

    @Test
    void offByDefault() {
        AnonymousAccess access = with(Map.of());
        assertEquals(Optional.empty(), access.identityFor(Requests.with("127.0.0.1", curl("127.0.0.1:8080"))));
    }

    @Test
    void adminIsRefusedAsTheAnonymousRoleAndSoIsAnUnknownOne() {
        assertTrue(assertThrows(IllegalStateException.class, () -> with(Map.of("pendule.anonymous.role", "admin")))
                .getMessage().contains("refused"));
        assertThrows(IllegalStateException.class, () -> with(Map.of("pendule.anonymous.role", "root")));
        assertEquals(Optional.empty(), AnonymousAccess.roleOf("none"));
    }

    @Test
    void aScriptWithoutCredentialsActsAsTheRoleFromTheNetworksOpenToIt() {
        AnonymousAccess access = with(Map.of("pendule.anonymous.role", "operator",
                "pendule.anonymous.networks", "127.0.0.1/32,10.0.0.0/8"));
        assertEquals(Optional.of(Identity.anonymous(Role.OPERATOR)),
                access.identityFor(Requests.with("127.0.0.1", curl("localhost:8080"))));
        assertEquals(Optional.of(Identity.anonymous(Role.OPERATOR)),
                access.identityFor(Requests.with("10.2.3.4", curl("10.0.0.5:8080"))));
        assertEquals(Optional.empty(), access.identityFor(Requests.with("192.168.1.9", curl("10.0.0.5:8080"))),
                "an address outside the networks");
    }

    @Test
    void aBrowsersCrossSiteRequestIsNeverAnonymous() {
        AnonymousAccess access = with(Map.of("pendule.anonymous.role", "operator"));
        Map<String, String> form = new HashMap<>(curl("127.0.0.1:8080"));
        form.put("Origin", "https://evil.example");
        assertEquals(Optional.empty(), access.identityFor(Requests.with("127.0.0.1", form)));
        Map<String, String> fetched = new HashMap<>(curl("127.0.0.1:8080"));
        fetched.put("Sec-Fetch-Site", "cross-site");
        assertEquals(Optional.empty(), access.identityFor(Requests.with("127.0.0.1", fetched)));
        fetched.put("Sec-Fetch-Site", "same-site");
        assertEquals(Optional.empty(), access.identityFor(Requests.with("127.0.0.1", fetched)), "a sibling site is another site");
        fetched.put("Sec-Fetch-Site", "none");
        assertEquals(Optional.of(Identity.anonymous(Role.OPERATOR)), access.identityFor(Requests.with("127.0.0.1", fetched)),
                "typed in the address bar");
    }

    @Test
    void aHostNameAnotherSitesDnsCouldRebindIsNeverAnonymous() {
        AnonymousAccess defaults = with(Map.of("pendule.anonymous.role", "viewer"));
        assertEquals(Optional.empty(), defaults.identityFor(Requests.with("127.0.0.1", curl("rebind.evil.example:8080"))));
        assertEquals(Optional.empty(), defaults.identityFor(Requests.with("127.0.0.1", Map.of())), "no Host at all");
        assertTrue(defaults.identityFor(Requests.with("127.0.0.1", curl("[::1]:8080"))).isPresent());
        assertTrue(defaults.identityFor(Requests.with("127.0.0.1", curl("node-a:8080"))).isPresent(), "the node's name");

        AnonymousAccess listed = with(Map.of("pendule.anonymous.role", "viewer", "pendule.allowed.hosts", "scheduler.corp"));
        assertTrue(listed.identityFor(Requests.with("10.0.0.1", curl("Scheduler.corp:8080"))).isPresent());
        assertEquals(Optional.empty(), listed.identityFor(Requests.with("10.0.0.1", curl("10.0.0.7:8080"))),
                "only the hosts listed, once a list is given");
    }
}
