package io.pendule.dashboard.boundary;

import io.pendule.api.control.ApiPaths;
import io.pendule.platform.Settings;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
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
 * MIME sniffing, no referrer to other sites. {@code Cache-Control: no-store} on every answer but the static files
 * (pages and the API show job configurations, outputs, users, tokens and secrets: no proxy or browser cache keeps
 * them), and Strict-Transport-Security when PENDULE_PUBLIC_URL is https. Also on the error pages, whose dispatch may
 * have reset the headers.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR}, asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Inject
    Settings settings;

    static final String HSTS = "max-age=31536000";

    private String policy;
    private boolean https;

    @Override
    public void init() {
        policy = policy(settings.oidcIssuer());
        https = isHttps(settings.publicUrl());
    }

    /** Whether users reach Pendule by https (PENDULE_PUBLIC_URL): the browser is then told to use nothing else. */
    public static boolean isHttps(Optional<String> publicUrl) {
        return publicUrl.map(url -> url.regionMatches(true, 0, "https://", 0, 8)).orElse(false);
    }

    /** Static files (style, scripts, images) may be cached; nothing else is. */
    static boolean cacheable(String path) {
        return path.startsWith("/static/") || path.startsWith("/webjars/");
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
        if (!cacheable(ApiPaths.routed(request))) {
            response.setHeader("Cache-Control", "no-store");
        }
        if (https) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        chain.doFilter(request, response);
    }
}
