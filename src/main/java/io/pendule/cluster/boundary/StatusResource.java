package io.pendule.cluster.boundary;

import io.pendule.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import io.pendule.cluster.control.Members;
import io.pendule.cluster.entity.Member;
import io.pendule.platform.Settings;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dkron's /v1/ : the node that answered (agent), the cluster as this node sees it (Dkron's "serf" section, here
 * the member counts), and the node's tags.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    @Inject
    Members members;
    @Inject
    Settings settings;

    @RolesAllowed(Role.VIEWER_NAME)
    @GET
    public Map<String, Object> status() {
        List<Member> all = members.all();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("agent", Map.of("name", settings.nodeName(), "version", settings.version(), "roles", settings.roles()));
        status.put("serf", Map.of(
                "members", Long.toString(all.stream().filter(m -> m.status() == Member.Status.ALIVE).count()),
                "failed", Long.toString(all.stream().filter(m -> m.status() == Member.Status.FAILED).count()),
                "left", Long.toString(all.stream().filter(m -> m.status() == Member.Status.LEFT).count())));
        status.put("tags", all.stream().filter(m -> m.name().equals(settings.nodeName())).findFirst()
                .map(MemberJson::tags).orElse(Map.of()));
        return status;
    }
}
