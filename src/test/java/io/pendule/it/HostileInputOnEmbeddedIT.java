package io.pendule.it;

import com.fasterxml.jackson.core.type.TypeReference;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The hostile input on the embedded database, which lives inside the node: its tables are read there by
 * {@link TablesProbe}, added to this deployment only; the fixture's callers are made and changed through /v1/users and
 * /v1/tokens (SecurityOnEmbeddedIT's {@link SecurityOnEmbeddedIT.ThroughTheApi}).
 */
@RunAsClient
class HostileInputOnEmbeddedIT extends HostileInputScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase(NAME).addClass(TablesProbe.class);
    }

    @Override
    SecurityScenarios.Callers callers() {
        return new SecurityOnEmbeddedIT.ThroughTheApi(root());
    }

    @Override
    Map<String, List<Map<String, String>>> rows() throws Exception {
        PlainHttp.Answer tables = PlainHttp.get(root() + "/v1/it-tables", PlainHttp.bearer(Deployments.ADMIN_TOKEN));
        assertEquals(200, tables.status(), "the tables probe: " + tables);
        return Api.JSON.readValue(tables.body(), new TypeReference<>() { });
    }

    @Override
    int deleteTokens(String name) throws Exception {
        PlainHttp.Answer deleted = PlainHttp.send("DELETE", root() + "/v1/it-tables/api_token?name="
                + BadInputScenarios.segment(name), PlainHttp.bearer(Deployments.ADMIN_TOKEN), null, null);
        assertEquals(200, deleted.status(), "the tables probe: " + deleted);
        return Api.JSON.readTree(deleted.body()).get("deleted").asInt();
    }

    @Override
    String database() {
        return "embedded";
    }
}
