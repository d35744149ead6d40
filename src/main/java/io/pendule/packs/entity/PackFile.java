package io.pendule.packs.entity;

/** One file of a pack: its path inside the pack folder ('/'-separated) and its size in bytes. */
public record PackFile(String path, long size) {
}
