package io.pendule.packs.boundary;

import io.pendule.api.entity.NotFoundException;
import io.pendule.api.entity.ValidationException;
import io.pendule.packs.control.Activations;
import io.pendule.packs.entity.Activation;
import io.pendule.packs.entity.PackType;
import io.pendule.security.control.Callers;
import io.pendule.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * /v1/activations: the activation matrix (docs/packs-matrix.md), a cell per pack and endpoint, kept in HDM's tables.
 * Viewers read, operators switch cells: PUT turns one on (201, or 200 when it was on), DELETE off (200, or 404 when it
 * was off); either way the cell ends in the state asked.
 */
@Path("activations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ActivationsResource {

    @Context
    HttpServletRequest request;
    @Inject
    Activations activations;

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Every cell switched on: [{\"type\", \"pack\", \"slug\"}], metric packs first")
    public Response list() {
        List<ActivationJson> cells = activations.all().stream().map(ActivationJson::of).toList();
        return Response.ok(cells).header("X-Total-Count", cells.size()).build();
    }

    @PUT
    @Path("{type}/{pack}/{slug}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Activate a pack (type metric or rule) on an endpoint: 201, or 200 when it was active")
    public Response activate(@PathParam("type") String type, @PathParam("pack") String pack, @PathParam("slug") String slug) {
        PackType packType = type(type);
        boolean added = activations.activate(Callers.of(request), packType, pack, slug);
        return Response.status(added ? Response.Status.CREATED : Response.Status.OK)
                .entity(ActivationJson.of(new Activation(packType, pack, slug))).build();
    }

    @DELETE
    @Path("{type}/{pack}/{slug}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Deactivate a pack on an endpoint: 200, or 404 when it was not active")
    public ActivationJson deactivate(@PathParam("type") String type, @PathParam("pack") String pack, @PathParam("slug") String slug) {
        PackType packType = type(type);
        if (!activations.deactivate(Callers.of(request), packType, pack, slug)) {
            throw new NotFoundException("Activation not found: " + type + " pack " + pack + " on " + slug);
        }
        return ActivationJson.of(new Activation(packType, pack, slug));
    }

    static PackType type(String type) {
        return PackType.ofCode(type).orElseThrow(() -> new ValidationException("Activation refused", "type", "metric or rule"));
    }
}
