package io.pendule.packs.control;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.endpoints.entity.EndpointSlug;
import io.pendule.packs.entity.MatrixNames;
import io.pendule.packs.entity.PackConfigId;
import io.pendule.packs.entity.PackConfigScope;
import io.pendule.packs.entity.PackType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads the id of a pack configuration, {@code pack:version} or {@code pack:slug} (docs/packs-matrix.md): the
 * {@code type} (metric or rule: HDM keeps them in two tables) is required; the {@code scope} (version or endpoint)
 * says which the second part is, and when it is not given: an existing endpoint's slug is an endpoint, a text no slug
 * can be (with '.', '+' or an upper-case letter: 1.0.2) a version, anything else is refused with the advice to say.
 */
public final class PackConfigIds {

    private PackConfigIds() {
    }

    public static PackConfigId parse(String type, String idConfig, String scope, Predicate<String> endpointExists) {
        List<FieldError> errors = new ArrayList<>();
        Optional<PackType> packType = PackType.ofCode(type == null ? "" : type);
        if (packType.isEmpty()) {
            errors.add(new FieldError("type", "required: metric or rule"));
        }
        Optional<PackConfigScope> asked = Optional.empty();
        if (scope != null && !scope.isEmpty()) {
            asked = PackConfigScope.ofCode(scope);
            if (asked.isEmpty()) {
                errors.add(new FieldError("scope", "version or endpoint"));
            }
        }
        int colon = idConfig == null ? -1 : idConfig.indexOf(':');
        if (colon < 0) {
            errors.add(new FieldError("id_config", "pack:version or pack:slug"));
            throw new ValidationException("Pack configuration refused", errors);
        }
        String pack = idConfig.substring(0, colon);
        String target = idConfig.substring(colon + 1);
        MatrixNames.packProblem(pack).ifPresent(problem -> errors.add(new FieldError("id_config", problem)));
        if (!errors.isEmpty()) {
            throw new ValidationException("Pack configuration refused", errors);
        }
        PackConfigScope chosen = asked.orElseGet(() -> inferred(target, endpointExists));
        if (chosen == PackConfigScope.ENDPOINT && !EndpointSlug.valid(target)) {
            throw new ValidationException("Pack configuration refused", "id_config", "after the pack, an endpoint's slug: "
                    + EndpointSlug.problem(target).orElse(""));
        }
        if (chosen == PackConfigScope.VERSION && !MatrixNames.validVersion(target)) {
            throw new ValidationException("Pack configuration refused", "id_config", "after the pack, a version: 1 to 255 "
                    + "letters, digits, '.', '_', '+' and '-'");
        }
        return new PackConfigId(packType.get(), pack, chosen, target);
    }

    private static PackConfigScope inferred(String target, Predicate<String> endpointExists) {
        if (EndpointSlug.valid(target) && endpointExists.test(target)) {
            return PackConfigScope.ENDPOINT;
        }
        if (MatrixNames.onlyAVersion(target)) {
            return PackConfigScope.VERSION;
        }
        throw new ValidationException("Pack configuration refused", "id_config", "after the pack, neither an existing "
                + "endpoint's slug nor a version with a '.': say which with ?scope=endpoint or ?scope=version");
    }
}
