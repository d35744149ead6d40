package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.packs.control.TestPacks;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Endpoints, the activation matrix and pack configurations over the API (docs/packs-matrix.md): endpoints created,
 * read, replaced and deleted, a url with credentials or credentials that are not a secret reference refused by field
 * with nothing stored; cells switched on and off idempotently; configurations stored as plain JSON and read back
 * byte for byte (non-ASCII); an endpoint still used refused at delete unless cascading; every change audited; viewers
 * read, operators write. Run once per database by the subclasses (PostgreSQL also reads HDM's tables directly).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class MatrixScenarios {

    static final String VIEWER_PASSWORD = "a viewer's long password";
    static final String OPERATOR_PASSWORD = "an operator's long password";
    static final String CONFIG = "{\"seuil\": \"élevé ≥ 90 %\", \"tables\": [\"ventes\", \"中文\"], \"fusée\": \"\uD83D\uDE80\"}";
    static final String VERSION_CONFIG = "{\"retention_days\": 30}";
    static final String PASSWORD_IN_URL = "TopSecretInUrl";

    @ArquillianResource
    URL base;

    Api admin() {
        return new Api(base.toString().replaceAll("/$", "") + "/v1");
    }

    Api operator() {
        return admin().withBasic("matrix-operator", OPERATOR_PASSWORD);
    }

    Api viewer() {
        return admin().withBasic("matrix-viewer", VIEWER_PASSWORD);
    }

    static String endpoint(String slug, String kind, String url, String credentials) {
        var json = Api.JSON.createObjectNode().put("slug", slug).put("name", "Endpoint " + slug).put("kind", kind).put("url", url);
        if (credentials != null) {
            json.put("credentials", credentials);
        }
        return json.toString();
    }

    static List<String> fields(Api.Answer answer) {
        return StreamSupport.stream(answer.json().get("violations").spliterator(), false).map(e -> e.get("field").asText()).toList();
    }

    List<String> audited(String action) {
        Api.Answer answer = admin().get("/audit?_order=ASC&_end=1000&action=" + action);
        assertEquals(200, answer.status(), answer.body());
        return StreamSupport.stream(answer.json().spliterator(), false)
                .map(e -> e.get("target").asText() + " by " + e.get("actor").asText()).toList();
    }

    @Test
    @Order(1)
    void usersOfEachRole() {
        for (String[] user : new String[][]{{"matrix-viewer", VIEWER_PASSWORD, "viewer"}, {"matrix-operator", OPERATOR_PASSWORD, "operator"}}) {
            Api.Answer created = admin().post("/users", Api.JSON.createObjectNode().put("name", user[0]).put("password", user[1])
                    .put("role", user[2]).toString());
            assertEquals(201, created.status(), created.body());
        }
    }

    @Test
    @Order(2)
    void endpointsAreCreatedReadReplacedWithCredentialsByReferenceOnly() {
        Api.Answer created = operator().post("/endpoints", endpoint("db1", "postgresql", "postgresql://db1.internal:5432/app",
                "${secret:db1-password}"));
        assertEquals(201, created.status(), created.body());
        assertEquals("${secret:db1-password}", created.json().get("credentials").asText());
        assertEquals("matrix-operator", created.json().get("updated_by").asText());
        assertEquals(409, operator().post("/endpoints", endpoint("db1", "postgresql", "postgresql://x/y", null)).status());
        Api.Answer second = operator().put("/endpoints/db2", endpoint("db2", "mysql", "jdbc:mysql://db2:3306/app?user=monitor", null));
        assertEquals(201, second.status(), second.body());
        assertTrue(second.json().get("credentials").isNull(), second.body());

        Api.Answer replaced = operator().put("/endpoints/db2", "{\"kind\":\"mariadb\",\"url\":\"jdbc:mariadb://db2/app\","
                + "\"credentials\":\"${secret:vault:db/db2#password}\"}");
        assertEquals(400, replaced.status(), "vault is not configured on this node: " + replaced.body());
        assertEquals(List.of("credentials"), fields(replaced));
        replaced = operator().put("/endpoints/db2", "{\"kind\":\"mariadb\",\"url\":\"jdbc:mariadb://db2/app\","
                + "\"credentials\":\"${secret:file:db2-password}\"}");
        assertEquals(200, replaced.status(), replaced.body());
        assertEquals("mariadb", replaced.json().get("kind").asText());
        assertEquals("db2", replaced.json().get("name").asText(), "the name defaults to the slug");

        Api.Answer list = viewer().get("/endpoints");
        assertEquals(200, list.status(), list.body());
        assertEquals("2", list.header("X-Total-Count"));
        assertEquals("db1", list.json().get(0).get("slug").asText());
        assertEquals("${secret:file:db2-password}", viewer().get("/endpoints/db2").json().get("credentials").asText());
        assertEquals(404, viewer().get("/endpoints/nope").status());
    }

    @Test
    @Order(3)
    void badEndpointsAreRefusedByFieldAndNothingIsStored() {
        for (String url : List.of("postgresql://monitor:" + PASSWORD_IN_URL + "@db3/app", "jdbc:postgresql://h/db?user=u&password="
                + PASSWORD_IN_URL, "Server=x;Password=" + PASSWORD_IN_URL, "mongodb+srv://u:" + PASSWORD_IN_URL + "@cluster0/db")) {
            Api.Answer refused = operator().post("/endpoints", endpoint("db3", "other", url, null));
            assertEquals(400, refused.status(), refused.body());
            assertEquals(List.of("url"), fields(refused));
            assertTrue(refused.body().contains("${secret:db1-password}") && refused.body().contains("POST /v1/secrets"), refused.body());
            assertFalse(refused.body().contains(PASSWORD_IN_URL), "the password is not echoed: " + refused.body());
        }
        Api.Answer literal = operator().post("/endpoints", endpoint("db3", "postgresql", "postgresql://db3/app", "hunter2"));
        assertEquals(400, literal.status(), literal.body());
        assertEquals(List.of("credentials"), fields(literal));
        assertTrue(literal.body().contains("must be a secret reference such as ${secret:db1-password}; store the value with "
                + "POST /v1/secrets") && !literal.body().contains("hunter2"), literal.body());
        Api.Answer all = operator().post("/endpoints", endpoint("DB 3", "postgress", "", "x"));
        assertEquals(List.of("slug", "kind", "url", "credentials"), fields(all), all.body());
        Api.Answer replaced = operator().put("/endpoints/db1", endpoint("db1", "postgresql", "postgresql://u:p@db1/app", null));
        assertEquals(400, replaced.status());
        assertEquals(404, admin().get("/endpoints/db3").status(), "nothing stored");
        assertEquals("postgresql://db1.internal:5432/app", admin().get("/endpoints/db1").json().get("url").asText(), "db1 unchanged");
        assertEquals(403, viewer().post("/endpoints", endpoint("db4", "http", "http://h", null)).status());
        assertEquals(403, viewer().delete("/endpoints/db1").status());
    }

    /** A real pack of {@code type} imported into the registry (the matrix switches on only packs it has). */
    static Map<String, String> pack(String name, String type) {
        Map<String, String> files = TestPacks.valid(name, "1.0");
        files.put("properties.json", files.get("properties.json").replace("\"metric\"", "\"" + type + "\""));
        return files;
    }

    void imported(Map<String, String> files) {
        Api.Answer imported = PacksScenarios.upload(admin(), TestPacks.zip(files), null);
        assertEquals(201, imported.status(), imported.body());
    }

    @Test
    @Order(4)
    void onlyPacksOfTheRegistryAreSwitchedOnForTheirType() {
        Api.Answer never = operator().put("/activations/metric/basic/db1", "");
        assertEquals(404, never.status(), "a pack never imported: " + never.body());
        assertEquals(List.of("pack"), fields(never));
        assertTrue(never.body().contains("POST /v1/packs"), never.body());
        imported(pack("basic", "metric"));
        imported(pack("other", "metric"));
        imported(pack("basic-rules", "rule"));
        Api.Answer otherType = operator().put("/activations/rule/basic/db1", "");
        assertEquals(400, otherType.status(), otherType.body());
        assertEquals(List.of("type"), fields(otherType));
        assertTrue(otherType.body().contains("basic is a metric pack"), otherType.body());
        assertEquals(List.of("pack"), fields(operator().put("/activations/metric/Not%20A%20Name/db1", "")));
        assertEquals(0, admin().get("/activations").json().size(), "nothing switched on");
    }

    @Test
    @Order(5)
    void cellsAreSwitchedOnAndOffIdempotently() {
        assertEquals(201, operator().put("/activations/metric/basic/db1", "").status());
        assertEquals(200, operator().put("/activations/metric/basic/db1", "").status(), "already on");
        assertEquals(201, operator().put("/activations/metric/basic/db2", "").status());
        assertEquals(201, operator().put("/activations/rule/basic-rules/db1", "").status());
        assertEquals(201, operator().put("/activations/metric/other/db2", "").status());
        Api.Answer missing = operator().put("/activations/metric/basic/db9", "");
        assertEquals(404, missing.status(), missing.body());
        assertTrue(missing.body().contains("db9") && fields(missing).equals(List.of("slug")), missing.body());
        assertEquals(List.of("type"), fields(operator().put("/activations/metrics/basic/db1", "")));
        assertEquals(403, viewer().put("/activations/metric/basic/db1", "").status());

        Api.Answer deleted = operator().delete("/activations/metric/other/db2");
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals(404, operator().delete("/activations/metric/other/db2").status(), "already off");

        Api.Answer cells = viewer().get("/activations");
        assertEquals(200, cells.status(), cells.body());
        List<String> listed = StreamSupport.stream(cells.json().spliterator(), false)
                .map(c -> c.get("type").asText() + " " + c.get("pack").asText() + " " + c.get("slug").asText()).toList();
        assertEquals(List.of("metric basic db1", "metric basic db2", "rule basic-rules db1"), listed);
    }

    @Test
    @Order(6)
    void configurationsAreStoredAsJsonAndReadBackAsWritten() {
        Api.Answer created = operator().put("/pack-configs/basic:db1?type=metric", CONFIG);
        assertEquals(201, created.status(), created.body());
        assertEquals("metric; endpoint", created.header("X-Pendule-Config-Scope"));
        Api.Answer read = viewer().get("/pack-configs/basic:db1?type=metric");
        assertEquals(200, read.status(), read.body());
        assertEquals(CONFIG, read.body(), "the JSON as written, non-ASCII included");
        assertEquals(201, operator().put("/pack-configs/basic:0.3.7?type=metric", VERSION_CONFIG).status());
        assertEquals("metric; version", viewer().get("/pack-configs/basic:0.3.7?type=metric").header("X-Pendule-Config-Scope"));
        assertEquals(201, operator().put("/pack-configs/basic:master?type=metric&scope=version", "{\"v\":\"master\"}").status());
        assertEquals(200, operator().put("/pack-configs/basic:0.3.7?type=metric", "{\"retention_days\": 31}").status());
        assertEquals(VERSION_CONFIG.replace("30", "31"), admin().get("/pack-configs/basic:0.3.7?type=metric").body());
        assertEquals(404, admin().get("/pack-configs/basic:db1?type=rule").status(), "rule packs have their own table");

        Api.Answer notJson = operator().put("/pack-configs/basic:db2?type=metric", "{\n \"a\": 1,\n oops\n}");
        assertEquals(400, notJson.status(), notJson.body());
        assertTrue(notJson.body().contains("not JSON at line 3"), notJson.body());
        assertEquals(404, admin().get("/pack-configs/basic:db2?type=metric").status(), "nothing stored");
        assertEquals(List.of("id_config"), fields(operator().put("/pack-configs/basic:db9?type=metric", "{}")), "neither an endpoint nor a version");
        Api.Answer noEndpoint = operator().put("/pack-configs/basic:db9?type=metric&scope=endpoint", "{}");
        assertEquals(404, noEndpoint.status(), noEndpoint.body());
        assertEquals(List.of("type"), fields(operator().put("/pack-configs/basic:db1", "{}")));
        assertEquals(403, viewer().put("/pack-configs/basic:db1?type=metric", "{}").status());
        assertEquals(201, operator().put("/pack-configs/basic-rules:db1?type=rule", "[1, 2]").status());
        Api.Answer removed = operator().delete("/pack-configs/basic-rules:db1?type=rule");
        assertEquals(200, removed.status(), removed.body());
        assertEquals("[1, 2]", removed.body());
        assertEquals(404, operator().delete("/pack-configs/basic-rules:db1?type=rule").status());
    }

    static final String SCHEMA = "{\"type\": \"object\", \"required\": [\"tables\"], \"additionalProperties\": false,"
            + " \"properties\": {\"tables\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}},"
            + " \"threshold\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 100}}}";

    @Test
    @Order(7)
    void configurationsMeetTheConfigSchemaOfTheirPackVersion() {
        Map<String, String> broken = pack("schemed", "metric");
        broken.put("config-schema.json", "{\"type\": ");
        Api.Answer refused = PacksScenarios.upload(admin(), TestPacks.zip(broken), null);
        assertEquals(400, refused.status(), refused.body());
        assertEquals(List.of("config-schema.json"), fields(refused), "named by its file");

        Map<String, String> schemed = pack("schemed", "metric");
        schemed.put("config-schema.json", SCHEMA);
        imported(schemed);
        Api.Answer invalid = operator().put("/pack-configs/schemed:db2?type=metric",
                "{\"tables\": [\"orders\", 7], \"threshold\": 0, \"extra\": true}");
        assertEquals(400, invalid.status(), invalid.body());
        assertEquals(List.of("$", "$.tables[1]", "$.threshold"), fields(invalid), "each violation by its JSON path: " + invalid.body());
        assertEquals(List.of("$"), fields(operator().put("/pack-configs/schemed:db2?type=metric", "{}")), "tables is required");
        assertEquals(404, admin().get("/pack-configs/schemed:db2?type=metric").status(), "nothing stored");
        assertEquals(List.of("$.threshold"), fields(operator().put("/pack-configs/schemed:1.0?type=metric",
                "{\"tables\": [], \"threshold\": \"high\"}")), "a version's configuration meets that version's schema");
        assertEquals(201, operator().put("/pack-configs/schemed:db2?type=metric", "{\"tables\": [\"orders\"], \"threshold\": 90}").status());
        assertEquals(201, operator().put("/pack-configs/schemed:0.9?type=metric", "{\"anything\": 1}").status(),
                "a version the registry does not have (HDM's) has no schema");
    }

    @Test
    @Order(20)
    void anEndpointStillUsedIsDeletedOnlyWithItsCells() {
        Api.Answer refused = operator().delete("/endpoints/db1");
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.body().contains("metric pack basic") && refused.body().contains("rule pack basic-rules")
                && refused.body().contains("?cascade=true"), refused.body());
        assertEquals(200, admin().get("/endpoints/db1").status(), "still there");

        Api.Answer deleted = operator().delete("/endpoints/db1?cascade=true");
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals(404, admin().get("/endpoints/db1").status());
        Api.Answer cells = admin().get("/activations");
        assertEquals(1, cells.json().size(), cells.body());
        assertEquals("db2", cells.json().get(0).get("slug").asText());
        assertEquals(404, admin().get("/pack-configs/basic:db1?type=metric&scope=endpoint").status(), "its configuration went too");
        assertEquals(200, admin().get("/pack-configs/basic:0.3.7?type=metric").status(), "the version's did not");
    }

    @Test
    @Order(30)
    void everyChangeIsAudited() {
        assertEquals(List.of("db1 by matrix-operator", "db2 by matrix-operator"), audited("endpoint.create"));
        assertEquals(List.of("db2 by matrix-operator"), audited("endpoint.update"));
        assertEquals(List.of("db1 by matrix-operator"), audited("endpoint.delete"));
        assertEquals(List.of("metric:basic:db1 by matrix-operator", "metric:basic:db2 by matrix-operator",
                "rule:basic-rules:db1 by matrix-operator", "metric:other:db2 by matrix-operator"), audited("activation.create"));
        assertEquals(List.of("metric:other:db2 by matrix-operator", "metric:basic:db1 by matrix-operator",
                "rule:basic-rules:db1 by matrix-operator"), audited("activation.delete"));
        assertEquals(List.of("metric:basic:db1 by matrix-operator", "metric:basic:0.3.7 by matrix-operator",
                "metric:basic:master by matrix-operator", "rule:basic-rules:db1 by matrix-operator", "metric:schemed:db2 by matrix-operator",
                "metric:schemed:0.9 by matrix-operator"), audited("pack_config.create"));
        assertEquals(List.of("metric:basic:0.3.7 by matrix-operator"), audited("pack_config.update"));
        assertEquals(List.of("rule:basic-rules:db1 by matrix-operator", "metric:basic:db1 by matrix-operator"), audited("pack_config.delete"));

        Api.Answer update = admin().get("/audit?action=pack_config.update");
        JsonNode details = update.json().get(0).get("details");
        assertEquals(64, details.get("before").get("sha256").asText().length(), details.toString());
        assertFalse(update.body().contains("retention_days"), "the configuration's text stays out of the audit log: " + update.body());
        Api.Answer endpoint = admin().get("/audit?action=endpoint.update");
        assertEquals("${secret:file:db2-password}", endpoint.json().get(0).get("details").get("after").get("credentials").asText());
    }
}
