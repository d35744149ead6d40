package io.pendule.security.boundary;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pendule.api.control.StrictJson;
import io.pendule.api.entity.ValidationException;
import io.pendule.security.control.ApiTokens;
import io.pendule.security.control.Callers;
import io.pendule.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import java.util.List;

/**
 * /v1/tokens, every user's: make an API token (for oneself, or for another user when admin), with a role no higher
 * than its owner's and an optional expiry, answered once with its text; list one's tokens (an admin everyone's with
 * {@code ?all=true}), never with their text; revoke one. An anonymous caller has no tokens (403).
 */
@Path("tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@RolesAllowed(Role.VIEWER_NAME)
public class TokensResource {

    @Context
    HttpServletRequest request;
    @Inject
    ApiTokens tokens;

    /** A token to make: its name; its role (default: the owner's), expiry (default: never) and owner (default: the caller). */
    public record NewToken(String name, String role, @JsonProperty("expires_at") String expiresAt, String owner) {
    }

    @POST
    @Operation(summary = "Make an API token: {\"name\", \"role\"?, \"expires_at\"?, \"owner\"?}; the answer holds its text, "
            + "shown this once")
    public Response create(@RequestBody(content = @Content(schema = @Schema(implementation = NewToken.class))) String body) {
        NewToken asked = StrictJson.read(body, NewToken.class, "Token");
        ApiTokens.Created created = tokens.create(Callers.of(request), asked.owner(), asked.name(), asked.role(),
                TokenExpiry.at(asked.expiresAt()));
        return Response.status(Response.Status.CREATED).entity(CreatedTokenJson.of(created)).build();
    }

    @GET
    @Operation(summary = "The caller's tokens, or everyone's for an admin with ?all=true; never their text")
    public Response list(@QueryParam("all") String all) {
        List<TokenJson> listed = tokens.of(Callers.of(request), everyone(all)).stream().map(TokenJson::of).toList();
        return Response.ok(listed).header("X-Total-Count", listed.size()).build();
    }

    /** Revokes a token (one's own, or anyone's for an admin): refused from then on, on every node within seconds. */
    @DELETE
    @Path("{id}")
    public TokenJson revoke(@PathParam("id") String id) {
        return TokenJson.of(tokens.revoke(Callers.of(request), id));
    }

    /** ?all, ?all=true: everyone's; absent or false: the caller's. */
    static boolean everyone(String all) {
        if (all == null || all.equals("false")) {
            return false;
        }
        if (all.isEmpty() || all.equals("true")) {
            return true;
        }
        throw new ValidationException("Invalid list", "all", "true or false");
    }
}
