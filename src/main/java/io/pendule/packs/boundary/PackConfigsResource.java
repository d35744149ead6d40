package io.pendule.packs.boundary;

import io.pendule.api.entity.NotFoundException;
import io.pendule.endpoints.control.Endpoints;
import io.pendule.packs.control.PackConfigIds;
import io.pendule.packs.control.PackConfigs;
import io.pendule.packs.entity.PackConfigId;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * /v1/pack-configs/{id_config}?type=metric|rule[&scope=version|endpoint]: a pack's configuration as plain JSON, stored
 * base64 in HDM's tables (docs/packs-matrix.md). id_config is "pack:version" or "pack:slug" ({@link PackConfigIds}
 * tells them apart). Viewers read, operators write.
 */
@Path("pack-configs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class PackConfigsResource {

    /** Says which table and which kind of id an answer's JSON is, since the body is the configuration itself. */
    static final String SCOPE_HEADER = "X-Pendule-Config-Scope";

    @Context
    HttpServletRequest request;
    @Inject
    PackConfigs configs;
    @Inject
    Endpoints endpoints;

    @GET
    @Path("{id_config}")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "A configuration, as the JSON stored (decoded from base64)")
    public Response read(@PathParam("id_config") String idConfig, @QueryParam("type") String type, @QueryParam("scope") String scope) {
        PackConfigId id = id(idConfig, type, scope);
        PackConfigs.Stored stored = configs.find(id).orElseThrow(() -> notFound(id));
        return answer(Response.Status.OK, stored.id(), stored.json());
    }

    @PUT
    @Path("{id_config}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Store a configuration: the body is the JSON itself (201 created, 200 replaced)")
    public Response write(@PathParam("id_config") String idConfig, @QueryParam("type") String type,
                          @QueryParam("scope") String scope, String body) {
        PackConfigId id = id(idConfig, type, scope);
        boolean created = configs.put(Callers.of(request), id, body);
        return answer(created ? Response.Status.CREATED : Response.Status.OK, id, body);
    }

    @DELETE
    @Path("{id_config}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Delete a configuration; answers the JSON it held")
    public Response delete(@PathParam("id_config") String idConfig, @QueryParam("type") String type, @QueryParam("scope") String scope) {
        PackConfigId id = id(idConfig, type, scope);
        PackConfigs.Stored removed = configs.delete(Callers.of(request), id);
        return answer(Response.Status.OK, removed.id(), removed.json());
    }

    private PackConfigId id(String idConfig, String type, String scope) {
        return PackConfigIds.parse(type, idConfig, scope, slug -> endpoints.find(slug).isPresent());
    }

    private static Response answer(Response.Status status, PackConfigId id, String json) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(json)
                .header(SCOPE_HEADER, id.type().code() + "; " + id.scope().code()).build();
    }

    private static NotFoundException notFound(PackConfigId id) {
        return new NotFoundException("Pack configuration not found: " + id.type().code() + " " + id.idConfig()
                + " (" + id.scope().code() + ")");
    }
}
