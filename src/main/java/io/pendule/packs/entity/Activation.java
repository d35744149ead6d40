package io.pendule.packs.entity;

/** A cell of the activation matrix: pack {@code pack} of {@code type} runs against the endpoint {@code slug}. */
public record Activation(PackType type, String pack, String slug) {
}
