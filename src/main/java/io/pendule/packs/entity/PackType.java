package io.pendule.packs.entity;

import java.util.Arrays;
import java.util.Optional;

/** The two kinds of HDM packs: metric packs read databases, rule packs judge the metrics. */
public enum PackType {
    METRIC("metric"), RULE("rule");

    private final String code;

    PackType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<PackType> ofCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }
}
