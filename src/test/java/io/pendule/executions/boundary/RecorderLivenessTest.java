package io.pendule.executions.boundary;

import io.pendule.database.control.DatabaseProbe;
import io.pendule.executions.control.ExecutionRecorder;
import io.pendule.platform.Settings;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecorderLivenessTest {

    private static final Instant NOW = Instant.parse("2030-01-07T09:00:00Z");

    private static HealthCheckResponse.Status liveness(Optional<Instant> stalledSince, Optional<String> databaseProblem) {
        RecorderLiveness check = new RecorderLiveness();
        check.recorder = new ExecutionRecorder() {
            @Override
            public long backlog() {
                return stalledSince.isPresent() ? 7 : 0;
            }

            @Override
            public Optional<Instant> stalledSince() {
                return stalledSince;
            }
        };
        check.database = new DatabaseProbe() {
            @Override
            public Optional<String> problem(Duration patience) {
                return databaseProblem;
            }
        };
        check.time = InstantSource.fixed(NOW);
        check.settings = Settings.of(Map.of("pendule.health.stall", "2m"));
        return check.call().getStatus();
    }

    @Test
    void aRecorderWithNothingToWriteIsLive() {
        assertEquals(HealthCheckResponse.Status.UP, liveness(Optional.empty(), Optional.of("down")));
    }

    @Test
    void eventsWaitingLessThanTheStallAreExpected() {
        assertEquals(HealthCheckResponse.Status.UP, liveness(Optional.of(NOW.minusSeconds(119)), Optional.empty()));
    }

    @Test
    void eventsWaitingLongerWhileTheDatabaseAnswersMeanAWedgedRecorder() {
        assertEquals(HealthCheckResponse.Status.DOWN, liveness(Optional.of(NOW.minusSeconds(121)), Optional.empty()));
    }

    @Test
    void eventsWaitingForADatabaseThatDoesNotAnswerLeaveTheNodeLive() {
        assertEquals(HealthCheckResponse.Status.UP,
                liveness(Optional.of(NOW.minusSeconds(600)), Optional.of("no answer within 2000 ms")));
    }
}
