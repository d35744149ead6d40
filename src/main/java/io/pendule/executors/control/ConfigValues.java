package io.pendule.executors.control;

import io.pendule.executors.entity.ConfigError;

import java.util.List;
import java.util.Map;

/** Reading single executor_config values; problems are collected rather than thrown, to report them all. */
final class ConfigValues {

    private ConfigValues() {
    }

    /** The trimmed value, or null when the key is absent or blank (Dkron treats both as unset). */
    static String optional(Map<String, String> config, String key) {
        String value = config.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String required(Map<String, String> config, String key, List<ConfigError> errors) {
        String value = optional(config, key);
        if (value == null) {
            errors.add(new ConfigError(key, "required"));
        }
        return value;
    }

    static boolean bool(Map<String, String> config, String key, List<ConfigError> errors) {
        String value = optional(config, key);
        if (value == null || "false".equals(value)) {
            return false;
        }
        if ("true".equals(value)) {
            return true;
        }
        errors.add(new ConfigError(key, "must be \"true\" or \"false\""));
        return false;
    }
}
