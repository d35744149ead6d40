package io.pendule.jobs.boundary;

import io.pendule.jobs.control.JobJsonReader;
import jakarta.ws.rs.core.Context;
import jakarta.servlet.http.HttpServletRequest;
import io.pendule.security.control.Callers;
import io.pendule.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.jobs.control.JobService;
import io.pendule.jobs.entity.Job;
import io.pendule.api.entity.FieldError;
import io.pendule.api.control.JsonProblem;
import io.pendule.api.control.StrictJson;
import io.pendule.api.entity.ValidationException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Dkron's /v1/restore: a multipart field "file" holding a JSON array of jobs, as GET /v1/jobs gives them. The file is
 * read as a stream, one job at a time (never whole, as text or as a tree), up to 16 MiB (api.boundary.BodyLimit). All
 * or nothing: every job is checked before any is stored. Answers Dkron's lines as a JSON array of strings, the form
 * its OpenAPI document gives (Dkron itself sends that array encoded a second time, as one string).
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
        List<Job> definitions;
        try (InputStream content = file.getContent()) {
            definitions = definitions(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jobs.restore(definitions, Callers.of(request));
    }

    /** The jobs of the file, read one by one; refused, naming each bad job's fields, if any is wrong. */
    static List<Job> definitions(InputStream content) throws IOException {
        List<Job> definitions = new ArrayList<>();
        List<FieldError> problems = new ArrayList<>();
        try (JsonParser parser = StrictJson.parser(content)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new ValidationException("Restore refused", "file", "must hold a JSON array of jobs");
            }
            for (int i = 0; next(parser) != JsonToken.END_ARRAY; i++) {
                JsonNode job = parser.readValueAsTree();
                try {
                    definitions.add(JobJsonReader.toDefinition(JobJsonReader.parse(job)));
                } catch (ValidationException e) {
                    String at = "[" + i + "]";
                    e.errors().forEach(p -> problems.add(new FieldError(at + "." + p.field(), p.message())));
                } catch (UncheckedIOException e) {
                    FieldError problem = JsonProblem.of(e);
                    problems.add(new FieldError("[" + i + "]." + problem.field(), problem.message()));
                }
            }
            if (parser.nextToken() != null) {
                throw new ValidationException("Restore refused", "file", "is not JSON: text after the array of jobs");
            }
        } catch (JsonProcessingException e) {
            FieldError problem = JsonProblem.of(e);
            String where = problem.field().equals("body") ? "" : " (at " + problem.field() + ")";
            throw new ValidationException("Restore refused", "file", "is not JSON: " + problem.message() + where);
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("Restore refused, nothing was changed", problems);
        }
        return definitions;
    }

    private static JsonToken next(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new ValidationException("Restore refused", "file", "is not JSON: the array of jobs is not closed");
        }
        return token;
    }
}
