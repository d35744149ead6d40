package io.pendule.api.boundary;

import io.pendule.platform.Settings;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * Dkron's headers on every API answer: X-Whom (the node that answered) and permissive CORS that lets a browser
 * read X-Total-Count and Location, so a web UI served from elsewhere can page through jobs. The origins allowed
 * are pendule.cors.origins ("*" by default, as Dkron).
 */
@Provider
public class ApiHeaders implements ContainerResponseFilter {

    static final String EXPOSED = "X-Total-Count, X-Whom, X-Execution-Id, Location";

    @Inject
    Settings settings;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("X-Whom", settings.nodeName());
        headers.putSingle("X-Content-Type-Options", "nosniff");
        String origin = request.getHeaderString("Origin");
        if (origin != null && settings.corsAllows(origin)) {
            headers.putSingle("Access-Control-Allow-Origin", settings.corsOrigins().equals("*") ? "*" : origin);
            headers.putSingle("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
            headers.putSingle("Access-Control-Allow-Headers", allowedHeaders(request));
            headers.putSingle("Access-Control-Expose-Headers", EXPOSED);
            headers.putSingle("Access-Control-Max-Age", "600");
            headers.add("Vary", "Origin");
        }
    }

    private static String allowedHeaders(ContainerRequestContext request) {
        String asked = request.getHeaderString("Access-Control-Request-Headers");
        return asked == null || asked.isBlank() ? "Content-Type, Authorization, X-Dkron-Token" : asked;
    }
}
