package io.pendule.packs.entity;

import java.time.Instant;
import java.util.List;

/**
 * One imported version of a pack, as table {@code pack_version} holds it, without its archive (read apart, by
 * {@code PackRegistry.archive}): what properties.json says, the sha256 and size of the stored archive, its files, and
 * who imported it when.
 */
public record PackVersion(String name, String version, PackType type, String author, String description,
                          String mainscript, String sha256, long size, List<PackFile> files, Instant importedAt,
                          String importedBy) {
}
