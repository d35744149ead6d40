package io.pendule.jobs.boundary;

import jakarta.ws.rs.core.Context;
import jakarta.servlet.http.HttpServletRequest;
import io.pendule.security.control.Callers;
import io.pendule.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.jobs.control.JobService;
import io.pendule.jobs.entity.Job;
import io.pendule.api.entity.FieldError;
import io.pendule.api.control.JsonProblem;
import io.pendule.api.entity.ValidationException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Dkron's /v1/restore: a multipart field "file" holding a JSON array of jobs, as GET /v1/jobs gives them. All or
 * nothing: every job is checked before any is stored. Answers Dkron's lines as a JSON array of strings, the
 * form its OpenAPI document gives (Dkron itself sends that array encoded a second time, as one string).
 */
@Path("restore")
@Produces(MediaType.APPLICATION_JSON)
public class RestoreResource {

    @Context
    HttpServletRequest request;
    @Inject
    JobService jobs;

    @RolesAllowed(Role.OPERATOR_NAME)
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public List<String> restore(List<EntityPart> parts) {
        EntityPart file = parts.stream().filter(p -> p.getName().equals("file")).findFirst()
                .orElseThrow(() -> new ValidationException("Restore refused", "file",
                        "a multipart field named file holding a JSON array of jobs is required"));
        return jobs.restore(definitions(read(file)), Callers.of(request));
    }

    private static String read(EntityPart file) {
        try {
            return file.getContent(String.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Job> definitions(String content) {
        JsonNode array;
        try {
            array = JobJsonReader.tree(content.isBlank() ? "null" : content);
        } catch (UncheckedIOException e) {
            throw new ValidationException("Restore refused", "file", "is not JSON: " + JsonProblem.of(e).message());
        }
        if (!array.isArray()) {
            throw new ValidationException("Restore refused", "file", "must hold a JSON array of jobs");
        }
        List<Job> definitions = new ArrayList<>();
        List<FieldError> problems = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            try {
                definitions.add(JobJsonReader.toDefinition(JobJsonReader.parse(array.get(i))));
            } catch (ValidationException e) {
                String at = "[" + i + "]";
                e.errors().forEach(p -> problems.add(new FieldError(at + "." + p.field(), p.message())));
            } catch (UncheckedIOException e) {
                FieldError problem = JsonProblem.of(e);
                problems.add(new FieldError("[" + i + "]." + problem.field(), problem.message()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("Restore refused, nothing was changed", problems);
        }
        return definitions;
    }
}
