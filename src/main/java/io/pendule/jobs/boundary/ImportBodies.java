package io.pendule.jobs.boundary;

import io.pendule.api.entity.ValidationException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** An imported file's text: UTF-8 only, a wrong byte refused (400) rather than read as U+FFFD into a command. */
final class ImportBodies {

    private ImportBodies() {
    }

    static String text(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body == null ? new byte[0] : body))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ValidationException("Import refused, nothing was changed", "body", "is not UTF-8 text");
        }
    }

    static boolean dryRun(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.isEmpty() || value.equals("true")) {
            return true;
        }
        throw new ValidationException("Invalid import", "dry_run", "must be true or false");
    }
}
