package io.pendule.executions.boundary;

import io.pendule.executions.control.ExecutionRecorder;
import io.pendule.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the recorder's backlog of unwritten events stays under PENDULE_HEALTH_RECORDER_BACKLOG. */
@Readiness
@ApplicationScoped
public class RecorderReadiness implements HealthCheck {

    @Inject
    ExecutionRecorder recorder;
    @Inject
    Settings settings;

    @Override
    public HealthCheckResponse call() {
        long backlog = recorder.backlog();
        int bound = settings.healthRecorderBacklog();
        return HealthCheckResponse.named("recorder-backlog").status(backlog <= bound)
                .withData("backlog", backlog).withData("bound", bound).build();
    }
}
