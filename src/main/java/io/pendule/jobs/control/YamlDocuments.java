package io.pendule.jobs.control;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.pendule.api.entity.ValidationException;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents of a YAML stream ({@code ---}-separated) as Jackson trees, read safely: Jackson's YAML parser (SnakeYAML
 * events, no object construction, so no type tags can build Java objects), nesting, size and count bounded, duplicate
 * keys refused, and <b>aliases refused</b>: a Kubernetes manifest needs none, and expanding them is how a "billion
 * laughs" body grows a few hundred bytes into gigabytes. Scalars stay text: YAML 1.1's {@code yes}, {@code 0777} or
 * {@code 1e3} are the mappers' to read, never guessed here. Every refusal is a 400 on {@code body}.
 */
public final class YamlDocuments {

    static final int MAX_DEPTH = 64;
    static final int MAX_DOCUMENTS = 1000;
    static final int MAX_CODE_POINTS = 2 << 20;
    private static final String FIELD = "body";

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private YamlDocuments() {
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        return options;
    }

    /** The stream's documents in order; an empty document ({@code ---} alone) is a null node. */
    public static List<JsonNode> read(String text) {
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) FACTORY.createParser(new StringReader(text))) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (documents.size() == MAX_DOCUMENTS) {
                    throw refused("more than " + MAX_DOCUMENTS + " documents");
                }
                documents.add(value(parser, token, 1));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ValidationException refusal) {
                throw refusal;
            }
            throw refused("not YAML: " + reason(e));
        }
        return documents;
    }

    private static JsonNode value(YAMLParser parser, JsonToken token, int depth) throws IOException {
        if (parser.isCurrentAlias()) {
            throw refused("YAML aliases (*" + parser.getText() + ") are not accepted: write the value out where it is used,"
                    + " at line " + parser.currentTokenLocation().getLineNr());
        }
        if (depth > MAX_DEPTH) {
            throw refused("nested deeper than " + MAX_DEPTH + " levels");
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String key = parser.currentName();
                    object.set(key, value(parser, parser.nextToken(), depth + 1));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(value(parser, next, depth + 1));
                }
                yield array;
            }
            case VALUE_NULL -> nodes.nullNode();
            default -> nodes.textNode(parser.getText());
        };
    }

    /** The parser's own words, first line only, without the source excerpt SnakeYAML appends. */
    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String first = message.lines().findFirst().orElse(message).strip();
        return first.length() > 300 ? first.substring(0, 300) + "…" : first;
    }

    private static ValidationException refused(String why) {
        return new ValidationException("Import refused, nothing was changed", FIELD, why);
    }
}
