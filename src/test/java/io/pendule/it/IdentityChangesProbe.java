package io.pendule.it;

import io.pendule.security.control.ApiTokens;
import io.pendule.security.control.Callers;
import io.pendule.security.control.Users;
import io.pendule.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * For the audit tests only, added to their deployment (never to target/pendule.war): the control layer's changes of
 * users and tokens (Users, ApiTokens), made for the caller, until /v1 has routes for them. An admin's, as those will be.
 */
@Path("it-identities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@RolesAllowed(Role.ADMIN_NAME)
public class IdentityChangesProbe {

    @Context
    HttpServletRequest request;
    @Inject
    Users users;
    @Inject
    ApiTokens tokens;

    @POST
    @Path("users/{name}")
    public Map<String, String> createUser(@PathParam("name") String name, @QueryParam("password") String password,
                                          @QueryParam("role") String role) {
        return Map.of("name", users.create(Callers.of(request), name, password, role, false).getName());
    }

    @PUT
    @Path("users/{name}")
    public Map<String, String> updateUser(@PathParam("name") String name, @QueryParam("password") String password,
                                          @QueryParam("role") String role) {
        return Map.of("role", users.update(Callers.of(request), name, password, role, null, null).getRole().id());
    }

    @DELETE
    @Path("users/{name}")
    public Map<String, String> deleteUser(@PathParam("name") String name) {
        users.delete(Callers.of(request), name);
        return Map.of("deleted", name);
    }

    @POST
    @Path("tokens")
    public Map<String, String> createToken(@QueryParam("owner") String owner, @QueryParam("name") String name,
                                           @QueryParam("role") String role) {
        ApiTokens.Created created = tokens.create(Callers.of(request), owner, name, role, null);
        return Map.of("id", created.token().getId(), "token", created.text());
    }

    @DELETE
    @Path("tokens/{id}")
    public Map<String, String> revokeToken(@PathParam("id") String id) {
        return Map.of("revoked", tokens.revoke(Callers.of(request), id).getId());
    }
}
