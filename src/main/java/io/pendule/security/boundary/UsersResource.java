package io.pendule.security.boundary;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import io.pendule.security.control.Callers;
import io.pendule.api.control.StrictJson;
import io.pendule.api.entity.NotFoundException;
import io.pendule.security.control.Users;
import io.pendule.security.entity.AppUser;
import io.pendule.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.util.List;

/**
 * /v1/users, an admin's: create a user, list them, show one, change its password, role or state (which ends its
 * dashboard sessions), delete it (and its tokens). The last enabled admin is never demoted, disabled or deleted (409).
 * No answer ever holds a password or its hash.
 */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@RolesAllowed(Role.ADMIN_NAME)
public class UsersResource {

    @Context
    HttpServletRequest request;
    @Inject
    Users users;

    /**
     * A user to create: the first three fields are needed; with {@code must_change_password} true, the user changes
     * this password at their first sign-in before anything else.
     */
    public record NewUser(String name, String password, String role,
                          @JsonProperty("must_change_password") Boolean mustChangePassword) {

        @Override
        public String toString() {
            return "NewUser[name=" + name + ", role=" + role + ", must_change_password=" + mustChangePassword + "]";
        }
    }

    /**
     * What to change of a user: the fields left out (or null) stay as they are, but a new password clears
     * {@code must_change_password} unless it is given true with it.
     */
    public record UserChange(String password, String role, Boolean disabled,
                             @JsonProperty("must_change_password") Boolean mustChangePassword) {

        @Override
        public String toString() {
            return "UserChange[role=" + role + ", disabled=" + disabled + ", must_change_password=" + mustChangePassword
                    + ", password " + (password == null ? "kept" : "new") + "]";
        }
    }

    @POST
    @Operation(summary = "Create a user: {\"name\", \"password\" (12 characters or more), \"role\" (viewer, operator or admin), "
            + "\"must_change_password\"? (true: to be changed at the first sign-in)}")
    public Response create(@RequestBody(content = @Content(schema = @Schema(implementation = NewUser.class))) String body,
                           @Context UriInfo uri) {
        NewUser asked = StrictJson.read(body, NewUser.class, "User");
        AppUser created = users.create(Callers.of(request), asked.name(), asked.password(), asked.role(),
                Boolean.TRUE.equals(asked.mustChangePassword()));
        return Response.created(uri.getBaseUriBuilder().path("users").path(created.getName()).build())
                .entity(UserJson.of(created)).build();
    }

    @GET
    public Response list() {
        List<UserJson> all = users.all().stream().map(UserJson::of).toList();
        return Response.ok(all).header("X-Total-Count", all.size()).build();
    }

    @GET
    @Path("{name}")
    public UserJson show(@PathParam("name") String name) {
        return UserJson.of(existing(name));
    }

    @PUT
    @Path("{name}")
    @Operation(summary = "Change a user's password, role or state ({\"password\"?, \"role\"?, \"disabled\"?, "
            + "\"must_change_password\"?}); any change ends the user's dashboard sessions")
    public UserJson update(@PathParam("name") String name,
                           @RequestBody(content = @Content(schema = @Schema(implementation = UserChange.class))) String body) {
        UserChange change = StrictJson.read(body, UserChange.class, "User");
        return UserJson.of(users.update(Callers.of(request), name, change.password(), change.role(), change.disabled(),
                change.mustChangePassword()));
    }

    /** Deletes the user, and with it their API tokens; answers the user as it was. */
    @DELETE
    @Path("{name}")
    public UserJson delete(@PathParam("name") String name) {
        UserJson deleted = UserJson.of(existing(name));
        users.delete(Callers.of(request), name);
        return deleted;
    }

    private AppUser existing(String name) {
        return users.find(name).orElseThrow(() -> new NotFoundException("User not found: " + name));
    }
}
