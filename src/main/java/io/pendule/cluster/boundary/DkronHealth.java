package io.pendule.cluster.boundary;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Dkron's GET /health, outside /v1, which Dkron's probes and load balancers call: 200 {"status":"healthy"} while
 * the application is up, with no dependency checked (a liveness answer). MicroProfile Health's checks are at
 * /healthz (moved there by docker/payara-preboot.asadmin so that this path stays Dkron's).
 */
@WebServlet("/health")
public class DkronHealth extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json; charset=utf-8");
        response.getWriter().write("{\"status\":\"healthy\"}");
    }
}
