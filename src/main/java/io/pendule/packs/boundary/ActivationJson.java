package io.pendule.packs.boundary;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pendule.packs.entity.Activation;

/** A cell of the activation matrix as the API shows it. */
@JsonPropertyOrder({"type", "pack", "slug"})
public record ActivationJson(String type, String pack, String slug) {

    static ActivationJson of(Activation cell) {
        return new ActivationJson(cell.type().code(), cell.pack(), cell.slug());
    }
}
