package io.pendule.cluster.boundary;

import io.pendule.api.control.ApiPaths;
import io.pendule.api.entity.ErrorJson;
import io.pendule.platform.Json;
import io.pendule.platform.Settings;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;

/**
 * The api role (PENDULE_ROLES): a node without it serves neither the API nor the dashboard, only its health
 * (/health, /health/live, /health/ready, and Payara's MicroProfile Health at /healthz) and its metrics (/metrics, with
 * its credentials: a worker's runs are counted on the worker); everything else answers 404 saying why. Nodes with the role, the
 * default, get no filter at all.
 */
@WebListener
public class ApiRole implements ServletContextListener {

    static final String MESSAGE = "This node has no api role (PENDULE_ROLES=%s): it serves neither the API nor the"
            + " dashboard, only /health and /metrics. Ask a node with the api role.";

    @Inject
    Settings settings;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (!settings.hasRole("api")) {
            // before the filters the application declares, so that none of them answers first (the form token's 403)
            event.getServletContext().addFilter("api-role", new Refusal(String.format(MESSAGE, settings.roles())))
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
    }

    /** Lets health checks and metrics through and refuses the rest: JSON under /v1 as the API's errors, plain text elsewhere. */
    static final class Refusal extends HttpFilter {

        private final String message;

        Refusal(String message) {
            this.message = message;
        }

        static boolean isHealth(String path) {
            return path.equals("/health") || path.startsWith("/health/") || path.equals("/healthz") || path.startsWith("/healthz/");
        }

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String path = ApiPaths.routed(request); // as routed: "/health;x/../v1/jobs" is the API
            if (isHealth(path) || path.equals("/metrics")) {
                chain.doFilter(request, response);
                return;
            }
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setHeader("X-Content-Type-Options", "nosniff");
            if (path.equals("/v1") || path.startsWith("/v1/")) {
                response.setContentType("application/json; charset=utf-8");
                response.getWriter().write(Json.write(new ErrorJson(message, List.of())));
            } else {
                response.setContentType("text/plain; charset=utf-8");
                response.getWriter().write(message + "\n");
            }
        }
    }
}
