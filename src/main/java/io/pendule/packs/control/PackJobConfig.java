package io.pendule.packs.control;

import io.pendule.executors.control.ConfigValues;
import io.pendule.executors.entity.ConfigError;
import io.pendule.executors.entity.Validated;
import io.pendule.packs.entity.PackEndpoint;
import io.pendule.packs.entity.PackJob;
import io.pendule.packs.entity.PackType;
import io.pendule.secrets.control.SecretFields;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a pack job's executor_config, every problem at once, each naming its key. A job's keys are {@link #JOB_KEYS};
 * the executor adds {@link #RUN_KEYS} to one execution's config for its endpoint, and a job that gives them itself is
 * refused: its credentials would be resolved and handed to the pack as though they were the endpoint's.
 */
final class PackJobConfig {

    static final String PACK = "pack";
    static final String VERSION = "version";
    static final String TYPE = "type";
    static final String ENDPOINTS_AT_ONCE = "endpoints_at_once";
    static final String TIMEOUT = "timeout";
    static final String PER_ENDPOINT = "per_endpoint";
    static final List<String> JOB_KEYS = List.of(PACK, VERSION, TYPE, ENDPOINTS_AT_ONCE, TIMEOUT, PER_ENDPOINT);

    static final String ENDPOINT_NAME = "endpoint_name";
    static final String ENDPOINT_KIND = "endpoint_kind";
    static final String ENDPOINT_URL = "endpoint_url";
    static final String ENDPOINT_CREDENTIALS = SecretFields.PACK_CREDENTIALS;
    static final List<String> RUN_KEYS = List.of(ENDPOINT_NAME, ENDPOINT_KIND, ENDPOINT_URL, ENDPOINT_CREDENTIALS);

    private PackJobConfig() {
    }

    /** A job's config, as saved: the run keys are refused. */
    static Validated<PackJob> ofJob(Map<String, String> config) {
        List<ConfigError> errors = new ArrayList<>();
        for (String key : config.keySet()) {
            if (RUN_KEYS.contains(key)) {
                errors.add(new ConfigError(key, "set by Pendule from the endpoint at each run, never by a job: give the "
                        + "endpoint's credentials in the endpoint (/v1/endpoints)"));
            } else if (key.equals("su")) {
                errors.add(new ConfigError(key, "not supported for pack jobs yet: a pack runs as Pendule's account (its "
                        + "working copy and virtualenv are in Pendule's data folder, which no other account may enter)"));
            } else if (!JOB_KEYS.contains(key)) {
                errors.add(new ConfigError(key, "unknown key: the pack executor reads " + String.join(", ", JOB_KEYS)));
            }
        }
        return read(config, null, errors);
    }

    /** One execution's config, as the executor made it for {@code target} (an endpoint's slug, or "" for none). */
    static Validated<PackJob> ofRun(Map<String, String> config, String target) {
        return read(config, target == null || target.isEmpty() ? null : endpoint(config, target), new ArrayList<>());
    }

    private static PackEndpoint endpoint(Map<String, String> config, String slug) {
        String url = ConfigValues.optional(config, ENDPOINT_URL);
        if (url == null) {
            return new PackEndpoint(slug, null, null, null, null); // no such endpoint when the execution started
        }
        return new PackEndpoint(slug, valueOr(config, ENDPOINT_NAME, slug), valueOr(config, ENDPOINT_KIND, ""), url,
                valueOr(config, ENDPOINT_CREDENTIALS, ""));
    }

    private static String valueOr(Map<String, String> config, String key, String otherwise) {
        String value = config.get(key);
        return value == null ? otherwise : value;
    }

    private static Validated<PackJob> read(Map<String, String> config, PackEndpoint endpoint, List<ConfigError> errors) {
        String pack = ConfigValues.required(config, PACK, errors);
        if (pack != null && !PackLayout.NAME.matcher(pack).matches()) {
            errors.add(new ConfigError(PACK, "a pack's name: 1 to 128 of a-z 0-9 _ -, starting with a letter or a digit"));
        }
        String version = ConfigValues.optional(config, VERSION);
        if (version != null && !PackLayout.VERSION.matcher(version).matches()) {
            errors.add(new ConfigError(VERSION, "a pack's version: 1 to 64 of A-Z a-z 0-9 . _ -, not starting with a dot;"
                    + " or none for the latest"));
        }
        PackType type = type(ConfigValues.optional(config, TYPE), errors);
        int atOnce = endpointsAtOnce(ConfigValues.optional(config, ENDPOINTS_AT_ONCE), errors);
        Duration timeout = ConfigValues.timeout(config, TIMEOUT, errors);
        boolean perEndpoint = ConfigValues.optional(config, PER_ENDPOINT) == null || ConfigValues.bool(config, PER_ENDPOINT, errors);
        return Validated.of(new PackJob(pack, version, type, atOnce, timeout, ConfigValues.optional(config, TIMEOUT),
                perEndpoint, endpoint), errors);
    }

    private static PackType type(String text, List<ConfigError> errors) {
        if (text == null) {
            return null;
        }
        return PackType.ofCode(text).orElseGet(() -> {
            errors.add(new ConfigError(TYPE, "metric or rule (or none: the pack's own)"));
            return null;
        });
    }

    private static int endpointsAtOnce(String text, List<ConfigError> errors) {
        if (text == null) {
            return 0;
        }
        try {
            int atOnce = Integer.parseInt(text);
            if (atOnce > 0) {
                return atOnce;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        errors.add(new ConfigError(ENDPOINTS_AT_ONCE, "a whole number greater than 0: the most endpoints run at once"
                + " (none: no limit)"));
        return 0;
    }
}
