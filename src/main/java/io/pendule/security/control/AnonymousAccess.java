package io.pendule.security.control;

import io.pendule.platform.Network;
import io.pendule.platform.Settings;
import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Dkron's open API, opted into (PENDULE_ANONYMOUS_ROLE=viewer or operator; never admin): a request without credentials
 * acts with that role, as the Dkron users' backup and restore scripts expect, when all of these hold:
 * <ul>
 * <li>its address is in PENDULE_ANONYMOUS_NETWORKS (any address when empty);</li>
 * <li>it is not a browser's cross-site request: no {@code Origin} header, and {@code Sec-Fetch-Site} absent,
 * {@code none} or {@code same-origin} (a page on another site could otherwise drive the API);</li>
 * <li>its {@code Host} is one of PENDULE_ALLOWED_HOSTS (by default an IP address, {@code localhost}, this node's name or
 * this machine's), so that a name rebound to this address by another site's DNS is never anonymous.</li>
 * </ul>
 */
@ApplicationScoped
public class AnonymousAccess {

    private static final Logger LOG = Logger.getLogger(AnonymousAccess.class.getName());
    private static final Set<String> BROWSER_SAME_ORIGIN = Set.of("none", "same-origin");
    /** In PENDULE_ALLOWED_HOSTS' list: any IP address (the default list has it). */
    static final String ANY_ADDRESS = "*ip*";

    @Inject
    Settings settings;

    private Optional<Role> role;
    private List<Network> networks;
    private Set<String> allowedHosts;

    @PostConstruct
    void readSettings() {
        role = roleOf(settings.anonymousRole().orElse(null));
        networks = Network.parseAll(settings.anonymousNetworks());
        allowedHosts = allowedHosts(settings.allowedHosts(), settings.nodeName());
        role.ifPresent(anonymous -> LOG.warning(() -> "Anonymous access is ON: requests without credentials act as "
                + anonymous.id() + " from " + (networks.isEmpty() ? "any address" : settings.anonymousNetworks())
                + " (PENDULE_ANONYMOUS_ROLE); keep this node behind a gateway"));
    }

    /**
     * The anonymous role, checked: empty when none; viewer or operator; anything else (admin among them) refused, so
     * that the node does not start (a request without credentials must never run code on a Pendule host).
     */
    static Optional<Role> roleOf(String setting) {
        if (setting == null || setting.isBlank() || setting.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        Role role = Role.of(setting.trim().toLowerCase(Locale.ROOT)).orElseThrow(() -> new IllegalStateException(
                "PENDULE_ANONYMOUS_ROLE must be viewer or operator (or empty), not " + setting));
        if (role == Role.ADMIN) {
            throw new IllegalStateException("PENDULE_ANONYMOUS_ROLE=admin is refused: anonymous callers could run shell "
                    + "commands on this host; use viewer or operator, and an API token for admin work");
        }
        return Optional.of(role);
    }

    /** The identity a request without credentials acts as, when anonymous access is open to it. */
    public Optional<Identity> identityFor(HttpServletRequest request) {
        if (role.isEmpty() || request.getHeader("Origin") != null) {
            return Optional.empty();
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !BROWSER_SAME_ORIGIN.contains(site.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        if (!hostAllowed(request.getHeader("Host"))) {
            return Optional.empty();
        }
        String address = request.getRemoteAddr();
        if (!networks.isEmpty() && networks.stream().noneMatch(network -> network.contains(address))) {
            return Optional.empty();
        }
        return role.map(Identity::anonymous);
    }

    /** Whether anonymous access is on, for the pages to say so. */
    public boolean open() {
        return role.isPresent();
    }

    boolean hostAllowed(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String host = withoutPort(hostHeader.trim()).toLowerCase(Locale.ROOT);
        return allowedHosts.contains(host) || allowedHosts.contains(ANY_ADDRESS) && Network.literal(host) != null;
    }

    /** The hosts named by the setting; by default any IP address, localhost, this node's name and this machine's. */
    static Set<String> allowedHosts(String setting, String nodeName) {
        Set<String> hosts = new HashSet<>();
        if (setting != null && !setting.isBlank()) {
            Arrays.stream(setting.split(",")).map(String::trim).filter(h -> !h.isEmpty())
                    .forEach(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
            return hosts;
        }
        hosts.add(ANY_ADDRESS);
        hosts.add("localhost");
        hosts.add(nodeName.toLowerCase(Locale.ROOT));
        try {
            hosts.add(InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT));
        } catch (UnknownHostException e) {
            // no name for this machine: its addresses and localhost remain
        }
        return hosts;
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
    }
}
