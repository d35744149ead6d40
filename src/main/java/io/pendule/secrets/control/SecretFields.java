package io.pendule.secrets.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.pendule.platform.Json;
import io.pendule.secrets.entity.MalformedReference;
import io.pendule.secrets.entity.ReferenceProblem;
import io.pendule.secrets.entity.SecretReference;
import io.pendule.secrets.entity.SecretUnavailable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which keys of an executor_config may hold secret references, and how each is resolved: the http executor's
 * {@code url}, {@code headers} (each header of the JSON array, so that a value never breaks the JSON) and {@code body};
 * the shell executor's {@code env} values (item by item). A shell {@code command} never takes one: a secret spliced
 * into a command line would be parsed by the shell and shown in the process list; it goes through {@code env}.
 * A pack job's {@code endpoint_credentials}: not a key of the job (the pack executor refuses it there) but the
 * endpoint's credentials reference, added to each execution's config by the executor for its endpoint, and so resolved
 * and masked by the runner as any other.
 * A reference anywhere else is refused when the job is saved, rather than sent as written.
 */
public final class SecretFields {

    /** The key of a pack execution's config that carries its endpoint's credentials reference. */
    public static final String PACK_CREDENTIALS = "endpoint_credentials";
    static final Map<String, Set<String>> READ = Map.of("http", Set.of("url", "headers", "body"), "shell", Set.of("env"),
            "pack", Set.of(PACK_CREDENTIALS));
    static final String HEADERS = "headers";
    static final String ENV = "env";
    private static final String PLACEHOLDER = "secret";
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() {
    };

    private SecretFields() {
    }

    /** Every reference refused in {@code config}: malformed, or in a key that does not read references. */
    public static List<ReferenceProblem> problemsOf(String executor, Map<String, String> config) {
        return problemsOf(executor, config, reference -> Optional.empty());
    }

    /** As {@link #problemsOf(String, Map)}, also refusing each well-formed reference {@code refused} has a reason for. */
    public static List<ReferenceProblem> problemsOf(String executor, Map<String, String> config,
                                                    Function<SecretReference, Optional<String>> refused) {
        Function<SecretReference, String> check = reference -> {
            refused.apply(reference).ifPresent(reason -> {
                throw new MalformedReference(reason);
            });
            return PLACEHOLDER;
        };
        List<ReferenceProblem> problems = new ArrayList<>();
        Set<String> read = READ.getOrDefault(executor, Set.of());
        for (Map.Entry<String, String> entry : config.entrySet()) {
            String key = entry.getKey();
            if (read.contains(key)) {
                try {
                    resolve(executor, key, entry.getValue(), check);
                } catch (MalformedReference e) {
                    problems.add(new ReferenceProblem(key, e.getMessage()));
                }
            } else if (entry.getValue() != null && SecretTemplates.mentionsSecrets(entry.getValue())) {
                problems.add(new ReferenceProblem(key, notReadHere(executor, key)));
            }
        }
        return problems;
    }

    /** The references of the keys that read them; the malformed ones left out ({@link #problemsOf} reports them). */
    public static List<SecretReference> referencesOf(String executor, Map<String, String> config) {
        List<SecretReference> found = new ArrayList<>();
        for (String key : READ.getOrDefault(executor, Set.of())) {
            try {
                resolve(executor, key, config.get(key), reference -> {
                    found.add(reference);
                    return PLACEHOLDER;
                });
            } catch (MalformedReference e) {
                // reported by problemsOf
            }
        }
        return found;
    }

    /** The config with each reference replaced by a sample value, for the executor's own checks at save time. */
    public static Map<String, String> withPlaceholders(String executor, Map<String, String> config) {
        Map<String, String> sample = new LinkedHashMap<>(config);
        for (String key : READ.getOrDefault(executor, Set.of())) {
            try {
                sample.computeIfPresent(key, (k, value) -> resolve(executor, k, value, reference -> PLACEHOLDER));
            } catch (MalformedReference e) {
                // kept as written: problemsOf reports it
            }
        }
        return sample;
    }

    /** The config the executor runs with: every reference replaced by {@code values}' answer. Never stored, never logged. */
    public static Map<String, String> resolved(String executor, Map<String, String> config,
                                               Function<SecretReference, String> values) {
        Map<String, String> resolved = new LinkedHashMap<>(config);
        for (String key : READ.getOrDefault(executor, Set.of())) {
            try {
                resolved.computeIfPresent(key, (k, value) -> resolve(executor, k, value, values));
            } catch (MalformedReference e) {
                throw new SecretUnavailable("executor_config." + key + ": " + e.getMessage());
            }
        }
        return resolved;
    }

    private static String resolve(String executor, String key, String value, Function<SecretReference, String> values) {
        if (value == null || !value.contains("${")) {
            return value; // no reference and no escape: every run passes here, most without a secret
        }
        if (executor.equals("http") && key.equals(HEADERS)) {
            return headers(value, values);
        }
        if (executor.equals("shell") && key.equals(ENV)) {
            return env(value, values);
        }
        return SecretTemplates.resolve(value, values);
    }

    /** Each header of the JSON array resolved alone; text that is no such array is left to the executor to refuse. */
    private static String headers(String json, Function<SecretReference, String> values) {
        Optional<List<Object>> items = jsonArray(json);
        if (items.isEmpty()) {
            SecretTemplates.references(json);
            return json;
        }
        List<Object> resolved = new ArrayList<>();
        for (Object item : items.get()) {
            resolved.add(item instanceof String text ? SecretTemplates.resolve(text, values) : item);
        }
        return Json.write(resolved);
    }

    /** Dkron's "K1=v1,K2=v2": a reference goes in a value only, and a value with a comma would split into two items. */
    private static String env(String text, Function<SecretReference, String> values) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            int equals = item.indexOf('=');
            String name = equals < 0 ? item : item.substring(0, equals);
            if (SecretTemplates.mentionsSecrets(name)) {
                throw new MalformedReference("a secret reference goes in a value, NAME=${secret:SECRET}, not in a name");
            }
            if (equals < 0) {
                items.add(item);
                continue;
            }
            items.add(name + "=" + SecretTemplates.resolve(item.substring(equals + 1), reference -> {
                String value = values.apply(reference);
                if (value.contains(",")) {
                    throw new SecretUnavailable("secret " + reference.name() + " holds a comma, which the shell executor's env "
                            + "cannot carry (its items are separated by commas)");
                }
                return value;
            }));
        }
        return String.join(",", items);
    }

    private static Optional<List<Object>> jsonArray(String json) {
        try {
            return Optional.ofNullable(Json.MAPPER.readValue(json, LIST));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String notReadHere(String executor, String key) {
        if (executor.equals("shell") && key.equals("command")) {
            return "secret references are not read in command: put the secret in env (NAME=${secret:SECRET}) and read "
                    + "$NAME in the command (with shell true) or in the program";
        }
        if (executor.equals("pack")) {
            return "a pack job holds no secret references: an endpoint's credentials are given by the endpoint "
                    + "(\"credentials\": \"${secret:NAME}\", /v1/endpoints) and reach the pack as PENDULE_ENDPOINT_CREDENTIALS";
        }
        Set<String> read = READ.getOrDefault(executor, Set.of());
        return read.isEmpty() ? "the " + executor + " executor reads no secret references"
                : "secret references are read only in " + String.join(", ", read.stream().sorted().toList());
    }
}
