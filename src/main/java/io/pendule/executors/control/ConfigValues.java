package io.pendule.executors.control;

import io.pendule.executors.entity.ConfigError;
import io.pendule.platform.GoDuration;

import java.time.Duration;

import java.util.List;
import java.util.Map;

/** Reading single executor_config values; problems are collected rather than thrown, to report them all. */
public final class ConfigValues {

    private ConfigValues() {
    }

    /** The trimmed value, or null when the key is absent or blank (Dkron treats both as unset). */
    public static String optional(Map<String, String> config, String key) {
        String value = config.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public static String required(Map<String, String> config, String key, List<ConfigError> errors) {
        String value = optional(config, key);
        if (value == null) {
            errors.add(new ConfigError(key, "required"));
        }
        return value;
    }

    public static boolean bool(Map<String, String> config, String key, List<ConfigError> errors) {
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

    /** A Go duration ("90s", "1h30m") greater than 0, or null when absent or wrong (then an error says why). */
    public static Duration timeout(Map<String, String> config, String key, List<ConfigError> errors) {
        String text = optional(config, key);
        if (text == null) {
            return null;
        }
        try {
            Duration timeout = GoDuration.parse(text);
            if (timeout.isZero() || timeout.isNegative()) {
                errors.add(new ConfigError(key, "must be greater than 0"));
            }
            return timeout;
        } catch (IllegalArgumentException e) {
            errors.add(new ConfigError(key, e.getMessage()));
            return null;
        }
    }
}
