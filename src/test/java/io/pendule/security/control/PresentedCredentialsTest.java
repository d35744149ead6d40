package io.pendule.security.control;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PresentedCredentialsTest {

    private static PenduleAuthentication.Presented of(Map<String, String> headers) {
        return PenduleAuthentication.Presented.of(Requests.with("127.0.0.1", headers));
    }

    private static String basic(String text) {
        return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachWayOfSendingCredentialsIsToldApart() {
        assertEquals(new PenduleAuthentication.Presented("tok", null, null), of(Map.of("Authorization", "Bearer tok")));
        assertEquals(new PenduleAuthentication.Presented("tok", null, null), of(Map.of("X-Dkron-Token", "tok")));
        assertEquals(new PenduleAuthentication.Presented(null, "admin", "pass:word"),
                of(Map.of("Authorization", basic("admin:pass:word"))));
        assertEquals(new PenduleAuthentication.Presented("tok", null, null), of(Map.of("Authorization", basic(":tok"))),
                "curl -u :TOKEN");
        assertEquals(PenduleAuthentication.Presented.NOTHING, of(Map.of()));
    }

    @Test
    void malformedOrUnknownCredentialsAreRefusedNeverTakenForNone() {
        assertEquals(new PenduleAuthentication.Presented("", null, null), of(Map.of("Authorization", "Basic %%%")));
        assertEquals(new PenduleAuthentication.Presented("", null, null), of(Map.of("Authorization", "Digest x")));
    }
}
