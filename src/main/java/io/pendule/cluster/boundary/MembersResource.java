package io.pendule.cluster.boundary;

import io.pendule.security.control.Callers;
import io.pendule.security.entity.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.annotation.security.RolesAllowed;
import io.pendule.cluster.control.Members;
import io.pendule.cluster.control.NodeHeartbeat;
import io.pendule.cluster.entity.Member;
import io.pendule.platform.Settings;
import io.pendule.api.entity.UnavailableException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Optional;

/** Dkron's cluster routes: /v1/members, /v1/leader, /v1/isleader, /v1/leave. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class MembersResource {

    @Context
    HttpServletRequest request;
    @Inject
    Members members;
    @Inject
    NodeHeartbeat nodes;
    @Inject
    Settings settings;

    @RolesAllowed(Role.VIEWER_NAME)
    @GET
    @Path("members")
    public Response members() {
        List<MemberJson> all = members.all().stream().map(MemberJson::of).toList();
        return Response.ok(all).header("X-Total-Count", all.size()).build();
    }

    @RolesAllowed(Role.VIEWER_NAME)
    @GET
    @Path("leader")
    public MemberJson leader() {
        return members.leader().map(MemberJson::of)
                .orElseThrow(() -> new UnavailableException("no leader: no live worker node"));
    }

    @RolesAllowed(Role.VIEWER_NAME)
    @GET
    @Path("isleader")
    public Response isLeader() {
        Optional<Member> leader = members.leader();
        boolean me = leader.isPresent() && leader.get().name().equals(settings.nodeName());
        return Response.status(me ? Response.Status.OK : Response.Status.NOT_FOUND)
                .entity(me ? "\"I am a leader\"" : "\"I am a follower\"").build();
    }

    /** Stops scheduling and running on this node (running executions finish first); answers the members. */
    @RolesAllowed(Role.ADMIN_NAME)
    @POST
    @Path("leave")
    public List<MemberJson> leave() {
        nodes.leave(Callers.of(request));
        return members.all().stream().map(MemberJson::of).toList();
    }
}
