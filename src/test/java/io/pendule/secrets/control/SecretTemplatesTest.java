package io.pendule.secrets.control;

import io.pendule.secrets.entity.MalformedReference;
import io.pendule.secrets.entity.SecretProvider;
import io.pendule.secrets.entity.SecretReference;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretTemplatesTest {

    private static String resolve(String text) {
        return SecretTemplates.resolve(text, reference -> "<" + reference + ">");
    }

    @Test
    void referencesAreReplacedAndTheRestKeptAsWritten() {
        assertEquals("Bearer <api-token>", resolve("Bearer ${secret:api-token}"));
        assertEquals("<a>:<store:b>/<file:c.d>?<env:E_F>", resolve("${secret:a}:${secret:store:b}/${secret:file:c.d}?${secret:env:E_F}"));
        assertEquals("cost $5, ${HOME} and $secret:x and ${SECRET:x}", resolve("cost $5, ${HOME} and $secret:x and ${SECRET:x}"));
        assertEquals("", resolve(""));
    }

    @Test
    void referencesAreFoundInOrderWithTheirProvider() {
        assertEquals(List.of(new SecretReference(null, "a"), new SecretReference(SecretProvider.ENV, "b"),
                new SecretReference(SecretProvider.STORE, "a")), SecretTemplates.references("${secret:a}${secret:env:b} ${secret:store:a}"));
        assertEquals(List.of(), SecretTemplates.references("no reference, ${x}"));
    }

    @Test
    void aDoubledDollarIsALiteralReferenceText() {
        assertEquals("${secret:a} is written so, and <a> is the value", resolve("$${secret:a} is written so, and ${secret:a} is the value"));
        assertEquals("${HOME}", resolve("$${HOME}"));
        assertEquals(List.of(), SecretTemplates.references("$${secret:a}"));
    }

    @Test
    void malformedReferencesAreRefusedWithWhereAndWhy() {
        assertEquals("the secret reference at character 8 has no closing }", refusal("Bearer ${secret:abc"));
        assertEquals("the secret reference at character 1: a secret name cannot be empty", refusal("${secret:}"));
        assertEquals("the secret reference at character 1: a secret name is 1 to 128 characters of A-Z a-z 0-9 . _ -",
                refusal("${secret:has space}"));
        assertEquals("the secret reference at character 1 must be ${secret:NAME} or ${secret:PROVIDER:NAME}",
                refusal("${secret:store:a:b}"));
        assertEquals("the secret reference at character 1 names an unknown provider: use store, file, env or vault",
                refusal("${secret:aws:a}"));
        assertEquals("the secret reference at character 1: a secret name cannot be \".\" or contain \"..\"", refusal("${secret:file:..}"));
        assertTrue(refusal("${secret:" + "x".repeat(129) + "}").contains("1 to 128"));
    }

    @Test
    void aVaultReferenceIsAPathOfSegmentsAndAnOptionalKey() {
        assertEquals(List.of(new SecretReference(SecretProvider.VAULT, "apps/billing/db#password"),
                        new SecretReference(SecretProvider.VAULT, "api-token")),
                SecretTemplates.references("${secret:vault:apps/billing/db#password}:${secret:vault:api-token}"));
        String segments = "the secret reference at character 1: a vault path is segments of A-Z a-z 0-9 . _ - separated by /, "
                + "none empty, \".\" or \"..\"";
        for (String bad : List.of("a/../b", "/a", "a/", "a//b", "./a", "a b", "..", "a#k/x")) {
            assertEquals(bad.equals("a#k/x") ? "the secret reference at character 1: the key after # of a vault secret is 1 to 128 "
                    + "characters of A-Z a-z 0-9 . _ -" : segments, refusal("${secret:vault:" + bad + "}"), bad);
        }
        assertEquals("the secret reference at character 1: the key after # of a vault secret is 1 to 128 characters of "
                + "A-Z a-z 0-9 . _ -", refusal("${secret:vault:a/b#}"));
        assertEquals("the secret reference at character 1: a vault secret cannot be empty: use PATH or PATH#KEY",
                refusal("${secret:vault:}"));
        assertTrue(refusal("${secret:vault:" + "x".repeat(513) + "}").contains("1 to 512"));
        assertEquals("the secret reference at character 1: a secret name is 1 to 128 characters of A-Z a-z 0-9 . _ -",
                refusal("${secret:store:a/b}"), "a path is Vault's only");
    }

    @Test
    void aRefusalNeverRepeatsWhatWasWritten() {
        String pasted = "${secret:sk_live_51Hx 9zQ}";
        assertFalse(refusal(pasted).contains("sk_live"), refusal(pasted));
    }

    @Test
    void mentionsSecretsSeesReferencesAndBrokenOnes() {
        assertTrue(SecretTemplates.mentionsSecrets("echo ${secret:a}"));
        assertTrue(SecretTemplates.mentionsSecrets("echo ${secret:a"));
        assertFalse(SecretTemplates.mentionsSecrets("echo $${secret:a} ${HOME}"));
    }

    private static String refusal(String text) {
        return assertThrows(MalformedReference.class, () -> SecretTemplates.references(text)).getMessage();
    }
}
