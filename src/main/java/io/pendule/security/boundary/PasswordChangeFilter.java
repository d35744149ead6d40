package io.pendule.security.boundary;

import io.pendule.security.control.Callers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * A user who must change their password (an admin chose it and asked so: {@code must_change_password}) is sent from
 * every page to {@link PasswordPage} (303, so that a form posted elsewhere does nothing) until they have changed it;
 * signing in and out, the static files and the health checks stay open. Their API calls by HTTP Basic are refused
 * before ({@code security.control.PenduleAuthentication}); their API tokens are not concerned.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class PasswordChangeFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (Callers.mustChangePassword(request) && !stillOpen(request.getServletPath())) {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + PasswordPage.PATH);
            return;
        }
        chain.doFilter(request, response);
    }

    /** What a user who must change their password may still reach: the password page, signing in and out, no page. */
    static boolean stillOpen(String servlet) {
        return !FormTokenFilter.isPage(servlet) || servlet.equals(PasswordPage.PATH) || servlet.equals("/logout")
                || servlet.equals("/login") || servlet.startsWith("/login/");
    }
}
