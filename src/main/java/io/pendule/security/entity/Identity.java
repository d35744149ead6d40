package io.pendule.security.entity;

/**
 * Who a request acts as: a user (signed in, or by HTTP Basic), one of their API tokens, the anonymous role an
 * operator opened to a network, or Pendule itself. {@code tokenId} names the token, null otherwise. {@code address}
 * and {@code userAgent} say where the request came from (null when not known, as for Pendule itself), for the audit
 * log: the controls that record a change take them with who made it.
 */
public record Identity(String name, Role role, Kind kind, String tokenId, String address, String userAgent) {

    public enum Kind { USER, TOKEN, ANONYMOUS, SYSTEM }

    public static final String ANONYMOUS_NAME = "anonymous";
    public static final Identity SYSTEM = new Identity("system", Role.ADMIN, Kind.SYSTEM, null);

    /** Whence unknown. */
    public Identity(String name, Role role, Kind kind, String tokenId) {
        this(name, role, kind, tokenId, null, null);
    }

    public static Identity user(String name, Role role) {
        return new Identity(name, role, Kind.USER, null);
    }

    public static Identity token(String owner, Role role, String tokenId) {
        return new Identity(owner, role, Kind.TOKEN, tokenId);
    }

    public static Identity anonymous(Role role) {
        return new Identity(ANONYMOUS_NAME, role, Kind.ANONYMOUS, null);
    }

    /** The same caller, from that address with that user agent. */
    public Identity from(String address, String userAgent) {
        return new Identity(name, role, kind, tokenId, address, userAgent);
    }

    public boolean may(Role needed) {
        return role.includes(needed);
    }
}
