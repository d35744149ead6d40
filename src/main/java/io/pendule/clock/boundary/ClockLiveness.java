package io.pendule.clock.boundary;

import io.pendule.clock.control.Clock;
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
 * Live while the clock of a worker node ticks: a tick that failed (the database down) still counts, so a database
 * outage does not make every node restart; a clock whose timer stopped or whose tick hangs longer than
 * PENDULE_HEALTH_STALL does. A node without the worker role has no clock to watch.
 */
@Liveness
@ApplicationScoped
public class ClockLiveness implements HealthCheck {

    @Inject
    Clock clock;
    @Inject
    InstantSource time;
    @Inject
    Settings settings;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("clock");
        Optional<Instant> lastTick = clock.lastTick();
        if (lastTick.isEmpty()) {
            return response.up().withData("ticking", false).build();
        }
        Duration since = Duration.between(lastTick.get(), time.instant());
        return response.status(since.compareTo(settings.healthStall()) <= 0)
                .withData("ticking", true)
                .withData("lastTick", lastTick.get().toString())
                .withData("secondsSinceLastTick", since.toSeconds())
                .build();
    }
}
