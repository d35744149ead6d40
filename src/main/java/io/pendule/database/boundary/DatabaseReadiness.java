package io.pendule.database.boundary;

import io.pendule.database.control.Database;
import io.pendule.database.control.DatabaseProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/** Ready when the schema is up to date and the database answers within {@link #PATIENCE}. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final Duration PATIENCE = Duration.ofSeconds(2);

    @Inject
    Database database;
    @Inject
    DatabaseProbe probe;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database").withData("migrated", database.migrated());
        var problem = probe.problem(PATIENCE);
        problem.ifPresent(why -> response.withData("unreachable", why));
        return response.status(database.migrated() && problem.isEmpty()).build();
    }
}
