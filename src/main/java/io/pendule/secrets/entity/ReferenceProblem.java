package io.pendule.secrets.entity;

/** A secret reference refused in a job's executor_config: the key it is in and why. */
public record ReferenceProblem(String key, String message) {
}
