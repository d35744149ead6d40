package io.pendule.security.boundary;

import io.pendule.api.entity.ErrorJson;
import io.pendule.security.control.AuditLog;
import io.pendule.security.control.PenduleAuthentication;
import io.pendule.security.entity.Identity;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import jakarta.servlet.http.HttpServletRequest;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The role every API route declares with {@code @RolesAllowed}, enforced: a caller without it gets 403 saying which
 * role the route needs and which it has. A route of Pendule's that declares none is refused to everyone (deny by
 * default), and the start-up log says which. Each refusal is in the audit log (authz.denied).
 */
@Provider
public class ApiRoles implements DynamicFeature {

    private static final Logger LOG = Logger.getLogger(ApiRoles.class.getName());

    @Inject
    AuditLog audit;

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
        context.register(new Check(roles == null ? List.of() : Arrays.asList(roles.value()), audit), Check.PRIORITY);
    }

    /**
     * Ahead of the container's own {@code @RolesAllowed} check (Jersey's, which Payara registers), which would refuse
     * first with a bare "Forbidden", neither naming the role nor audited.
     */
    @Priority(Check.PRIORITY)
    static final class Check implements ContainerRequestFilter {

        static final int PRIORITY = Priorities.AUTHORIZATION - 100;

        private final List<String> roles;
        private final AuditLog audit;
        @Context
        HttpServletRequest servletRequest;

        Check(List<String> roles, AuditLog audit) {
            this.roles = roles;
            this.audit = audit;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (roles.stream().anyMatch(role -> request.getSecurityContext().isUserInRole(role))) {
                return;
            }
            // In a servlet container the request's properties are its servlet request's attributes.
            Object identity = request.getProperty(PenduleAuthentication.IDENTITY);
            if (identity == null && servletRequest != null) {
                identity = servletRequest.getAttribute(PenduleAuthentication.IDENTITY);
            }
            String who = identity instanceof Identity known ? known.name() + " (" + known.role().id() + ")" : "nobody";
            String message = roles.isEmpty() ? "this route declares no role: refused to everyone"
                    : "this needs the role " + String.join(" or ", roles) + "; the request acts as " + who;
            if (identity instanceof Identity known) {
                audit.denied(known, request.getMethod() + " /v1/" + request.getUriInfo().getPath(), message,
                        Map.of("needed", roles, "role", known.role().id()));
            }
            request.abortWith(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorJson(message, List.of())).build());
        }
    }
}
