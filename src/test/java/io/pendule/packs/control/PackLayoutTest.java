package io.pendule.packs.control;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.packs.entity.PackContent;
import io.pendule.packs.entity.PackType;
import io.pendule.platform.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The HDM layout: a valid pack passes; every problem of a bad one is reported at once, each naming its file. */
class PackLayoutTest {

    @Test
    void theSeedsLayoutPasses() {
        PackLayout.Checked checked = PackLayout.check(content(TestPacks.valid("basic", "0.3.7")), Optional.empty());
        assertEquals(new PackLayout.Checked("basic", "0.3.7", PackType.METRIC, "armand leopold", "Métriques de base", "metrics.py"), checked);
        assertEquals(PackType.METRIC, PackLayout.check(content(TestPacks.valid("basic", "0.3.7")), Optional.of("metric")).type());
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsFile() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("properties.json", "{\"name\":\"Bad Name\",\"version\":\"../1\",\"author\":3,\"mainscript\":\"\"}");
        files.put("process/conf.json", "{not json");
        files.put("create-table/notes.txt", "x");
        files.put("kibana-dashboard/export.ndjson", "{\"ok\":1}\n{broken\n");
        List<FieldError> problems = refused(files, Optional.empty());
        assertEquals(List.of(
                new FieldError("properties.json", "author must be a non-empty string"),
                new FieldError("properties.json", "description is required"),
                new FieldError("properties.json", "mainscript must be a non-empty string"),
                new FieldError("properties.json", "name \"Bad Name\" must be 1 to 128 of a-z 0-9 _ -, starting with a letter or a digit"),
                new FieldError("properties.json", "version \"../1\" must be 1 to 64 of A-Z a-z 0-9 . _ -, not starting with a dot"),
                new FieldError("type", "required: give the field type (metric or rule), or \"type\" in properties.json"),
                new FieldError("bootstrap-script.sh", "missing: the script a run of the pack starts with"),
                new FieldError("process/conf.json", "is not JSON"),
                new FieldError("create-table/notes.txt", "create-table/ holds SQL scripts only (*.sql)"),
                new FieldError("kibana-dashboard/export.ndjson", "line 2 is not JSON")), problems);
    }

    @Test
    void missingFilesAreNamed() {
        List<FieldError> problems = refused(Map.of("Readme.md", "x"), Optional.of("rule"));
        assertEquals(List.of("properties.json", "bootstrap-script.sh", "process/"), problems.stream().map(FieldError::field).toList());
    }

    @Test
    void propertiesMustBeAJsonObjectOfUtf8() {
        Map<String, String> files = new LinkedHashMap<>(TestPacks.valid("basic", "1"));
        files.put("properties.json", "[\"basic\"]");
        assertEquals(new FieldError("properties.json", "must be a JSON object"), refused(files, Optional.of("metric")).get(0));
        files.put("properties.json", "{\"name\":\"basic\"} trailing");
        assertEquals(new FieldError("properties.json", "is not JSON"), refused(files, Optional.of("metric")).get(0));
        TreeMap<String, byte[]> latin1 = new TreeMap<>(bytes(TestPacks.valid("basic", "1")));
        latin1.put("properties.json", "{\"name\":\"bé\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(new FieldError("properties.json", "is not UTF-8 text"),
                assertThrows(ValidationException.class, () -> PackLayout.check(new PackContent(latin1, new TreeSet<>()), Optional.empty())).errors().get(0));
    }

    @Test
    void aConfigSchemaIsJsonAndAJsonSchemaNamedByItsFile() {
        Map<String, String> files = new LinkedHashMap<>(TestPacks.valid("basic", "1"));
        files.put("config-schema.json", "{\"type\": \"object\",");
        assertEquals(List.of(new FieldError("config-schema.json", "is not JSON")), refused(files, Optional.empty()));
        files.put("config-schema.json", "[\"object\"]");
        assertEquals(List.of(new FieldError("config-schema.json", "must be a JSON Schema: an object (or true or false)")),
                refused(files, Optional.empty()));
        files.put("config-schema.json", "{\"required\": [\"tables\"]}");
        assertEquals(List.of(new FieldError("$", "required property 'tables' not found")),
                PackLayout.configSchema(content(files)).problems(Json.MAPPER.createObjectNode()));
        assertEquals(List.of(), PackLayout.configSchema(content(TestPacks.valid("basic", "1"))).problems(Json.MAPPER.createObjectNode()),
                "no schema: any JSON");
    }

    @Test
    void theTypeComesFromTheFieldOrThePackAndBothMustAgree() {
        Map<String, String> files = new LinkedHashMap<>(TestPacks.valid("basic", "1"));
        assertEquals(List.of(new FieldError("type", "is rule but properties.json says metric")), refused(files, Optional.of("rule")));
        assertEquals(List.of(new FieldError("type", "must be metric or rule")), refused(files, Optional.of("other")));
        files.put("properties.json", files.get("properties.json").replace("\"type\":\"metric\"", "\"type\":\"rules\""));
        assertEquals(List.of(new FieldError("properties.json", "type must be \"metric\" or \"rule\"")), refused(files, Optional.empty()));
        files.put("properties.json", files.get("properties.json").replace(",\"type\":\"rules\"", ""));
        assertEquals(PackType.RULE, PackLayout.check(content(files), Optional.of("rule")).type());
    }

    @Test
    void theReadmeIsFoundInAnyCase() {
        Map<String, String> files = new LinkedHashMap<>(TestPacks.valid("basic", "1"));
        files.remove("Readme.md");
        files.put("README.md", "hello");
        assertEquals(Optional.of("hello"), PackLayout.readme(content(files)));
    }

    private static List<FieldError> refused(Map<String, String> files, Optional<String> type) {
        return assertThrows(ValidationException.class, () -> PackLayout.check(content(files), type)).errors();
    }

    static PackContent content(Map<String, String> files) {
        return new PackContent(new TreeMap<>(bytes(files)), new TreeSet<>());
    }

    private static Map<String, byte[]> bytes(Map<String, String> files) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
        return bytes;
    }
}
