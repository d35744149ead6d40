package io.pendule.backup.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.backup.entity.ImportedState;
import io.pendule.backup.entity.StateKind;
import io.pendule.endpoints.entity.EndpointDraft;
import io.pendule.packs.entity.Activation;
import io.pendule.packs.entity.PackConfigId;
import io.pendule.packs.entity.PackConfigScope;
import io.pendule.packs.entity.PackType;
import io.pendule.secrets.entity.Sealed;
import io.pendule.security.control.ApiTokens;
import io.pendule.security.entity.ApiToken;
import io.pendule.security.entity.AppUser;
import io.pendule.security.entity.Role;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads a document to import: its version, the shape of every kind (arrays of objects with exactly the export's
 * fields), each item's fields, keys given once. Every problem at once, by field ("packs[2].archive"); the jobs' own
 * fields are left to the jobs' reader. Nothing here touches the database.
 */
public final class StateDocumentReader {

    /** The version of the document this Pendule writes and reads. */
    public static final int VERSION = 1;
    static final Set<String> ROOT = Set.of("version", "exported_at", "jobs", "packs", "endpoints", "activations",
            "pack_configs", "users", "tokens", "secrets", "settings");

    private final List<FieldError> errors = new ArrayList<>();
    private final Instant now;

    private StateDocumentReader(Instant now) {
        this.now = now;
    }

    /** The document's state; 400 naming every problem when it is not a version-1 document as export writes it. */
    public static ImportedState read(JsonNode document, Set<String> settingNames) {
        return new StateDocumentReader(Instant.now()).state(document, settingNames);
    }

    private ImportedState state(JsonNode document, Set<String> settingNames) {
        if (document == null || !document.isObject()) {
            throw refused(List.of(new FieldError("body", "must be a JSON object, as GET /v1/export gives it")));
        }
        if (!document.path("version").isInt() || document.path("version").intValue() != VERSION) {
            throw refused(List.of(new FieldError("version", "must be " + VERSION + ", the version of document this Pendule reads"
                    + " (found " + document.path("version") + ")")));
        }
        document.fieldNames().forEachRemaining(name -> {
            if (!ROOT.contains(name)) {
                errors.add(new FieldError(name, "unknown field"));
            }
        });
        if (document.has("exported_at") && !document.get("exported_at").isTextual()) {
            errors.add(new FieldError("exported_at", "must be a text"));
        }
        for (StateKind kind : StateKind.values()) {
            JsonNode array = document.get(kind.field());
            if (array == null || !array.isArray()) {
                errors.add(new FieldError(kind.field(), "required: an array (empty when there is none)"));
            } else {
                uniqueKeys(kind, array);
                if (kind != StateKind.JOBS) {
                    for (int i = 0; i < array.size(); i++) {
                        if (!array.get(i).isObject()) {
                            errors.add(new FieldError(kind.field() + "[" + i + "]", "must be an object"));
                        }
                    }
                }
            }
        }
        ImportedState state = new ImportedState(
                list(document, "packs", this::pack), list(document, "endpoints", this::endpoint),
                list(document, "activations", this::activation), list(document, "pack_configs", this::packConfig),
                list(document, "users", this::user), list(document, "tokens", this::token),
                list(document, "secrets", this::secret), settings(document.get(StateKind.SETTINGS), settingNames));
        if (!errors.isEmpty()) {
            throw refused(errors);
        }
        return state;
    }

    private static ValidationException refused(List<FieldError> problems) {
        return new ValidationException("Import refused, nothing was changed", problems);
    }

