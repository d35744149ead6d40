package io.pendule.endpoints.boundary;

import io.pendule.api.control.StrictJson;
import io.pendule.api.entity.NotFoundException;
import io.pendule.api.entity.ValidationException;
import io.pendule.endpoints.control.Endpoints;
import io.pendule.endpoints.entity.EndpointDraft;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.net.URI;
import java.util.List;

/**
 * /v1/endpoints: the endpoints packs run against (docs/packs-matrix.md). Viewers read, operators write; a url with
 * credentials and credentials that are not a secret reference are refused.
 */
@Path("endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class EndpointsResource {

    @Context
    HttpServletRequest request;
    @Inject
    Endpoints endpoints;

    /** The body of POST and PUT. */
    public record EndpointBody(String slug, String name, String kind, String url, String credentials) {

        EndpointDraft draft() {
            return new EndpointDraft(slug, name, kind, url, credentials);
        }
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Every endpoint, by slug; credentials as their secret reference, never a value")
    public Response list() {
        List<EndpointJson> listed = endpoints.all().stream().map(EndpointJson::of).toList();
        return Response.ok(listed).header("X-Total-Count", listed.size()).build();
    }

    @GET
    @Path("{slug}")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "One endpoint")
    public EndpointJson read(@PathParam("slug") String slug) {
        return endpoints.find(slug).map(EndpointJson::of).orElseThrow(() -> new NotFoundException("Endpoint not found: " + slug));
    }

    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Create an endpoint: {\"slug\", \"name\"?, \"kind\", \"url\", \"credentials\"?} (409 if the slug is taken)")
    public Response create(@RequestBody(content = @Content(schema = @Schema(implementation = EndpointBody.class))) String body) {
        EndpointBody asked = StrictJson.read(body, EndpointBody.class, "Endpoint");
        EndpointJson created = EndpointJson.of(endpoints.create(Callers.of(request), asked.draft()));
        return Response.created(URI.create("endpoints/" + created.slug())).entity(created).build();
    }

    @PUT
    @Path("{slug}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Replace an endpoint, or create it (201)")
    public Response replace(@PathParam("slug") String slug,
                            @RequestBody(content = @Content(schema = @Schema(implementation = EndpointBody.class))) String body) {
        EndpointBody asked = StrictJson.read(body, EndpointBody.class, "Endpoint");
        boolean created = endpoints.put(Callers.of(request), slug, asked.draft());
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK).entity(read(slug)).build();
    }

    @DELETE
    @Path("{slug}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Delete an endpoint; 409 while activations or configurations name it, unless ?cascade=true")
    public EndpointJson delete(@PathParam("slug") String slug, @QueryParam("cascade") String cascade) {
        return EndpointJson.of(endpoints.delete(Callers.of(request), slug, cascade(cascade)));
    }

    private static boolean cascade(String cascade) {
        if (cascade == null || cascade.equals("false")) {
            return false;
        }
        if (cascade.equals("true")) {
            return true;
        }
        throw new ValidationException("Endpoint refused", "cascade", "true or false");
    }
}
