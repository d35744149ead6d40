package io.pendule.executors.entity;

import java.util.Map;

/** What an executor needs to run one execution of a job. */
public record ExecutionRequest(long executionId, String jobName, int attempt, Map<String, String> config) {
}
