package io.pendule.backup.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.api.entity.ConflictException;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.NotFoundException;
import io.pendule.api.entity.ValidationException;
import io.pendule.backup.entity.ImportMode;
import io.pendule.backup.entity.ImportedState;
import io.pendule.backup.entity.KindDiff;
import io.pendule.backup.entity.StateDiff;
import io.pendule.backup.entity.StateKind;
import io.pendule.cluster.control.ClusterSettings;
import io.pendule.endpoints.control.Endpoints;
import io.pendule.endpoints.entity.EndpointDraft;
import io.pendule.jobs.control.JobService;
import io.pendule.jobs.entity.Job;
import io.pendule.packs.control.Activations;
import io.pendule.packs.control.PackConfigs;
import io.pendule.packs.control.PackRegistry;
import io.pendule.packs.entity.Activation;
import io.pendule.packs.entity.PackConfigId;
import io.pendule.packs.entity.PackConfigScope;
import io.pendule.packs.entity.PackType;
import io.pendule.packs.entity.PackVersion;
import io.pendule.secrets.control.SecretStore;
import io.pendule.security.control.ApiTokens;
import io.pendule.security.control.AuditLog;
import io.pendule.security.control.Users;
import io.pendule.security.entity.ApiToken;
import io.pendule.security.entity.AppUser;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.Identity;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Imports a document (docs/operations.md, "Export and import") through each kind's owner, all in this bean's one JTA
 * transaction: the owners' EJB methods join it, their JDBC statements and the entity manager share its connection,
 * and the first refusal rolls everything back. Adds and changes go up the dependencies (users before their tokens,
 * endpoints and packs before what names them, jobs last); removals, in replace mode only, go down them. The importing
 * admin and the token they use are never removed. Each owner audits its changes; the import is one more event.
 */
@Stateless
public class StateImport {

    static final String REFUSED = "Import refused, nothing was changed";

    @PersistenceContext
    EntityManager em;
    @Inject
    JobService jobs;
    @Inject
    PackRegistry packs;
    @Inject
    Endpoints endpoints;
    @Inject
    Activations activations;
    @Inject
    PackConfigs configs;
    @Inject
    Users users;
    @Inject
    ApiTokens tokens;
    @Inject
    SecretStore secrets;
    @Inject
    ClusterSettings settings;
    @Inject
    AuditLog audit;

