package io.pendule.api.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.servers.Server;

import java.util.Map;

/**
 * The REST API under /v1, as Dkron's. Jackson is named explicitly: Payara would otherwise pick JSON-B at random.
 * WADL is off: a CORS preflight (OPTIONS) would otherwise get 5 kB of XML.
 * The OpenAPI definition names what Payara Micro serves at /openapi (otherwise "Deployed Resources"), and its
 * server is "/" because Payara's default, http://localhost:PORT/, is wrong for any other host; not "/v1", as
 * Payara already writes the paths with /v1.
 */
@ApplicationPath("v1")
@OpenAPIDefinition(info = @Info(title = "Pendule API", version = "v1",
        description = "Pendule's job scheduler API: Dkron's REST API v1 routes and JSON, with Pendule's own fields beside. "
                + "An optional field sent as null takes its default. Errors are {\"message\", \"errors\": {field: message}, "
                + "\"violations\": [{\"field\", \"message\"}]}; a job saved that cannot run as it stands (a secret not found, "
                + "tags no live worker has) answers a Warning: 299 header."),
        servers = @Server(url = "/", description = "where this document is served from"))
public class PenduleApi extends Application {

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.provider.classnames", "org.glassfish.jersey.jackson.JacksonFeature",
                "jersey.config.server.wadl.disableWadl", true);
    }
}
