package io.pendule.endpoints.control;

import io.pendule.security.entity.Identity;

import java.util.List;

/**
 * What a higher component keeps about an endpoint (the activation matrix, the packs' configurations of it), asked
 * before the endpoint is deleted: listed to refuse the delete, or released with it when the caller asks to cascade.
 */
public interface EndpointDependents {

    /** What names the endpoint, as short phrases for a message ("metric pack basic"); none: empty. */
    List<String> usesOf(String slug);

    /** Removes (and audits) what names the endpoint, in the delete's transaction. */
    void release(Identity caller, String slug);
}
