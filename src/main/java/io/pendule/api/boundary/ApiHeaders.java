package io.pendule.api.boundary;

import io.pendule.platform.Settings;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * Dkron's headers on every API answer: X-Whom (the node that answered) and, for the origins an operator lists in
 * pendule.cors.origins (none by default: same origin only; "*" is refused while anonymous access is on), CORS that
 * lets a browser read X-Total-Count and Location, so a web UI served from elsewhere can page through jobs with a
 * token.
 */
@Provider
public class ApiHeaders implements ContainerResponseFilter {

    static final String EXPOSED = "X-Total-Count, X-Whom, X-Execution-Id, Location";
    /** A fixed list, never an echo of what was asked; and never Allow-Credentials: the API takes no cookie. */
    static final String ALLOWED_HEADERS = "Content-Type, Authorization, X-Dkron-Token";

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
            headers.putSingle("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            headers.putSingle("Access-Control-Expose-Headers", EXPOSED);
            headers.putSingle("Access-Control-Max-Age", "600");
            headers.add("Vary", "Origin");
        }
    }
}
