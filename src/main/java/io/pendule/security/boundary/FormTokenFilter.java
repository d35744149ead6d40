package io.pendule.security.boundary;

import io.pendule.dashboard.boundary.Pages;
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
 * POST to a page whose field does not match is refused with 403 before it reaches the page. The API (/v1) takes no
 * session and is not concerned.
 */
@WebFilter("/*")
public class FormTokenFilter extends HttpFilter {

    public static final String FIELD = "_csrf";
    static final String SESSION_KEY = "pendule.formToken";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Pages pages;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!isPage(path)) {
            chain.doFilter(request, response);
            return;
        }
        HttpSession session = request.getSession(true);
        String token = tokenOf(session);
        if (!SAFE.contains(request.getMethod()) && !matches(token, request.getParameter(FIELD))) {
            pages.error(request, response, HttpServletResponse.SC_FORBIDDEN, null);
            return;
        }
        request.setAttribute("formToken", token);
        chain.doFilter(request, response);
    }

    /** Pages are everything but the API, the health checks and the static files. */
    private static boolean isPage(String path) {
        return !path.startsWith("/v1") && !path.startsWith("/health") && !path.startsWith("/static/")
                && !path.startsWith("/webjars/") && !path.startsWith("/openapi");
    }

    private static synchronized String tokenOf(HttpSession session) {
        Object token = session.getAttribute(SESSION_KEY);
        if (token == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(SESSION_KEY, token);
        }
        return (String) token;
    }

    private static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
