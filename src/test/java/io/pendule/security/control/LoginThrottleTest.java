package io.pendule.security.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle();

    LoginThrottleTest() {
        throttle.time = new InstantSource() {
            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    @Test
    void fiveFailuresAreFreeThenEachWaitDoubles() {
        fail("admin", "10.0.0.9", 4);
        assertEquals(Optional.empty(), throttle.wait("admin", "10.0.0.9"));
        fail("admin", "10.0.0.9", 1);
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.wait("admin", "10.0.0.9"));
        fail("admin", "10.0.0.9", 1);
        assertEquals(Optional.of(Duration.ofSeconds(2)), throttle.wait("admin", "10.0.0.9"));
        now.set(now.get().plusSeconds(2));
        assertEquals(Optional.empty(), throttle.wait("admin", "10.0.0.9"), "the wait is over");
        assertEquals(LoginThrottle.LONGEST, LoginThrottle.delay(30), "never longer than 15 minutes");
    }

    @Test
    void anAttackerSlowsOnlyTheirOwnAddressNeverTheAdminsSignIn() {
        fail("admin", "203.0.113.7", 12);
        assertTrue(throttle.wait("admin", "203.0.113.7").isPresent());
        assertEquals(Optional.empty(), throttle.wait("admin", "10.0.0.2"), "the admin's own address is not held back");
    }

    @Test
    void sprayingManyUsersFromOneAddressIsSlowedToo() {
        for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS; i++) {
            throttle.failed("user" + i, "203.0.113.8");
        }
        assertTrue(throttle.wait("someone-else", "203.0.113.8").isPresent());
    }

    @Test
    void aSuccessClearsTheUsersCountFromThatAddress() {
        fail("ops", "10.0.0.3", 5);
        throttle.succeeded("ops", "10.0.0.3");
        assertEquals(Optional.empty(), throttle.wait("ops", "10.0.0.3"));
    }
}
