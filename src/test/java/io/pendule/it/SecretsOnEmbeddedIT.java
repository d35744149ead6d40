package io.pendule.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The secrets' scenarios on the embedded database; and, on a node started without Vault (the deployment has one), a
 * vault: reference refused at save, while the token given in the node's environment stays out of its jobs' processes.
 */
@RunAsClient
class SecretsOnEmbeddedIT extends SecretsScenarios {

    private static final String UNUSED_VAULT_TOKEN = "hvs.never-in-a-job-" + Long.toHexString(System.nanoTime());

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("secrets", settings());
    }

    @Test
    @Order(20)
    void withoutVaultAVaultReferenceIsRefusedAtSaveAndTheTokenNeverReachesAJob() throws Exception {
        try (PenduleProcess node = PenduleProcess.start("no-vault", null, PenduleProcess.freshDataDir("no-vault"),
                Map.of("PENDULE_VAULT_TOKEN", UNUSED_VAULT_TOKEN))) {
            Api api = node.api();
            Api.Answer refused = api.post("/jobs", httpJob("vault-without-vault", "Bearer ${secret:vault:pendule/billing#api-key}"));
            assertEquals(400, refused.status(), refused.body());
            assertTrue(refused.body().contains("executor_config.headers"), refused.body());
            assertTrue(refused.body().contains("provider vault is not configured: set PENDULE_VAULT_ADDR"), refused.body());
            assertEquals(404, api.get("/jobs/vault-without-vault").status());

            ObjectNode shell = Api.JSON.createObjectNode().put("name", "prints-env").put("schedule", "@manually").put("executor", "shell");
            shell.putObject("executor_config").put("command", "env");
            assertEquals(201, api.post("/jobs", shell.toString()).status());
            Api.Answer run = api.post("/jobs/prints-env?wait=true", "");
            assertEquals("succeeded", run.json().get("status").asText(), run.body());
            assertTrue(run.body().contains("PENDULE_EXECUTION_ID"), run.body());
            assertFalse(run.body().contains(UNUSED_VAULT_TOKEN) || run.body().contains("PENDULE_VAULT"), run.body());
        }
    }
}
