package io.pendule.security.entity;

/**
 * Who a request acts as: a user (signed in, or by HTTP Basic), one of their API tokens, the anonymous role an
 * operator opened to a network, or Pendule itself. {@code tokenId} names the token, null otherwise.
 */
public record Identity(String name, Role role, Kind kind, String tokenId) {

    public enum Kind { USER, TOKEN, ANONYMOUS, SYSTEM }

    public static final String ANONYMOUS_NAME = "anonymous";
    public static final Identity SYSTEM = new Identity("system", Role.ADMIN, Kind.SYSTEM, null);

    public static Identity user(String name, Role role) {
        return new Identity(name, role, Kind.USER, null);
    }

    public static Identity token(String owner, Role role, String tokenId) {
        return new Identity(owner, role, Kind.TOKEN, tokenId);
    }

    public static Identity anonymous(Role role) {
        return new Identity(ANONYMOUS_NAME, role, Kind.ANONYMOUS, null);
    }

    public boolean may(Role needed) {
        return role.includes(needed);
    }
}
