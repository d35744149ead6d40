package io.pendule.executors.entity;

/** One problem in a job's executor_config: the key it concerns and what is wrong with it. */
public record ConfigError(String key, String message) {
}
