package io.pendule.security.boundary;

import io.pendule.dashboard.boundary.Pages;
import io.pendule.security.control.DashboardSessions;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Cross-site request forgery protection for the dashboard's forms: each session has a random token, given to the
 * pages as the request attribute {@code formToken} (every form carries it in the hidden field {@code _csrf}), and a
 * POST to a page whose field does not match is refused with 403 before it reaches the page. Sessions exist only from
 * the sign-in page on ({@link DashboardSessions}): a request without one was let in by a header (a token, HTTP Basic)
 * or as anonymous, which a browser never sends on another site's behalf, so it has no cookie to forge with and no
 * form token to check. The sign-in page makes a session for its own form (login CSRF); signing in gives a new token.
 * Pages are chosen by servlet path, as the container routes them, not by the raw URI. The API (/v1) takes no session
 * and is not concerned.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class FormTokenFilter extends HttpFilter {

    public static final String FIELD = "_csrf";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Pages pages;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String servlet = request.getServletPath();
        if (!isPage(servlet)) {
            chain.doFilter(request, response);
            return;
        }
        HttpSession session = request.getSession(servlet.equals("/login"));
        if (session == null) {
            chain.doFilter(request, response);
            return;
        }
        String token = tokenOf(session);
        if (!SAFE.contains(request.getMethod()) && !matches(token, request.getParameter(FIELD))) {
            pages.error(request, response, HttpServletResponse.SC_FORBIDDEN, null);
            return;
        }
        request.setAttribute("formToken", token);
        chain.doFilter(request, response);
    }

    /** Pages are everything but the API, the health checks and the static files. */
    static boolean isPage(String servlet) {
        return !servlet.startsWith("/v1") && !servlet.startsWith("/health") && !servlet.startsWith("/static/")
                && !servlet.startsWith("/webjars/") && !servlet.startsWith("/openapi");
    }

    private static synchronized String tokenOf(HttpSession session) {
        Object token = session.getAttribute(DashboardSessions.FORM_TOKEN);
        if (token == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(DashboardSessions.FORM_TOKEN, token);
        }
        return (String) token;
    }

    private static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
