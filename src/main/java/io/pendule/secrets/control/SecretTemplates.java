package io.pendule.secrets.control;

import io.pendule.secrets.entity.MalformedReference;
import io.pendule.secrets.entity.SecretName;
import io.pendule.secrets.entity.SecretProvider;
import io.pendule.secrets.entity.SecretReference;
import io.pendule.secrets.entity.VaultSecretName;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The text of a config value with secret references: {@code ${secret:NAME}}, {@code ${secret:PROVIDER:NAME}}
 * ({@code ${secret:vault:path/to/secret#key}} for Vault), and
 * {@code $${} for a literal {@code ${}. Any other {@code $} is plain text. Messages say where a reference is wrong,
 * never what it holds.
 */
public final class SecretTemplates {

    static final String OPEN = "${secret:";
    static final String ESCAPE = "$${";

    private SecretTemplates() {
    }

    /** The references of {@code text}, in order; throws when one is malformed. */
    public static List<SecretReference> references(String text) {
        List<SecretReference> found = new ArrayList<>();
        resolve(text, reference -> {
            found.add(reference);
            return "";
        });
        return found;
    }

    /** Whether {@code text} holds a reference, or something that starts like one. */
    public static boolean mentionsSecrets(String text) {
        try {
            return !references(text).isEmpty();
        } catch (MalformedReference e) {
            return true;
        }
    }

    /** {@code text} with each reference replaced by {@code values}' answer and each escape by a literal {@code ${}. */
    public static String resolve(String text, Function<SecretReference, String> values) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith(ESCAPE, i)) {
                out.append("${");
                i += ESCAPE.length();
            } else if (text.startsWith(OPEN, i)) {
                int close = text.indexOf('}', i);
                if (close < 0) {
                    throw new MalformedReference("the secret reference at character " + (i + 1) + " has no closing }");
                }
                out.append(values.apply(parse(text.substring(i + OPEN.length(), close), i + 1)));
                i = close + 1;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    private static SecretReference parse(String inside, int at) {
        String[] parts = inside.split(":", -1);
        if (parts.length > 2) {
            throw new MalformedReference("the secret reference at character " + at
                    + " must be ${secret:NAME} or ${secret:PROVIDER:NAME}");
        }
        SecretProvider provider = null;
        if (parts.length == 2) {
            provider = SecretProvider.ofCode(parts[0]).orElseThrow(() -> new MalformedReference("the secret reference at "
                    + "character " + at + " names an unknown provider: use store, file, env or vault"));
        }
        String name = parts[parts.length - 1];
        Optional<String> problem = provider == SecretProvider.VAULT ? VaultSecretName.problem(name) : SecretName.problem(name);
        problem.ifPresent(wrong -> {
            throw new MalformedReference("the secret reference at character " + at + ": " + wrong);
        });
        return new SecretReference(provider, name);
    }
}
