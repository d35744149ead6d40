package io.pendule.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.InstantSource;
import java.time.temporal.ChronoUnit;

/**
 * The time that decides things (what is due, which lease ran out, when a run started): injected as an
 * {@link InstantSource} so that tests move it instead of sleeping. Waits for real time (patience loops, timers) keep
 * the system clock. Instants have the databases' precision, microseconds: an instant a run tells the outside (its
 * start, in the id the API shows) is then the one stored, not one rounded differently by each database and driver.
 */
@ApplicationScoped
public class Time {

    @Produces
    InstantSource system() {
        InstantSource system = InstantSource.system();
        return () -> system.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
