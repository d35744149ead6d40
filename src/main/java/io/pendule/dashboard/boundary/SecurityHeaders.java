package io.pendule.dashboard.boundary;

import io.pendule.platform.Settings;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Headers on every answer: a Content-Security-Policy that allows scripts, styles and images from Pendule itself
 * only (no inline script can run, whatever a job's output holds), forms sent to Pendule only (and to the single
 * sign-on provider's origin, where the sign-out form's redirect ends the provider's session too), no framing, no
 * MIME sniffing, no referrer to other sites.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Inject
    Settings settings;

    private String policy;

    @Override
    public void init() {
        policy = policy(settings.oidcIssuer());
    }

    static String policy(Optional<String> providerIssuer) {
        return providerIssuer.filter(SecurityHeaders::isUri).map(URI::create).filter(issuer -> issuer.getScheme() != null && issuer.getHost() != null)
                .map(issuer -> POLICY + " " + issuer.getScheme() + "://" + issuer.getRawAuthority()).orElse(POLICY);
    }

    private static boolean isUri(String text) {
        try {
            URI.create(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        chain.doFilter(request, response);
    }
}
