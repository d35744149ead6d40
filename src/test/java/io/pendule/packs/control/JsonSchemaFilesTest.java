package io.pendule.packs.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.api.entity.FieldError;
import io.pendule.platform.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pack's config-schema.json: each violation named by its JSON path; schemas that reach outside the pack refused. */
class JsonSchemaFilesTest {

    static final String SCHEMA = """
            {"type": "object", "required": ["tables", "threshold"], "additionalProperties": false,
             "properties": {"tables": {"type": "array", "items": {"type": "string", "enum": ["orders", "élèves"]}},
                            "threshold": {"type": "integer", "minimum": 1, "maximum": 100},
                            "mode": {"$ref": "#/$defs/mode"}},
             "$defs": {"mode": {"enum": ["fast", "full"]}}}""";

    static JsonNode json(String text) throws IOException {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void aConfigurationTheSchemaAcceptsHasNoProblem() throws IOException {
        assertEquals(List.of(), JsonSchemaFiles.of(json(SCHEMA)).problems(json("{\"tables\": [\"élèves\"], \"threshold\": 5, \"mode\": \"full\"}")));
    }

    @Test
    void everyViolationIsNamedByItsJsonPath() throws IOException {
        List<FieldError> problems = JsonSchemaFiles.of(json(SCHEMA)).problems(json(
                "{\"tables\": [\"orders\", 3, \"other\"], \"threshold\": 500, \"mode\": \"slow\", \"extra\": 1}"));
        assertEquals(List.of("$", "$.mode", "$.tables[1]", "$.tables[1]", "$.tables[2]", "$.threshold"),
                problems.stream().map(FieldError::field).toList(), problems.toString());
        assertTrue(problems.stream().allMatch(p -> !p.message().startsWith("$")), "the path is the field, not in the message: " + problems);
        assertEquals(List.of(new FieldError("$", "required property 'threshold' not found")),
                JsonSchemaFiles.of(json(SCHEMA)).problems(json("{\"tables\": []}")));
    }

    @Test
    void anOlderDraftNamedBySchemaIsRead() throws IOException {
        PackConfigSchema draft7 = JsonSchemaFiles.of(json("{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"object\","
                + " \"properties\": {\"n\": {\"type\": \"number\", \"exclusiveMaximum\": 10}}}"));
        assertEquals(List.of("$.n"), draft7.problems(json("{\"n\": 10}")).stream().map(FieldError::field).toList());
    }

    @Test
    void aSchemaThatReachesOutsideThePackIsRefusedWithoutFetchingIt() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(300);
            String remote = "{\"properties\": {\"a\": {\"$ref\": \"http://127.0.0.1:" + listener.getLocalPort() + "/schema.json\"}}}";
            List<String> problems = JsonSchemaFiles.problems(json(remote));
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("is not a JSON Schema this reads"), problems.toString());
            assertThrows(SocketTimeoutException.class, listener::accept, "nothing was fetched");
        }
        assertEquals(1, JsonSchemaFiles.problems(json("{\"$ref\": \"file:///etc/passwd\"}")).size());
        assertEquals(1, JsonSchemaFiles.problems(json("{\"$schema\": \"https://example.invalid/dialect\"}")).size());
    }

    @Test
    void aSchemaIsAnObjectOrABoolean() throws IOException {
        assertEquals(List.of("must be a JSON Schema: an object (or true or false)"), JsonSchemaFiles.problems(json("[1]")));
        assertEquals(List.of(), JsonSchemaFiles.problems(json("true")));
        assertEquals(List.of(), JsonSchemaFiles.problems(json(SCHEMA)));
        List<String> malformed = JsonSchemaFiles.problems(json("{\"type\": 12, \"properties\": {\"a\": {\"minimum\": \"one\"}}}"));
        assertEquals(3, malformed.size(), "checked against the meta-schema (type: neither a name nor an array of names): " + malformed);
        assertTrue(malformed.stream().allMatch(problem -> problem.startsWith("is not a JSON Schema: $.")), malformed.toString());
        assertEquals(1, JsonSchemaFiles.problems(json("{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"exclusiveMaximum\": true}")).size(),
                "draft-07's meta-schema for a draft-07 schema (a boolean exclusiveMaximum is draft 4's)");
    }
}
