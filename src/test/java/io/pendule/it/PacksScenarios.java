package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.packs.control.TestPacks;
import io.pendule.packs.control.TestPacks.TarEntry;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pack registry on a real node (docs/packs.md): a zip and a tar.gz of the same pack are one version (201, then 200
 * with the same sha256); a folder of PENDULE_PACKS_DIR is imported, one outside refused; every problem of a bad pack is
 * reported at once; hostile archives (../, absolute paths, symlinks, devices, a zip bomb, too many entries) are refused
 * with nothing stored; other content for a stored version is a 409; the Kibana export is downloaded; viewers read,
 * operators and viewers cannot import; deletes are audited; the pages show the Readme as text and take an upload with
 * the session's form token. Run once per database by the subclasses.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class PacksScenarios {

    static final Path PACKS_DIR = packsDir();
    /** Small limits, so that the hostile archives stay small. */
    static final String SETTINGS = "pendule.pack.max.bytes=2MiB\npendule.pack.max.entries=200\npendule.packs.dir=" + PACKS_DIR + "\n";

    @ArquillianResource
    URL base;

    private static Path packsDir() {
        try {
            Path root = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), "packs");
            Path dir = Files.createDirectories(root.resolve("packs"));
            write(dir.resolve("folder-pack"), TestPacks.valid("folder-pack", "2.0"));
            write(root.resolve("outside"), TestPacks.valid("outside", "1.0"));
            return dir.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Api api() {
        return new Api(base.toString() + "v1");
    }

    @Test
    @Order(1)
    void aZipAndATarGzOfTheSamePackAreOneVersion() throws Exception {
        Api.Answer created = upload(api(), TestPacks.zip(TestPacks.valid("basic", "0.3.7")), null);
        assertEquals(201, created.status(), created.body());
        assertTrue(created.header("Location").endsWith("/v1/packs/basic/0.3.7"), created.header("Location"));
        JsonNode pack = created.json();
        assertEquals("metric", pack.get("type").asText());
        assertEquals("armand leopold", pack.get("author").asText());
        assertEquals(Deployments.ADMIN, pack.get("imported_by").asText());
        String sha256 = pack.get("sha256").asText();

        Api.Answer again = upload(api(), TestPacks.tarGz(TestPacks.inFolder("basic-0.3.7", TestPacks.valid("basic", "0.3.7"))), "metric");
        assertEquals(200, again.status(), "the same content again, from a tar.gz in a top folder: " + again.body());
        assertEquals(sha256, again.json().get("sha256").asText());
        assertEquals(pack.get("imported_at").asText(), again.json().get("imported_at").asText(), "nothing changed");

        assertEquals(201, upload(api(), TestPacks.zip(TestPacks.valid("basic", "0.10.0")), null).status());
        Api.Answer list = api().get("/packs");
        assertEquals(200, list.status(), list.body());
        assertEquals("[{\"name\":\"basic\",\"type\":\"metric\",\"latest\":\"0.10.0\",\"versions\":[\"0.10.0\",\"0.3.7\"]}]", list.body());

        JsonNode detail = api().get("/packs/basic/0.3.7").json();
        assertFalse(detail.get("latest").asBoolean());
        assertEquals("metrics.py", detail.get("properties").get("mainscript").asText());
        assertTrue(detail.get("readme").asText().contains("<script>alert('readme')</script>"));
        assertTrue(detail.get("kibana").asBoolean());
        assertEquals(TestPacks.valid("basic", "0.3.7").keySet().stream().sorted().toList(),
                detail.get("files").findValues("path").stream().map(JsonNode::asText).toList());
        assertEquals(List.of("0.10.0", "0.3.7"), api().get("/packs/basic").json().get("versions").findValues("version").stream().map(JsonNode::asText).toList());

        Api.Answer kibana = api().get("/packs/basic/0.3.7/kibana");
        assertEquals(200, kibana.status());
        assertEquals(TestPacks.valid("basic", "0.3.7").get("kibana-dashboard/export.ndjson"), kibana.body());
        assertTrue(kibana.header("Content-Type").startsWith("application/x-ndjson"), kibana.header("Content-Type"));
        assertTrue(kibana.header("Content-Disposition").contains("basic-0.3.7-export.ndjson"));

        Api.Answer archive = api().send(HttpRequest.newBuilder().GET(), "/packs/basic/0.3.7/archive");
        assertEquals(200, archive.status());
    }

    @Test
    @Order(2)
    void aPackWithoutKibanaHasNoDownload() {
        Map<String, String> files = TestPacks.valid("no-kibana", "1.0");
        files.remove("kibana-dashboard/export.ndjson");
        assertEquals(201, upload(api(), TestPacks.zip(files), null).status());
        assertEquals(404, api().get("/packs/no-kibana/1.0/kibana").status());
        assertFalse(api().get("/packs/no-kibana/1.0").json().get("kibana").asBoolean());
    }

    @Test
    @Order(3)
    void aFolderOfThePacksDirectoryIsImportedAndOneOutsideIsNot() {
        Api.Answer created = api().post("/packs", "{\"folder\":\"folder-pack\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals("2.0", created.json().get("version").asText());
        Api.Answer outside = api().post("/packs", "{\"folder\":\"../outside\"}");
        assertEquals(400, outside.status(), outside.body());
        assertEquals("folder", outside.json().get("violations").get(0).get("field").asText());
        assertEquals(404, api().get("/packs/outside").status());
    }

    @Test
    @Order(4)
    void everyProblemOfABadPackIsReportedAtOnce() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("properties.json", "{\"name\":\"broken\",\"author\":\"x\",\"description\":\"x\",\"mainscript\":\"x\",\"type\":\"rule\"}");
        files.put("process/conf.json", "{not json");
        files.put("kibana-dashboard/export.ndjson", "nope\n");
        Api.Answer refused = upload(api(), TestPacks.zip(files), null);
        assertEquals(400, refused.status(), refused.body());
        List<String> fields = refused.json().get("violations").findValues("field").stream().map(JsonNode::asText).toList();
        assertEquals(List.of("properties.json", "bootstrap-script.sh", "process/conf.json", "kibana-dashboard/export.ndjson"), fields);
        assertEquals(404, api().get("/packs/broken").status());

        Api.Answer shadowed = upload(api(), TestPacks.zip(TestPacks.valid("matrix", "1.0")), null);
        assertEquals(400, shadowed.status(), "the page /packs/matrix would hide its pages: " + shadowed.body());
        assertEquals(List.of("properties.json"), shadowed.json().get("violations").findValues("field").stream().map(JsonNode::asText).toList());
        assertTrue(shadowed.body().contains("/packs/matrix"), shadowed.body());
    }

    @Test
    @Order(5)
    void hostileArchivesAreRefusedWithNothingStored() {
        String before = api().get("/packs").body();
        Map<String, String> escaping = new LinkedHashMap<>(TestPacks.valid("hostile", "1"));
        escaping.put("../../../../tmp/pendule-pwned", "x");
        escaping.put("/tmp/pendule-absolute", "x");
        escaping.put("process/link", "/etc/passwd");
        Api.Answer zip = upload(api(), TestPacks.zipWithSymlink(escaping, "process/link"), null);
        assertEquals(400, zip.status(), zip.body());
        assertEquals(List.of("../../../../tmp/pendule-pwned", "/tmp/pendule-absolute", "process/link"),
                zip.json().get("violations").findValues("field").stream().map(JsonNode::asText).toList());

        List<TarEntry> entries = new java.util.ArrayList<>(TestPacks.valid("hostile", "1").entrySet().stream()
                .map(e -> TarEntry.file(e.getKey(), e.getValue())).toList());
        entries.add(new TarEntry("process/passwd", '2', "/etc/passwd"));
        entries.add(new TarEntry("process/null", '3', null));
        Api.Answer tar = upload(api(), TestPacks.tarGz(entries.toArray(TarEntry[]::new)), null);
        assertEquals(400, tar.status(), tar.body());
        assertEquals(List.of("process/passwd", "process/null"), tar.json().get("violations").findValues("field").stream().map(JsonNode::asText).toList());

        Api.Answer bomb = upload(api(), TestPacks.zipBomb(TestPacks.valid("hostile", "1"), 64L << 20), null);
        assertEquals(400, bomb.status(), bomb.body());
        assertTrue(bomb.body().contains("unpacks to more than 2097152 bytes (PENDULE_PACK_MAX_BYTES)"), bomb.body());

        Map<String, String> many = new LinkedHashMap<>(TestPacks.valid("hostile", "1"));
        for (int i = 0; i < 250; i++) {
            many.put("process/f" + i, "");
        }
        Api.Answer tooMany = upload(api(), TestPacks.zip(many), null);
        assertEquals(400, tooMany.status(), tooMany.body());
        assertTrue(tooMany.body().contains("more than 200 entries"), tooMany.body());

        Api.Answer tooBig = upload(api(), new byte[(3 << 20)], null);
        assertEquals(413, tooBig.status(), tooBig.body());

        assertEquals(before, api().get("/packs").body(), "nothing stored");
        assertFalse(Files.exists(Path.of("/tmp/pendule-pwned")) || Files.exists(Path.of("/tmp/pendule-absolute")));
    }

    @Test
    @Order(6)
    void aStoredVersionNeverChanges() {
        Map<String, String> changed = new LinkedHashMap<>(TestPacks.valid("basic", "0.3.7"));
        changed.put("process/metrics.py", "print('changed')\n");
        Api.Answer refused = upload(api(), TestPacks.zip(changed), null);
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.body().contains("exists with other content"), refused.body());
        Api.Answer otherType = upload(api(), TestPacks.zip(TestPacks.valid("basic", "0.4")), "rule");
        assertEquals(400, otherType.status(), "the field and properties.json disagree: " + otherType.body());
        Map<String, String> rule = TestPacks.valid("basic", "0.4");
        rule.put("properties.json", rule.get("properties.json").replace("metric", "rule"));
        assertEquals(409, upload(api(), TestPacks.zip(rule), null).status(), "every version of a pack has one type");
        assertEquals("0.10.0", api().get("/packs/basic").json().get("latest").asText());
    }

    @Test
    @Order(7)
    void viewersReadOperatorsAndViewersCannotImportOrDelete() {
        String viewer = token("viewer");
        String operator = token("operator");
        assertEquals(200, api().withToken(viewer).get("/packs").status());
        assertEquals(200, api().withToken(viewer).get("/packs/basic/0.3.7").status());
        assertEquals(200, api().withToken(viewer).get("/packs/basic/0.3.7/kibana").status());
        assertEquals(403, api().withToken(viewer).get("/packs/basic/0.3.7/archive").status());
        byte[] zip = TestPacks.zip(TestPacks.valid("by-operator", "1"));
        assertEquals(403, upload(api().withToken(operator), zip, null).status());
        assertEquals(403, upload(api().withToken(viewer), zip, null).status());
        assertEquals(403, api().withToken(operator).delete("/packs/basic/0.3.7").status());
        assertEquals(404, api().get("/packs/by-operator").status());
    }

    @Test
    @Order(8)
    void theDashboardShowsTheReadmeAsTextAndTakesAnUploadWithItsFormToken() throws Exception {
        PageClient pages = new PageClient(base);
        HttpResponse<String> list = pages.get("/packs", "en");
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("data-pack=\"basic\""), list.body());
        HttpResponse<String> version = pages.get("/packs/basic/0.3.7", "en");
        assertEquals(200, version.statusCode());
        assertTrue(version.body().contains("&lt;script&gt;alert(&#39;readme&#39;)&lt;/script&gt;"), version.body());
        assertFalse(version.body().contains("<script>alert('readme')"), "the Readme is never HTML of the page");
        assertTrue(version.body().contains("/packs/basic/0.3.7/kibana"), version.body());
        HttpResponse<String> kibana = pages.get("/packs/basic/0.3.7/kibana", "en");
        assertEquals(TestPacks.valid("basic", "0.3.7").get("kibana-dashboard/export.ndjson"), kibana.body());

        String token = PageClient.token(list.body());
        byte[] archive = TestPacks.zip(TestPacks.valid("from-page", "1.0"));
        HttpResponse<String> forged = pages.postMultipart("/packs", MULTIPART, multipart(archive, "metric", "forged"));
        assertEquals(403, forged.statusCode(), "an upload without the session's token");
        assertEquals(404, api().get("/packs/from-page").status());
        HttpResponse<String> uploaded = pages.postMultipart("/packs", MULTIPART, multipart(archive, "", token));
        assertTrue(uploaded.statusCode() == 302 || uploaded.statusCode() == 303, uploaded.statusCode() + " " + uploaded.body());
        assertTrue(uploaded.headers().firstValue("Location").orElseThrow().endsWith("/packs/from-page/1.0?imported=new"));
        assertEquals(200, api().get("/packs/from-page/1.0").status());
        HttpResponse<String> refused = pages.postMultipart("/packs", MULTIPART,
                multipart(TestPacks.zip(Map.of("Readme.md", "x")), "", token));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("properties.json: missing"), refused.body());

        HttpResponse<String> confirm = pages.get("/packs/from-page/1.0/delete", "fr");
        assertEquals(200, confirm.statusCode());
        HttpResponse<String> deleted = pages.postForm("/packs/from-page/1.0/delete", "_csrf=" + token + "&confirm=yes");
        assertTrue(deleted.statusCode() == 302 || deleted.statusCode() == 303, deleted.body());
        assertEquals(404, api().get("/packs/from-page").status());
    }

    @Test
    @Order(9)
    void aDeleteIsAuditedAndTheVersionGone() {
        assertEquals(204, api().delete("/packs/basic/0.3.7").status());
        assertEquals(404, api().get("/packs/basic/0.3.7").status());
        assertEquals(404, api().delete("/packs/basic/0.3.7").status());
        assertEquals("0.10.0", api().get("/packs/basic").json().get("latest").asText());
        JsonNode imports = api().get("/audit?action=pack.import&target=basic:0.3.7").json();
        assertEquals(1, imports.size(), "one import, the identical re-import records nothing: " + imports);
        JsonNode deletes = api().get("/audit?action=pack.delete&target=basic:0.3.7").json();
        assertEquals(1, deletes.size(), deletes.toString());
        assertTrue(deletes.toString().contains("sha256"), deletes.toString());
    }

    static final String BOUNDARY = "pendule-pack-boundary";
    static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    static Api.Answer upload(Api api, byte[] archive, String type) {
        return api.send(HttpRequest.newBuilder().header("Content-Type", MULTIPART)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(archive, type, null))), "/packs");
    }

    /** A multipart body: the file, the type when not null, the form token when not null. */
    static byte[] multipart(byte[] archive, String type, String formToken) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (formToken != null) {
            field(body, "_csrf", formToken);
        }
        if (type != null) {
            field(body, "type", type);
        }
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pack.zip\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(archive);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static void field(ByteArrayOutputStream body, String name, String value) {
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    String token(String role) {
        Api.Answer created = api().post("/tokens", "{\"name\":\"packs " + role + "\",\"role\":\"" + role + "\"}");
        assertEquals(201, created.status(), created.body());
        return created.json().get("token").asText();
    }

    private static void write(Path folder, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = folder.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
    }
}
