package io.pendule.endpoints.control;

import io.pendule.api.entity.FieldError;
import io.pendule.endpoints.entity.EndpointDraft;
import io.pendule.endpoints.entity.EndpointKind;
import io.pendule.endpoints.entity.EndpointSlug;
import io.pendule.secrets.control.SecretTemplates;
import io.pendule.secrets.entity.MalformedReference;
import io.pendule.secrets.entity.SecretReference;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every rule of an endpoint, all problems at once, each naming its field: the slug ({@link EndpointSlug}), a name, a
 * known kind ({@link EndpointKind}), a url without credentials ({@link UrlCredentials}) and credentials that are one
 * secret reference, never a value. Messages never repeat what the url or the credentials hold.
 */
public final class EndpointRules {

    public static final int MAX_NAME = 200;
    public static final int MAX_URL = 2000;
    public static final int MAX_CREDENTIALS = 600;
    static final String CREDENTIALS_GO_ELSEWHERE = "put credentials in \"credentials\" as a secret reference such as "
            + "${secret:db1-password} (store the value with POST /v1/secrets)";
    static final String NOT_A_REFERENCE = "must be a secret reference such as ${secret:db1-password}; store the value "
            + "with POST /v1/secrets";

    private EndpointRules() {
    }

    /**
     * The problems of {@code draft}; {@code referenceProblem} says what is wrong with a well-formed reference on this
     * node (a provider not configured), as SecretResolver.problemOfText does.
     */
    public static List<FieldError> problems(EndpointDraft draft, Function<String, Optional<String>> referenceProblem) {
        List<FieldError> errors = new ArrayList<>();
        EndpointSlug.problem(draft.slug()).ifPresent(problem -> errors.add(new FieldError("slug", problem)));
        if (draft.name() != null && (draft.name().length() > MAX_NAME || hasControl(draft.name()))) {
            errors.add(new FieldError("name", "at most " + MAX_NAME + " characters, without control characters"));
        }
        if (draft.kind() == null || draft.kind().isEmpty()) {
            errors.add(new FieldError("kind", "required: one of " + String.join(", ", EndpointKind.KNOWN)));
        } else if (!EndpointKind.known(draft.kind())) {
            errors.add(new FieldError("kind", "unknown kind: use one of " + String.join(", ", EndpointKind.KNOWN)));
        }
        urlProblem(draft.url()).ifPresent(problem -> errors.add(new FieldError("url", problem)));
        credentialsProblem(draft.credentials(), referenceProblem).ifPresent(problem -> errors.add(new FieldError("credentials", problem)));
        return errors;
    }

    static Optional<String> urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("required: the connection string or URL, without credentials");
        }
        if (url.length() > MAX_URL || hasControl(url)) {
            return Optional.of("at most " + MAX_URL + " characters, without control characters");
        }
        return UrlCredentials.found(url).map(found -> "must not hold credentials, and holds " + found + ": "
                + CREDENTIALS_GO_ELSEWHERE);
    }

    static Optional<String> credentialsProblem(String credentials, Function<String, Optional<String>> referenceProblem) {
        if (credentials == null || credentials.isEmpty()) {
            return Optional.empty();
        }
        if (credentials.length() > MAX_CREDENTIALS) {
            return Optional.of("at most " + MAX_CREDENTIALS + " characters: " + NOT_A_REFERENCE);
        }
        List<SecretReference> references;
        try {
            references = SecretTemplates.references(credentials);
        } catch (MalformedReference malformed) {
            return Optional.of(malformed.getMessage());
        }
        if (references.size() != 1 || !SecretTemplates.resolve(credentials, reference -> "").isEmpty()) {
            return Optional.of(NOT_A_REFERENCE);
        }
        return referenceProblem.apply(credentials);
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
