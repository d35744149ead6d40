package io.pendule.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.InstantSource;

/**
 * The time that decides things (what is due, which lease ran out, when a run started): injected as an
 * {@link InstantSource} so that tests move it instead of sleeping. Waits for real time (patience loops, timers) keep
 * the system clock.
 */
@ApplicationScoped
public class Time {

    @Produces
    InstantSource system() {
        return InstantSource.system();
    }
}
