package io.pendule.metrics.boundary;

import io.pendule.metrics.control.Exposition;
import io.pendule.metrics.control.GaugeSource;
import io.pendule.metrics.control.Gauges;
import io.pendule.metrics.control.Metrics;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.StringWriter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pendule's series for Prometheus, at exactly {@code /metrics} (web.xml's viewer, or the scrape token: see
 * security.control.PenduleAuthentication). Payara's MicroProfile Metrics answers what asks for one of its scopes
 * ({@code /metrics?scope=base}: the JVM's series; {@code vendor}, {@code application}). A gauge source that fails leaves
 * its series out of this scrape (logged), never the whole answer.
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(MetricsServlet.class.getName());
    /** The name Payara's MicroProfile Metrics registers its servlet under, in every application at the root context. */
    static final String PAYARA_METRICS = "microprofile-metrics-resource";

    @Inject
    Metrics metrics;
    @Inject
    @Any
    Instance<GaugeSource> sources;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        RequestDispatcher payara = getServletContext().getNamedDispatcher(PAYARA_METRICS);
        if (request.getParameter("scope") != null && payara != null) {
            payara.forward(request, response);
            return;
        }
        Gauges gauges = metrics.gauges();
        for (GaugeSource source : sources) {
            try {
                source.sample(gauges);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Gauges of " + source.getClass().getSimpleName() + " left out of this scrape: " + e, e);
            }
        }
        StringWriter text = new StringWriter(16_384);
        metrics.write(gauges, text);
        response.setContentType(Exposition.CONTENT_TYPE);
        response.getWriter().write(text.toString());
    }
}
