package io.pendule.secrets.entity;

import java.util.Map;

/**
 * A run's config with its secrets' values in place of their references, for its executor only, and the mask that
 * keeps those values out of everything the run leaves behind (output, error, live tail).
 */
public record ResolvedConfig(Map<String, String> config, SecretMask mask) {
}
