package io.pendule.security.boundary;

import io.pendule.api.entity.ErrorJson;
import io.pendule.security.control.PenduleAuthentication;
import io.pendule.security.entity.Identity;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;

/**
 * The role every API route declares with {@code @RolesAllowed}, enforced: a caller without it gets 403 saying which
 * role the route needs and which it has. A route of Pendule's that declares none is refused to everyone (deny by
 * default), and the start-up log says which.
 */
@Provider
public class ApiRoles implements DynamicFeature {

    private static final Logger LOG = Logger.getLogger(ApiRoles.class.getName());

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (method == null || type == null || !type.getName().startsWith("io.pendule.")) {
            return; // the container's own (OPTIONS, WADL): they answer no data
        }
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null) {
            roles = type.getAnnotation(RolesAllowed.class);
        }
        if (roles == null) {
            LOG.severe(() -> type.getSimpleName() + "." + method.getName() + " declares no role: refused to everyone");
        }
        context.register(new Check(roles == null ? List.of() : Arrays.asList(roles.value())));
    }

    /** Before Payara's own check of {@code @RolesAllowed} (same priority, in no set order), whose 403 says nothing. */
    @Priority(Priorities.AUTHORIZATION - 100)
    static final class Check implements ContainerRequestFilter {

        private final List<String> roles;

        Check(List<String> roles) {
            this.roles = roles;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (roles.stream().anyMatch(role -> request.getSecurityContext().isUserInRole(role))) {
                return;
            }
            // the servlet request's attributes (a filter registered as an instance gets no @Context fields)
            Object identity = request.getProperty(PenduleAuthentication.IDENTITY);
            String who = identity instanceof Identity known ? known.name() + " (" + known.role().id() + ")" : "nobody";
            String message = roles.isEmpty() ? "this route declares no role: refused to everyone"
                    : "this needs the role " + String.join(" or ", roles) + "; the request acts as " + who;
            request.abortWith(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorJson(message, List.of())).build());
        }
    }
}
