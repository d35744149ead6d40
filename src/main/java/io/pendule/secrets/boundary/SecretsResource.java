package io.pendule.secrets.boundary;

import io.pendule.api.control.StrictJson;
import io.pendule.api.entity.NotFoundException;
import io.pendule.secrets.control.SecretStore;
import io.pendule.security.control.Callers;
import io.pendule.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.util.List;

/**
 * /v1/secrets, an admin's: write a secret's value (never answered, by any route), list and read the names and when and
 * by whom they were written, delete. Even the names are an admin's: they tell which systems Pendule holds keys to.
 */
@Path("secrets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@RolesAllowed(Role.ADMIN_NAME)
public class SecretsResource {

    @Context
    HttpServletRequest request;
    @Inject
    SecretStore store;

    public record NewSecret(String name, String value) {
    }

    public record NewValue(String value) {
    }

    @POST
    @Operation(summary = "Store a secret: {\"name\", \"value\"}; the answer never holds the value (409 if the name is taken)")
    public Response create(@RequestBody(content = @Content(schema = @Schema(implementation = NewSecret.class))) String body) {
        NewSecret asked = StrictJson.read(body, NewSecret.class, "Secret");
        SecretJson created = SecretJson.of(store.create(Callers.of(request), asked.name(), asked.value()));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @PUT
    @Path("{name}")
    @Operation(summary = "Replace a secret's value, or store it: {\"value\"}")
    public Response replace(@PathParam("name") String name,
                            @RequestBody(content = @Content(schema = @Schema(implementation = NewValue.class))) String body) {
        NewValue asked = StrictJson.read(body, NewValue.class, "Secret");
        boolean created = store.put(Callers.of(request), name, asked.value());
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK).entity(read(name)).build();
    }

    @GET
    @Operation(summary = "The secrets' names, with when and by whom they were written; never their values")
    public Response list() {
        List<SecretJson> listed = store.all().stream().map(SecretJson::of).toList();
        return Response.ok(listed).header("X-Total-Count", listed.size()).build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One secret's name, with when and by whom it was written; never its value")
    public SecretJson read(@PathParam("name") String name) {
        return store.find(name).map(SecretJson::of).orElseThrow(() -> new NotFoundException("Secret not found: " + name));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        store.delete(Callers.of(request), name);
        return Response.noContent().build();
    }
}
