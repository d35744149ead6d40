package io.pendule.cluster.boundary;

import io.pendule.platform.Json;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's health, without credentials. {@code /health/live} and {@code /health/ready} answer as MicroProfile Health
 * does (JSON status UP or DOWN with the named checks; 200 or 503) from the application's {@code @Liveness} and
 * {@code @Readiness} checks, each kept in the component it checks. Dkron's {@code GET /health}, which Dkron's probes and
 * load balancers call, answers 200 {"status":"healthy"} while the node is live and ready, and 503 with the failing
 * checks otherwise. Payara's own MicroProfile Health endpoint is moved to /healthz (docker/payara-preboot.asadmin),
 * so that these paths stay the application's.
 */
@WebServlet({"/health", "/health/live", "/health/ready"})
public class DkronHealth extends HttpServlet {

    @Inject
    @Any
    Instance<HealthCheck> checks;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<Map<String, Object>> results = switch (request.getServletPath()) {
            case "/health/live" -> run(Liveness.Literal.INSTANCE);
            case "/health/ready" -> run(Readiness.Literal.INSTANCE);
            default -> {
                List<Map<String, Object>> all = new ArrayList<>(run(Liveness.Literal.INSTANCE));
                all.addAll(run(Readiness.Literal.INSTANCE));
                yield all;
            }
        };
        boolean up = results.stream().allMatch(result -> "UP".equals(result.get("status")));
        Map<String, Object> body = new LinkedHashMap<>();
        if (request.getServletPath().equals("/health")) {
            body.put("status", up ? "healthy" : "unhealthy");
            if (!up) {
                body.put("checks", results.stream().filter(result -> !"UP".equals(result.get("status"))).toList());
            }
        } else {
            body.put("status", up ? "UP" : "DOWN");
            body.put("checks", results);
        }
        response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json; charset=utf-8");
        response.getWriter().write(Json.write(body));
    }

    private List<Map<String, Object>> run(Annotation kind) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (HealthCheck check : checks.select(kind)) {
            results.add(resultOf(check));
        }
        return results;
    }

    /** A check that throws is down, with the reason: a probe answers, whatever a check does. */
    private static Map<String, Object> resultOf(HealthCheck check) {
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            HealthCheckResponse answer = check.call();
            result.put("name", answer.getName());
            result.put("status", answer.getStatus().name());
            answer.getData().ifPresent(data -> result.put("data", data));
        } catch (RuntimeException e) {
            result.put("name", check.getClass().getSimpleName().replaceAll("\\$.*", ""));
            result.put("status", "DOWN");
            result.put("data", Map.of("error", String.valueOf(e.getMessage())));
        }
        return result;
    }
}
