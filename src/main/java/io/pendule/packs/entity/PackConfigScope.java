package io.pendule.packs.entity;

import java.util.Arrays;
import java.util.Optional;

/** Whose configuration an id_config names: a pack version's external one ("pack:version") or one endpoint's ("pack:slug"). */
public enum PackConfigScope {
    VERSION("version"), ENDPOINT("endpoint");

    private final String code;

    PackConfigScope(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<PackConfigScope> ofCode(String code) {
        return Arrays.stream(values()).filter(scope -> scope.code.equals(code)).findFirst();
    }
}
