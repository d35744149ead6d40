package io.pendule.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.UnknownKeywordFactory;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks an answer of Pendule's {@code /v1} API against Dkron's published OpenAPI 3.1 contract: the route, the
 * method, the status, the content type and the body's JSON Schema.
 */
final class DkronContract {

    static final String ABSENT = "../shared/contracts/dkron-openapi.yaml absent: contract checks skipped";

    /*
     * Dkron's real server sends JSON null for these job fields while they are unset, and Dkron's clients rely on
     * it (dkron-reference.md §2.1 and §10 item 3), but the published schema types them without null. This is the
     * one place the contract is relaxed: each of these properties also admits null. Nothing else is.
     */
    static final List<String> JOB_FIELDS_NULL_WHEN_UNSET = List.of("tags", "metadata", "dependent_jobs",
            "executor_config", "last_success", "last_error", "starts_at", "expires_at");

    // The name under which the (relaxed) contract is handed to the validator; it is never fetched.
    private static final String DOCUMENT = "urn:pendule:dkron-openapi";
    private static final ObjectMapper JSON = new ObjectMapper();

    /*
     * The validator reads the whole OpenAPI document as a schema on its way to a response schema, so the
     * document's own fields would be "unknown keywords", as would OpenAPI's x- extensions (Dkron's x-go-type):
     * neither validates anything, and declaring them keeps the test output free of warnings.
     */
    private static final JsonMetaSchema OPENAPI_31 = JsonMetaSchema.builder(OpenApi31.getInstance())
            .keywords(Stream.of("openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks", "components",
                    "security", "tags").map(NonValidationKeyword::new).toList())
            .unknownKeywordFactory((keyword, context) -> keyword.startsWith("x-") ? new AnnotationKeyword(keyword)
                    : UnknownKeywordFactory.getInstance().getKeyword(keyword, context))
            .build();

    private final JsonNode paths;
    private final JsonSchemaFactory schemas;
    private final SchemaValidatorsConfig config;

