package io.pendule.backup.boundary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pendule.api.control.JsonProblem;
import io.pendule.api.control.StrictJson;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.backup.control.StateDocumentReader;
import io.pendule.backup.control.StateExport;
import io.pendule.backup.control.StateImport;
import io.pendule.backup.entity.ImportMode;
import io.pendule.backup.entity.ImportedState;
import io.pendule.backup.entity.StateDiff;
import io.pendule.cluster.control.ClusterSettings;
import io.pendule.jobs.control.JobJson;
import io.pendule.jobs.control.JobJsonReader;
import io.pendule.jobs.control.JobCatalog;
import io.pendule.jobs.control.JobQuery;
import io.pendule.jobs.entity.Job;
import io.pendule.platform.Json;
import io.pendule.security.control.AuditLog;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.AuditEvent;
import io.pendule.security.entity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The export document and the import of one, for the API and the dashboard alike: the jobs in the jobs API's own JSON
 * ({@link JobJson}, read back by {@link JobJsonReader}, so that Dkron's restore takes the jobs part), the rest from
 * {@link StateExport}; an import read whole and checked before {@link StateImport} changes anything.
 */
@ApplicationScoped
public class StateDocuments {

    @Inject
    JobCatalog catalog;
    @Inject
    StateExport export;
    @Inject
    StateImport imports;
    @Inject
    ClusterSettings settings;
    @Inject
    AuditLog audit;
    @Inject
    InstantSource time;

    /** The whole state as one document, for {@code caller} (an admin); the export is audited. */
    public ObjectNode export(Identity caller) {
        ObjectNode document = export.document(caller, () -> jobs(caller), time.instant());
        Map<String, Object> counts = new LinkedHashMap<>();
        document.fields().forEachRemaining(field -> {
            if (field.getValue().isArray()) {
                counts.put(field.getKey(), field.getValue().size());
            }
        });
        audit.alone(caller, AuditAction.STATE_EXPORT, "state", AuditEvent.Outcome.ALLOWED, counts);
        return document;
    }

    /** Every job as GET /v1/jobs gives it, by name. */
    ArrayNode jobs(Identity caller) {
        JobCatalog.Page page = catalog.find(JobQuery.all());
        ArrayNode jobs = Json.MAPPER.createArrayNode();
        page.jobs().stream().sorted(Comparator.comparing(Job::getName))
                .map(job -> JobJson.of(job, page.children().getOrDefault(job.getName(), List.of())).shownTo(caller))
                .forEach(json -> jobs.add(Json.MAPPER.valueToTree(json)));
        return jobs;
    }

    /**
     * Imports the document {@code body} (or only tells what it would do, {@code dryRun}); 400 naming every problem,
     * nothing changed, when it is not JSON, not a document of this version, or any of its things is refused.
     */
    public StateDiff importState(Identity caller, String body, ImportMode mode, boolean dryRun) {
        JsonNode document = tree(body);
        ImportedState state = StateDocumentReader.read(document, settings.all().keySet());
        List<Job> definitions = definitions(document.get("jobs"));
        if (dryRun) {
            return imports.preview(caller, document, mode, () -> current(caller));
        }
        return imports.apply(caller, document, state, definitions, mode, () -> current(caller));
    }

    /** The state as an export gives it, without auditing it (what an import compares with). */
    private JsonNode current(Identity caller) {
        return export.document(caller, () -> jobs(caller), time.instant());
    }

    private static JsonNode tree(String body) {
        try {
            return StrictJson.treeWithLongTexts(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            FieldError problem = JsonProblem.of(e);
            throw new ValidationException("Import refused, nothing was changed", "body", "is not JSON: " + problem.message());
        }
    }

    /** The jobs of the document as the jobs API reads them, every problem at once ("jobs[3].schedule"). */
    static List<Job> definitions(JsonNode jobs) {
        List<Job> definitions = new ArrayList<>();
        List<FieldError> problems = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            String at = "jobs[" + i + "]";
            if (!jobs.get(i).isObject()) {
                problems.add(new FieldError(at, "must be an object, a job as GET /v1/jobs gives it"));
                continue;
            }
            try {
                definitions.add(JobJsonReader.toDefinition(JobJsonReader.parse(jobs.get(i))));
            } catch (ValidationException e) {
                e.errors().forEach(p -> problems.add(new FieldError(at + "." + p.field(), p.message())));
            } catch (UncheckedIOException e) {
                FieldError problem = JsonProblem.of(e);
                problems.add(new FieldError(at + "." + problem.field(), problem.message()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("Import refused, nothing was changed", problems);
        }
        return definitions;
    }

    /** The diff as the API answers it: {"dry_run", "mode", "changes": {kind: {added, changed, removed}}}. */
    public static ObjectNode json(StateDiff diff, ImportMode mode, boolean dryRun) {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("dry_run", dryRun);
        answer.put("mode", mode.code());
        ObjectNode changes = answer.putObject("changes");
        diff.kinds().forEach((kind, kindDiff) -> {
            ObjectNode one = changes.putObject(kind);
            one.set("added", Json.MAPPER.valueToTree(kindDiff.added()));
            one.set("changed", Json.MAPPER.valueToTree(kindDiff.changed()));
            one.set("removed", Json.MAPPER.valueToTree(kindDiff.removed()));
        });
        return answer;
    }

}
