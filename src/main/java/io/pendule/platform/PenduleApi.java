package io.pendule.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Map;

/** The REST API under /v1, as Dkron's. Jackson is named explicitly: Payara would otherwise pick JSON-B at random. */
@ApplicationPath("v1")
public class PenduleApi extends Application {

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.provider.classnames", "org.glassfish.jersey.jackson.JacksonFeature");
    }
}
