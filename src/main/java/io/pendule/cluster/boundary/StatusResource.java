package io.pendule.cluster.boundary;

import io.pendule.platform.Settings;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** Dkron's /v1/ : which node answered. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    @GET
    public Map<String, Object> status() {
        String version = getClass().getPackage().getImplementationVersion();
        return Map.of("agent", Map.of("name", Settings.nodeName(), "version", version == null ? "dev" : version),
                "roles", Settings.roles());
    }
}