    private void uniqueKeys(StateKind kind, JsonNode array) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).isObject() && !seen.add(kind.keyOf(array.get(i)))) {
                errors.add(new FieldError(kind.field() + "[" + i + "]", kind.keyOf(array.get(i)) + " is given twice"));
            }
        }
    }

    private <T> List<T> list(JsonNode document, String field, Function<Item, T> reader) {
        JsonNode array = document.get(field);
        List<T> items = new ArrayList<>();
        if (array == null || !array.isArray()) {
            return items;
        }
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).isObject()) {
                T item = reader.apply(new Item(field + "[" + i + "]", array.get(i)));
                if (item != null) {
                    items.add(item);
                }
            }
        }
        return items;
    }

    private ImportedState.PackArchive pack(Item item) {
        item.only("name", "version", "type", "sha256", "archive");
        String name = item.text("name");
        String version = item.text("version");
        PackType type = item.code("type", PackType::ofCode, "metric or rule");
        String sha256 = item.text("sha256");
        byte[] archive = item.base64("archive");
        return new ImportedState.PackArchive(name, version, type, sha256, archive);
    }

    private EndpointDraft endpoint(Item item) {
        item.only("slug", "name", "kind", "url", "credentials");
        return new EndpointDraft(item.text("slug"), item.nullableText("name"), item.text("kind"), item.text("url"),
                item.nullableText("credentials"));
    }

    private Activation activation(Item item) {
        item.only("type", "pack", "slug");
        return new Activation(item.code("type", PackType::ofCode, "metric or rule"), item.text("pack"), item.text("slug"));
    }

    private ImportedState.PackConfig packConfig(Item item) {
        item.only("type", "pack", "scope", "target", "config");
        PackType type = item.code("type", PackType::ofCode, "metric or rule");
        PackConfigScope scope = item.code("scope", PackConfigScope::ofCode, "version or endpoint");
        return new ImportedState.PackConfig(new PackConfigId(type, item.text("pack"), scope, item.text("target")),
                item.text("config"));
    }

    private AppUser user(Item item) {
        item.only("name", "password_hash", "role", "disabled", "must_change_password", "signs_in_with");
        String signsInWith = item.text("signs_in_with");
        if (signsInWith != null && !signsInWith.equals(AppUser.PASSWORD) && !signsInWith.equals(AppUser.PROVIDER)) {
            item.problem("signs_in_with", "one of " + AppUser.PASSWORD + ", " + AppUser.PROVIDER);
        }
        return AppUser.restored(item.text("name"), item.nullableText("password_hash"),
                role(item), item.bool("disabled"),
                item.bool("must_change_password"), AppUser.PROVIDER.equals(signsInWith), now);
    }

    private ApiToken token(Item item) {
        item.only("id", "name", "owner", "role", "secret_sha256", "created_at", "expires_at", "revoked_at");
        if (ApiTokens.BOOTSTRAP.equals(item.node.path("id").asText())) {
            item.problem("id", "the token of PENDULE_ADMIN_TOKEN is each node's own configuration: it is neither exported nor imported");
        }
        return ApiToken.restored(item.text("id"), item.text("name"), item.text("owner"),
                role(item), item.text("secret_sha256"),
                item.instant("created_at", false), item.instant("expires_at", true), item.instant("revoked_at", true));
    }

    /** The item's role; a wrong one is a problem, and reads as viewer meanwhile (the document is refused anyway). */
    private static Role role(Item item) {
        Role role = item.code("role", Role::of, "one of viewer, operator, admin");
        return role == null ? Role.VIEWER : role;
    }

    private ImportedState.SealedSecret secret(Item item) {
        item.only("name", "ciphertext", "iv", "key_id");
        return new ImportedState.SealedSecret(item.text("name"),
                new Sealed(item.base64("ciphertext"), item.base64("iv"), item.text("key_id")));
    }

    private Map<String, Boolean> settings(JsonNode settings, Set<String> names) {
        Map<String, Boolean> values = new TreeMap<>();
        if (settings == null || !settings.isObject()) {
            errors.add(new FieldError(StateKind.SETTINGS, "required: an object of settings (true or false)"));
            return values;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = settings.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = StateKind.SETTINGS + "." + field.getKey();
            if (!names.contains(field.getKey())) {
                errors.add(new FieldError(at, "unknown setting: one of " + String.join(", ", new java.util.TreeSet<>(names))));
            } else if (!field.getValue().isBoolean()) {
                errors.add(new FieldError(at, "must be true or false"));
            } else {
                values.put(field.getKey(), field.getValue().booleanValue());
            }
        }
        return values;
    }

    /** One item of a kind, its problems added under its path. */
    private final class Item {
        private final String path;
        private final JsonNode node;

        Item(String path, JsonNode node) {
            this.path = path;
            this.node = node;
        }

        void problem(String field, String message) {
            errors.add(new FieldError(path + "." + field, message));
        }

        void only(String... fields) {
            List<String> known = Arrays.asList(fields);
            node.fieldNames().forEachRemaining(name -> {
                if (!known.contains(name)) {
                    problem(name, "unknown field");
                }
            });
        }

        String text(String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
                problem(field, "required: a text");
                return null;
            }
            return value.textValue();
        }

        String nullableText(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                problem(field, "must be a text or null");
                return null;
            }
            return value.textValue();
        }

        boolean bool(String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isBoolean()) {
                problem(field, "required: true or false");
                return false;
            }
            return value.booleanValue();
        }

        <C> C code(String field, Function<String, Optional<C>> ofCode, String expected) {
            String text = text(field);
            if (text == null) {
                return null;
            }
            Optional<C> code = ofCode.apply(text);
            if (code.isEmpty()) {
                problem(field, expected);
            }
            return code.orElse(null);
        }

        byte[] base64(String field) {
            String text = text(field);
            if (text == null) {
                return new byte[0];
            }
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                problem(field, "must be base64");
                return new byte[0];
            }
        }

        Instant instant(String field, boolean nullable) {
            String text = nullable ? nullableText(field) : text(field);
            if (text == null) {
                return null;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                problem(field, "must be an instant such as 2026-01-31T12:00:00Z");
                return null;
            }
        }
    }
}
