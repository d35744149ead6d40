package io.pendule.backup.entity;

import java.util.Arrays;
import java.util.Optional;

/** How an import meets what is there: merge adds and changes, replace also removes what the document lacks. */
public enum ImportMode {
    MERGE("merge"),
    REPLACE("replace");

    private final String code;

    ImportMode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<ImportMode> ofCode(String code) {
        return Arrays.stream(values()).filter(mode -> mode.code.equals(code)).findFirst();
    }
}