    /** What importing {@code document} would do, changing nothing; {@code current} is the state's export now. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public StateDiff preview(Identity caller, JsonNode document, ImportMode mode, Supplier<JsonNode> current) {
        return StateDiffs.between(current.get(), document, mode, kept(caller));
    }

    /** Imports {@code document} ({@code state} and {@code definitions} read from it), all or nothing; returns what it did. */
    public StateDiff apply(Identity caller, JsonNode document, ImportedState state, List<Job> definitions, ImportMode mode,
                           Supplier<JsonNode> current) {
        JsonNode before = current.get();
        StateDiff diff = StateDiffs.between(before, document, mode, kept(caller));
        addAndChange(caller, state, definitions, diff);
        if (mode == ImportMode.REPLACE) {
            remove(caller, before, diff);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", mode.code());
        details.put("exported_at", document.path("exported_at").asText(null));
        details.putAll(diff.counts());
        audit.record(caller, AuditAction.STATE_IMPORT, "state", details);
        return diff;
    }

    static Map<StateKind, Set<String>> kept(Identity caller) {
        Map<StateKind, Set<String>> kept = new HashMap<>();
        kept.put(StateKind.USERS, Set.of(caller.name()));
        Set<String> tokensKept = new HashSet<>(Set.of(ApiTokens.BOOTSTRAP));
        if (caller.tokenId() != null) {
            tokensKept.add(caller.tokenId());
        }
        kept.put(StateKind.TOKENS, tokensKept);
        return kept;
    }

    private void addAndChange(Identity caller, ImportedState state, List<Job> definitions, StateDiff diff) {
        for (AppUser user : touched(state.users(), AppUser::getName, diff.of("users"))) {
            step("users", user.getName(), () -> users.restore(caller, user));
        }
        for (ApiToken token : touched(state.tokens(), ApiToken::getId, diff.of("tokens"))) {
            step("tokens", token.getId(), () -> tokens.restore(caller, token));
        }
        for (ImportedState.SealedSecret secret : touched(state.secrets(), ImportedState.SealedSecret::name, diff.of("secrets"))) {
            step("secrets", secret.name(), () -> secrets.restore(caller, secret.name(), secret.sealed()));
        }
        for (EndpointDraft endpoint : touched(state.endpoints(), EndpointDraft::slug, diff.of("endpoints"))) {
            step("endpoints", endpoint.slug(), () -> endpoints.put(caller, endpoint.slug(), endpoint));
        }
        for (ImportedState.PackArchive pack : touched(state.packs(), ImportedState.PackArchive::key, diff.of("packs"))) {
            step("packs", pack.key(), () -> importPack(caller, pack));
        }
        for (ImportedState.PackConfig config : touched(state.packConfigs(), StateImport::key, diff.of("pack_configs"))) {
            step("pack_configs", key(config), () -> configs.put(caller, config.id(), config.json()));
        }
        for (Activation cell : touched(state.activations(), StateImport::key, diff.of("activations"))) {
            step("activations", key(cell), () -> activations.activate(caller, cell.type(), cell.pack(), cell.slug()));
        }
        List<Job> jobsTouched = touched(definitions, Job::getName, diff.of("jobs"));
        if (!jobsTouched.isEmpty()) {
            step("jobs", null, () -> jobs.restore(jobsTouched, caller));
        }
        KindDiff settingsDiff = diff.of(StateKind.SETTINGS);
        for (String name : settingsDiff.changed()) {
            step(StateKind.SETTINGS, name, () -> settings.set(name, state.settings().get(name)));
        }
    }

    private void importPack(Identity caller, ImportedState.PackArchive pack) {
        PackVersion imported = packs.importArchive(caller, pack.archive(), Optional.of(pack.type().code())).pack();
        if (!imported.name().equals(pack.name()) || !imported.version().equals(pack.version())
                || !imported.sha256().equals(pack.sha256())) {
            throw new ValidationException(REFUSED, "archive", "holds pack " + imported.name() + " version "
                    + imported.version() + " of sha256 " + imported.sha256() + ", not the one its fields name");
        }
    }

    private void remove(Identity caller, JsonNode before, StateDiff diff) {
        List<String> jobNames = diff.of("jobs").removed().stream()
                .sorted(Comparator.comparingInt((String name) -> jobs.find(name).map(Job::getDepth).orElse(0)).reversed())
                .toList();
        for (String name : jobNames) {
            step("jobs", name, () -> jobs.delete(name, caller));
        }
        Map<String, JsonNode> cells = StateDiffs.items(StateKind.ACTIVATIONS, before.path("activations"));
        for (String key : diff.of("activations").removed()) {
            JsonNode cell = cells.get(key);
            step("activations", key, () -> activations.deactivate(caller, type(cell), cell.path("pack").asText(),
                    cell.path("slug").asText()));
        }
        Map<String, JsonNode> stored = StateDiffs.items(StateKind.PACK_CONFIGS, before.path("pack_configs"));
        for (String key : diff.of("pack_configs").removed()) {
            JsonNode config = stored.get(key);
            PackConfigScope scope = PackConfigScope.ofCode(config.path("scope").asText()).orElseThrow();
            step("pack_configs", key, () -> configs.delete(caller, new PackConfigId(type(config), config.path("pack").asText(),
                    scope, config.path("target").asText())));
        }
        for (String key : diff.of("packs").removed()) {
            int colon = key.indexOf(':');
            step("packs", key, () -> packs.delete(caller, key.substring(0, colon), key.substring(colon + 1)));
        }
        for (String slug : diff.of("endpoints").removed()) {
            step("endpoints", slug, () -> endpoints.delete(caller, slug, true));
        }
        for (String name : diff.of("secrets").removed()) {
            step("secrets", name, () -> secrets.delete(caller, name));
        }
        for (String id : diff.of("tokens").removed()) {
            step("tokens", id, () -> tokens.remove(caller, id));
        }
        for (String name : diff.of("users").removed()) {
            step("users", name, () -> users.delete(caller, name));
        }
    }

    private static PackType type(JsonNode item) {
        return PackType.ofCode(item.path("type").asText()).orElseThrow();
    }

    /** The items of {@code diff}'s added and changed keys, in the document's order. */
    private static <T> List<T> touched(List<T> items, Function<T, String> key, KindDiff diff) {
        return items.stream().filter(item -> diff.added().contains(key.apply(item)) || diff.changed().contains(key.apply(item)))
                .toList();
    }

    private static String key(ImportedState.PackConfig config) {
        return config.id().type().code() + ":" + config.id().pack() + ":" + config.id().target();
    }

    private static String key(Activation cell) {
        return cell.type().code() + ":" + cell.pack() + ":" + cell.slug();
    }

    /**
     * One owner's change; its refusal is the import's, each field named under the kind and key it came from
     * ("endpoints[db1].url"). What the entity manager holds is written before the next owner reads by SQL.
     */
    private void step(String kind, String key, Runnable change) {
        String at = key == null ? kind : kind + "[" + key + "]";
        try {
            change.run();
            em.flush();
        } catch (ValidationException e) {
            throw new ValidationException(REFUSED, e.errors().stream()
                    .map(error -> new FieldError(at + "." + error.field(), error.message())).toList());
        } catch (ConflictException | NotFoundException e) {
            throw new ValidationException(REFUSED, at, e.getMessage());
        }
    }
}
