package io.pendule.security.control;

import io.pendule.api.control.ApiPaths;
import io.pendule.platform.Settings;
import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * PENDULE_METRICS_TOKEN: a token that lets Prometheus read {@code /metrics}, and nothing else, without a user. Compared
 * in constant time, by digest, so that neither its characters nor its length leak through timing.
 */
@ApplicationScoped
public class ScrapeToken {

    static final String SCRAPER = "metrics-scraper";
    private static final String PATH = "/metrics";

    @Inject
    Settings settings;

    private byte[] expected;

    @PostConstruct
    void readSettings() {
        expected = settings.metricsToken().map(ScrapeToken::digest).orElse(null);
    }

    /** The scraper's identity (role viewer) when {@code token} is the scrape token and the request reads /metrics. */
    Optional<Identity> identityFor(HttpServletRequest request, String token) {
        if (expected == null || !PATH.equals(ApiPaths.routed(request)) || !MessageDigest.isEqual(expected, digest(token))) {
            return Optional.empty();
        }
        return Optional.of(new Identity(SCRAPER, Role.VIEWER, Identity.Kind.TOKEN, null));
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
