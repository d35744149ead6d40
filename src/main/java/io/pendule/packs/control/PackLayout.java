package io.pendule.packs.control;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.packs.entity.PackContent;
import io.pendule.packs.entity.PackType;
import io.pendule.platform.Json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HDM pack layout (docs/packs.md), every problem found at once, each named by its file: properties.json (JSON with
 * the strings name, version, author, description, mainscript, and optionally type), bootstrap-script.sh, process/,
 * and when present process/conf.json (JSON), config-schema.json (a JSON Schema, {@link JsonSchemaFiles}),
 * create-table/ (.sql files), kibana-dashboard/export.ndjson (a JSON value on each non-empty line).
 */
public final class PackLayout {

    public static final String PROPERTIES = "properties.json";
    public static final String BOOTSTRAP = "bootstrap-script.sh";
    public static final String PROCESS = "process";
    public static final String CONF = "process/conf.json";
    public static final String CREATE_TABLE = "create-table";
    public static final String KIBANA = "kibana-dashboard/export.ndjson";
    public static final String README = "Readme.md";
    public static final String CONFIG_SCHEMA = "config-schema.json";
    static final List<String> REQUIRED = List.of("name", "version", "author", "description", "mainscript");
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,127}");
    public static final Pattern VERSION = Pattern.compile("[0-9A-Za-z_-][0-9A-Za-z._-]{0,63}");
    /**
     * The names a pack cannot have, each with the fixed route whose first segment it would be: that route would shadow
     * the pack's pages (/packs/{name}/…) or API (/v1/packs/{name}/…). ReservedPackNamesTest keeps it whole.
     */
    public static final Map<String, String> RESERVED = Map.of("matrix", "/packs/matrix");

    /** A pack that passed: what its properties.json says, and its type. */
    public record Checked(String name, String version, PackType type, String author, String description,
                          String mainscript) {
    }

    private PackLayout() {
    }

    /**
     * The pack's properties, or every problem at once (400). {@code typeGiven}: the type the import names, or empty;
     * the pack's own {@code type} in properties.json otherwise; both given and different is a problem.
     */
    public static Checked check(PackContent pack, Optional<String> typeGiven) {
        List<FieldError> problems = new ArrayList<>();
        JsonNode properties = properties(pack, problems);
        String[] values = new String[REQUIRED.size()];
        for (int i = 0; i < REQUIRED.size(); i++) {
            values[i] = property(properties, REQUIRED.get(i), problems);
        }
        if (values[0] != null && !NAME.matcher(values[0]).matches()) {
            problems.add(new FieldError(PROPERTIES, "name \"" + values[0] + "\" must be 1 to 128 of a-z 0-9 _ -,"
                    + " starting with a letter or a digit"));
        }
        if (values[0] != null && RESERVED.containsKey(values[0])) {
            problems.add(new FieldError(PROPERTIES, "name \"" + values[0] + "\" is taken by the page " + RESERVED.get(values[0])
                    + ", which would hide the pack's pages: choose another name"));
        }
        if (values[1] != null && !VERSION.matcher(values[1]).matches()) {
            problems.add(new FieldError(PROPERTIES, "version \"" + values[1] + "\" must be 1 to 64 of A-Z a-z 0-9 . _ -,"
                    + " not starting with a dot"));
        }
        PackType type = type(properties, typeGiven, problems);
        if (pack.file(BOOTSTRAP).isEmpty()) {
            problems.add(new FieldError(BOOTSTRAP, "missing: the script a run of the pack starts with"));
        }
        if (!pack.hasFolder(PROCESS)) {
            problems.add(new FieldError(PROCESS + "/", "missing: the folder of the pack's program"));
        }
        pack.file(CONF).ifPresent(conf -> json(CONF, conf, problems));
        pack.file(CONFIG_SCHEMA).map(schema -> json(CONFIG_SCHEMA, schema, problems))
                .ifPresent(schema -> JsonSchemaFiles.problems(schema).forEach(problem -> problems.add(new FieldError(CONFIG_SCHEMA, problem))));
        pack.files().keySet().stream().filter(path -> path.startsWith(CREATE_TABLE + "/") && !path.endsWith(".sql"))
                .forEach(path -> problems.add(new FieldError(path, "create-table/ holds SQL scripts only (*.sql)")));
        pack.file(KIBANA).ifPresent(export -> ndjson(export, problems));
        if (!problems.isEmpty()) {
            throw new ValidationException("Pack refused, nothing was stored", problems);
        }
        return new Checked(values[0], values[1], type, values[2], values[3], values[4]);
    }

    /** The pack's config-schema.json, which its configurations must meet; none: any JSON. The pack passed {@link #check}. */
    public static PackConfigSchema configSchema(PackContent pack) {
        return pack.file(CONFIG_SCHEMA).map(schema -> JsonSchemaFiles.of(parse(new String(schema, StandardCharsets.UTF_8))))
                .orElse(PackConfigSchema.NONE);
    }

    /** The Readme's text (Readme.md, or the same name in another case), for the pack's page. */
    public static Optional<String> readme(PackContent pack) {
        return pack.files().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(README)).findFirst()
                .map(e -> new String(e.getValue(), StandardCharsets.UTF_8));
    }

    /** properties.json as a JSON object (null with a problem when it is not). */
    public static JsonNode properties(PackContent pack, List<FieldError> problems) {
        Optional<byte[]> file = pack.file(PROPERTIES);
        if (file.isEmpty()) {
            problems.add(new FieldError(PROPERTIES, "missing: the pack's name, version, author, description and mainscript"));
            return null;
        }
        JsonNode node = json(PROPERTIES, file.get(), problems);
        if (node != null && !node.isObject()) {
            problems.add(new FieldError(PROPERTIES, "must be a JSON object"));
            return null;
        }
        return node;
    }

    private static String property(JsonNode properties, String key, List<FieldError> problems) {
        if (properties == null) {
            return null;
        }
        JsonNode value = properties.get(key);
        if (value == null || value.isNull()) {
            problems.add(new FieldError(PROPERTIES, key + " is required"));
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(new FieldError(PROPERTIES, key + " must be a non-empty string"));
            return null;
        }
        return value.asText();
    }

    private static PackType type(JsonNode properties, Optional<String> given, List<FieldError> problems) {
        String own = null;
        if (properties != null && properties.has("type")) {
            JsonNode value = properties.get("type");
            if (value.isTextual() && PackType.ofCode(value.asText()).isPresent()) {
                own = value.asText();
            } else {
                problems.add(new FieldError(PROPERTIES, "type must be \"metric\" or \"rule\""));
                return null;
            }
        }
        if (given.isPresent()) {
            if (PackType.ofCode(given.get()).isEmpty()) {
                problems.add(new FieldError("type", "must be metric or rule"));
                return null;
            }
            if (own != null && !own.equals(given.get())) {
                problems.add(new FieldError("type", "is " + given.get() + " but properties.json says " + own));
                return null;
            }
            return PackType.ofCode(given.get()).orElseThrow();
        }
        if (own == null) {
            if (properties != null) {
                problems.add(new FieldError("type", "required: give the field type (metric or rule), or \"type\" in properties.json"));
            }
            return null;
        }
        return PackType.ofCode(own).orElseThrow();
    }

    private static void ndjson(byte[] export, List<FieldError> problems) {
        String text = utf8(KIBANA, export, problems);
        if (text == null) {
            return;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank() && parse(lines[i]) == null) {
                problems.add(new FieldError(KIBANA, "line " + (i + 1) + " is not JSON"));
                return;
            }
        }
    }

    private static JsonNode json(String path, byte[] bytes, List<FieldError> problems) {
        String text = utf8(path, bytes, problems);
        if (text == null) {
            return null;
        }
        JsonNode node = parse(text);
        if (node == null) {
            problems.add(new FieldError(path, "is not JSON"));
        }
        return node;
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }

    private static String utf8(String path, byte[] bytes, List<FieldError> problems) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(new FieldError(path, "is not UTF-8 text"));
            return null;
        }
    }

    /** properties.json as a map, for the API (the pack passed {@link #check}). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> propertiesMap(PackContent pack) {
        return Json.MAPPER.convertValue(properties(pack, new ArrayList<>()), Map.class);
    }
}
