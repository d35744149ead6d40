package io.pendule.security.boundary;

import io.pendule.api.control.Paging;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.security.control.AuditLog;
import io.pendule.security.entity.AuditEvent;
import io.pendule.security.entity.AuditFilter;
import io.pendule.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * /v1/audit: the audit log, an admin's; newest first (?_order=ASC: oldest first), filtered by actor, target, action,
 * since and until ({@link AuditParameters}), paged as the other lists of /v1 (_start, _end; X-Total-Count).
 */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    @Inject
    AuditLog audit;

    @RolesAllowed(Role.ADMIN_NAME)
    @GET
    @Operation(summary = "The audit log, newest first: filters actor, target, action, since, until (RFC 3339, or a day "
            + "in UTC); paged by _start and _end (100 by default, at most 1000), X-Total-Count")
    public Response list(@Context UriInfo uri, @QueryParam("_start") String start, @QueryParam("_end") String end,
                         @QueryParam("_order") String order) {
        List<FieldError> errors = new ArrayList<>();
        Integer first = Paging.whole("_start", start, errors);
        Integer last = Paging.whole("_end", end, errors);
        Paging.checkOrder(first, last, errors);
        boolean newestFirst = Paging.descending(order, true, errors);
        AuditFilter filter;
        try {
            filter = AuditParameters.filter(uri.getQueryParameters()::getFirst);
        } catch (ValidationException e) {
            errors.addAll(e.errors());
            filter = null;
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Bad query", errors);
        }
        int from = first == null ? 0 : first;
        int to = last == null ? from + DEFAULT_PAGE : last;
        int count = Math.min(to - from, MAX_PAGE);
        List<Map<String, Object>> events = count == 0 ? List.of()
                : audit.find(filter, newestFirst, from, count).stream().map(AuditEvent::fields).toList();
        return Response.ok(events).header("X-Total-Count", audit.count(filter)).build();
    }
}
