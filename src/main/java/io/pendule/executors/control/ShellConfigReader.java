package io.pendule.executors.control;

import io.pendule.executors.entity.ConfigError;
import io.pendule.executors.entity.RunAs;
import io.pendule.executors.entity.ShellJob;
import io.pendule.executors.entity.Validated;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the shell executor's config (Dkron's keys); unknown keys are ignored as Dkron does. */
final class ShellConfigReader {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern MEM_LIMIT = Pattern.compile("[0-9]+(B|K|KB|M|MB|G|GB|T|TB)?", Pattern.CASE_INSENSITIVE);

    private ShellConfigReader() {
    }

    static Validated<ShellJob> read(Map<String, String> config) {
        List<ConfigError> errors = new ArrayList<>();
        boolean viaShell = ConfigValues.bool(config, "shell", errors);
        String command = ConfigValues.required(config, "command", errors);
        List<String> argv = command == null ? List.of() : argv(command, viaShell, errors);
        Map<String, String> env = env(ConfigValues.optional(config, "env"), errors);
        String cwd = ConfigValues.optional(config, "cwd");
        String timeoutText = ConfigValues.optional(config, "timeout");
        Duration timeout = ConfigValues.timeout(config, "timeout", errors);
        byte[] payload = payload(ConfigValues.optional(config, "payload"), errors);
        rejectUnsupported(config, "mem_limit", MEM_LIMIT, "a size such as 512MB", "not supported by Pendule yet", errors);
        RunAs runAs = runAs(ConfigValues.optional(config, "su"), errors);
        return Validated.of(new ShellJob(command, argv, env, cwd, timeout, timeoutText, payload, runAs), errors);
    }

    private static List<String> argv(String command, boolean viaShell, List<ConfigError> errors) {
        if (viaShell) {
            return List.of("/bin/sh", "-c", command);
        }
        try {
            List<String> words = ShellWords.split(command);
            if (words.isEmpty() || words.get(0).isEmpty()) {
                errors.add(new ConfigError("command", "no program to run"));
            }
            return words;
        } catch (IllegalArgumentException e) {
            errors.add(new ConfigError("command", e.getMessage()));
            return List.of();
        }
    }

    private static Map<String, String> env(String text, List<ConfigError> errors) {
        Map<String, String> env = new LinkedHashMap<>();
        if (text == null) {
            return env;
        }
        for (String item : text.split(",")) {
            String trimmed = item.trim();
            int equals = trimmed.indexOf('=');
            String name = equals < 0 ? trimmed : trimmed.substring(0, equals);
            if (equals < 0 || !ENV_NAME.matcher(name).matches()) {
                errors.add(new ConfigError("env", "each item must be NAME=value with a valid name, got \"" + trimmed + "\""));
            } else {
                env.put(name, trimmed.substring(equals + 1));
            }
        }
        return env;
    }

    /** Whether the worker may run it as that account is known only there, when the run starts (see RunAsCommand). */
    private static RunAs runAs(String text, List<ConfigError> errors) {
        if (text == null) {
            return null;
        }
        return RunAs.parse(text).orElseGet(() -> {
            errors.add(new ConfigError("su", "must be an account name, user or user:group (letters, digits, . _ -)"));
            return null;
        });
    }

    private static byte[] payload(String base64, List<ConfigError> errors) {
        if (base64 == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            errors.add(new ConfigError("payload", "must be base64: " + e.getMessage()));
            return null;
        }
    }

    /** Accepting these and not enforcing them would silently do less than asked. */
    private static void rejectUnsupported(Map<String, String> config, String key, Pattern format, String expected,
                                          String refusal, List<ConfigError> errors) {
        String value = ConfigValues.optional(config, key);
        if (value == null) {
            return;
        }
        if (!format.matcher(value).matches()) {
            errors.add(new ConfigError(key, "must be " + expected));
        } else {
            errors.add(new ConfigError(key, refusal));
        }
    }
}
