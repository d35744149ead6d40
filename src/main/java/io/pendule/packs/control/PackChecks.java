package io.pendule.packs.control;

import io.pendule.executors.entity.ConfigError;
import io.pendule.packs.entity.PackType;
import io.pendule.packs.entity.PackVersion;

import java.util.ArrayList;
import java.util.List;

/** What the registry says of a pack job's config when it is saved: the pack, the version and the type it names. */
final class PackChecks {

    private PackChecks() {
    }

    /** {@code versions}: the pack's versions in the registry, the latest first. */
    static List<ConfigError> inRegistry(String pack, String version, PackType type, List<PackVersion> versions) {
        List<ConfigError> errors = new ArrayList<>();
        if (versions.isEmpty()) {
            errors.add(new ConfigError(PackJobConfig.PACK, "no pack " + pack + " in the registry: import it first (POST /v1/packs)"));
            return errors;
        }
        if (version != null && versions.stream().noneMatch(v -> v.version().equals(version))) {
            errors.add(new ConfigError(PackJobConfig.VERSION, "pack " + pack + " has no version " + version + " (it has "
                    + String.join(", ", versions.stream().map(PackVersion::version).toList()) + "); none runs the latest"));
        }
        PackType packs = versions.get(0).type();
        if (type != null && type != packs) {
            errors.add(new ConfigError(PackJobConfig.TYPE, "pack " + pack + " is a " + packs.code() + " pack"));
        }
        return errors;
    }
}
