package io.pendule.executions.boundary;

import io.pendule.database.control.DatabaseProbe;
import io.pendule.executions.control.ExecutionRecorder;
import io.pendule.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Live while the recorder writes what runs did: not live when an event has waited longer than PENDULE_HEALTH_STALL
 * while the database answers (a wedged writer). While the database does not answer, waiting is expected and the
 * node stays live: a database outage must not restart every node; readiness reports it instead.
 */
@Liveness
@ApplicationScoped
public class RecorderLiveness implements HealthCheck {

    @Inject
    ExecutionRecorder recorder;
    @Inject
    DatabaseProbe database;
    @Inject
    InstantSource time;
    @Inject
    Settings settings;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("recorder").withData("backlog", recorder.backlog());
        Optional<Instant> stalledSince = recorder.stalledSince();
        if (stalledSince.isEmpty()) {
            return response.up().build();
        }
        Duration waiting = Duration.between(stalledSince.get(), time.instant());
        response.withData("secondsWaiting", waiting.toSeconds());
        if (waiting.compareTo(settings.healthStall()) <= 0) {
            return response.up().build();
        }
        Optional<String> unreachable = database.problem(Duration.ofSeconds(2));
        unreachable.ifPresent(why -> response.withData("databaseUnreachable", why));
        return response.status(unreachable.isPresent()).build();
    }
}