    private DkronContract(ObjectNode document) {
        this.paths = document.path("paths");
        this.schemas = factory(document);
        // format is only an annotation in 2020-12 by default; Dkron's clients parse date-time fields, so assert it.
        this.config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_PATH).formatAssertionsEnabled(true)
                .build();
    }

    static Optional<DkronContract> load() {
        Path file = Path.of(System.getProperty("basedir", "."), "..", "shared", "contracts", "dkron-openapi.yaml")
                .normalize();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            ObjectNode document = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            allowNullWhereDkronSendsNull(document);
            allowStringsWhereDkronSendsStrings(document);
            addStatsOfDkron41(document);
            return Optional.of(new DkronContract(document));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * What is wrong with an answer, by Dkron's contract; empty if nothing is.
     *
     * @param path the request path below {@code /v1}, e.g. {@code /jobs/job1/executions}; a query string is ignored
     */
    List<String> problems(String method, String path, int status, String contentType, String body) {
        String route = withoutQuery(path);
        String verb = method.toUpperCase(Locale.ROOT);
        String call = verb + " " + route + " -> " + status + ": ";
        Optional<String> template = template(route);
        if (template.isEmpty()) {
            return List.of(call + "no such path in Dkron's contract");
        }
        JsonNode operation = paths.path(template.get()).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            return List.of(call + "Dkron's contract has no " + verb + " on " + template.get());
        }
        Optional<String> documented = documentedStatus(operation.path("responses"), status);
        if (documented.isEmpty()) {
            // Pendule answers 400, 404 or 409 on purpose where Dkron answers 500 or documents nothing.
            return status >= 400 && status < 500 ? List.of()
                    : List.of(call + "status not in Dkron's contract, which documents "
                            + names(operation.path("responses")) + " for " + verb + " " + template.get());
        }
        JsonNode content = operation.path("responses").path(documented.get()).path("content");
        // No documented body, or free text (the text/plain errors of job writes): nothing to check.
        if (!content.has("application/json")) {
            return List.of();
        }
        return jsonProblems(call, pointer("paths", template.get(), method.toLowerCase(Locale.ROOT), "responses",
                documented.get(), "content", "application/json", "schema"), contentType, body);
    }

    private List<String> jsonProblems(String call, String schemaPointer, String contentType, String body) {
        List<String> problems = new ArrayList<>();
        if (!"application/json".equals(mediaType(contentType))) {
            problems.add(call + "content type " + contentType + ", Dkron's contract says application/json");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            problems.add(call + "body is not JSON: " + e.getOriginalMessage());
            return problems;
        }
        if (json == null || json.isMissingNode()) {
            problems.add(call + "empty body, Dkron's contract documents a JSON body");
            return problems;
        }
        JsonSchema schema = schemas.getSchema(SchemaLocation.of(DOCUMENT + "#" + schemaPointer), config);
        for (ValidationMessage message : schema.validate(json)) {
            problems.add(call + message.getMessage());
        }
        return problems;
    }

    /** The contract's path for a concrete one; a literal segment wins over a template at the same place. */
    private Optional<String> template(String route) {
        String[] segments = segments(route);
        List<String> candidates = new ArrayList<>();
        paths.fieldNames().forEachRemaining(candidate -> {
            if (matches(segments(candidate), segments)) {
                candidates.add(candidate);
            }
        });
        return candidates.stream().max(Comparator.comparing(DkronContract::literalness));
    }

    private static boolean matches(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            if (!(isVariable(template[i]) ? !segments[i].isEmpty() : template[i].equals(segments[i]))) {
                return false;
            }
        }
        return true;
    }

    /** Orders templates that match the same path: 1 for a literal segment, 0 for a variable, first segments first. */
    private static String literalness(String template) {
        StringBuilder order = new StringBuilder();
        for (String segment : segments(template)) {
            order.append(isVariable(segment) ? '0' : '1');
        }
        return order.toString();
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    /** The response key documenting a status: the exact code, else its range ("4XX"), else "default". */
    private static Optional<String> documentedStatus(JsonNode responses, int status) {
        return Stream.of(Integer.toString(status), (status / 100) + "XX", "default").filter(responses::has).findFirst();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String withoutQuery(String path) {
        int query = path.indexOf('?');
        String route = query < 0 ? path : path.substring(0, query);
        return route.isEmpty() ? "/" : route;
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    private static String pointer(String... tokens) {
        StringBuilder pointer = new StringBuilder();
        for (String token : tokens) {
            pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    private static void allowNullWhereDkronSendsNull(ObjectNode document) {
        JsonNode properties = document.at("/components/schemas/job/properties");
        for (String field : JOB_FIELDS_NULL_WHEN_UNSET) {
            if (!(properties.get(field) instanceof ObjectNode property) || !property.has("type")) {
                throw new IllegalStateException("Dkron's contract changed: job property " + field + " has no type");
            }
            property.set("type", withNull(property.get("type")));
        }
    }

    /*
     * The second and last relaxation: GET /v1/ answers {"agent":{"name":"dkron1","version":"4.0.0"},"serf":{…}} in
     * Dkron's server (dkron-reference.md §1.5: serf is a map of strings), while the schema wants objects as values.
     */
    private static void allowStringsWhereDkronSendsStrings(ObjectNode document) {
        for (String section : List.of("agent", "serf")) {
            JsonNode values = document.at("/components/schemas/status/properties/" + section + "/additionalProperties");
            if (!(values instanceof ObjectNode valueSchema) || !valueSchema.has("type")) {
                throw new IllegalStateException("Dkron's contract changed: status." + section + " has no value type");
            }
            valueSchema.set("type", JSON.createArrayNode().add(valueSchema.get("type").asText()).add("string"));
        }
    }

    /*
     * Not a relaxation, an addition: the copy in ../shared/contracts predates Dkron 4.1.0, which added GET /v1/stats
     * (Dkron's pull request 1896: per day over the last `days` days, default 30). Its answer as Dkron 4.1 describes it,
     * written here until the copy is refreshed; a copy that has the route already is left as it is.
     */
    static void addStatsOfDkron41(ObjectNode document) {
        ObjectNode paths = (ObjectNode) document.path("paths");
        if (paths.has("/stats")) {
            return;
        }
        ObjectNode day = JSON.createObjectNode().put("type", "object");
        day.putArray("required").add("date").add("success_count").add("failed_count");
        ObjectNode properties = day.putObject("properties");
        properties.putObject("date").put("type", "string").put("format", "date-time");
        properties.putObject("success_count").put("type", "integer").put("minimum", 0);
        properties.putObject("failed_count").put("type", "integer").put("minimum", 0);
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        schema.putArray("required").add("stats");
        schema.putObject("properties").putObject("stats").put("type", "array").set("items", day);
        ObjectNode get = paths.putObject("/stats").putObject("get");
        get.putArray("parameters").addObject().put("name", "days").put("in", "query").put("required", false)
                .putObject("schema").put("type", "integer").put("default", 30);
        get.putObject("responses").putObject("200").put("description", "Execution statistics per day")
                .putObject("content").putObject("application/json").set("schema", schema);
    }

    private static ArrayNode withNull(JsonNode type) {
        ArrayNode types = type.isArray() ? ((ArrayNode) type).deepCopy() : JSON.createArrayNode().add(type);
        for (JsonNode each : types) {
            if ("null".equals(each.asText())) {
                return types;
            }
        }
        return types.add("null");
    }

    private static JsonSchemaFactory factory(ObjectNode document) {
        String contract = document.toString();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(OPENAPI_31)
                .defaultMetaSchemaIri(OPENAPI_31.getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT, contract))));
    }
}
