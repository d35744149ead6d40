package io.pendule.executors.control;

import io.pendule.platform.Network;
import io.pendule.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which addresses http jobs and webhooks may call (against SSRF): never the link-local and cloud metadata addresses
 * nor the networks of PENDULE_HTTP_DENY_NETWORKS, unless PENDULE_HTTP_ALLOW_NETWORKS allows them; loopback and
 * everything else is allowed. A host is judged by the addresses it resolves to, and refused if any of them is.
 *
 * <p>Why checking before the JDK client connects is enough: the client resolves the host through the same
 * {@link InetAddress} cache, which keeps an answer for 30 s ({@code networkaddress.cache.ttl}), and it connects
 * within milliseconds of the check, so it connects to an address that was checked: a DNS server that answers
 * otherwise the second time (rebinding) is not asked a second time.
 */
@ApplicationScoped
public class OutboundGuard {

    /** Link-local (AWS, GCP, Azure, OpenStack metadata at 169.254.169.254), AWS's IPv6 one, Alibaba's. */
    static final List<Network> METADATA = Network.parseAll("169.254.0.0/16, fe80::/10, fd00:ec2::254/128, 100.100.100.200/32");
    /** Names of metadata services, refused whatever they resolve to: an operator who needs one allows its address. */
    static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata.goog", "metadata",
            "instance-data", "instance-data.ec2.internal");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("0|[1-9][0-9]{0,9}");
    private static final String ALLOW_HINT = "; PENDULE_HTTP_ALLOW_NETWORKS can allow it";

    /** How a host name becomes addresses: the JDK's lookup, or a fixed answer in tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<Network> denied;
    private final List<Network> allowed;
    private final Resolver resolver;

    /** The defaults only; also the instance CDI's proxy is made of. */
    public OutboundGuard() {
        this(List.of(), List.of(), InetAddress::getAllByName);
    }

    @Inject
    public OutboundGuard(Settings settings) {
        this(settings.httpDenyNetworks(), settings.httpAllowNetworks(), InetAddress::getAllByName);
    }

    OutboundGuard(List<Network> denied, List<Network> allowed, Resolver resolver) {
        this.denied = List.copyOf(denied);
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
    }

    /**
     * Why a call to {@code url} is refused, known without asking DNS: its host is a metadata name or a refused
     * address literal; empty otherwise. For saves: a name's addresses are judged when it is called.
     */
    public Optional<String> refusalAtSave(URI url) {
        String host = hostOf(url);
        if (host == null) {
            return Optional.empty();
        }
        if (isMetadataName(host)) {
            return Optional.of(metadataNameRefusal(host));
        }
        return literal(host).flatMap(address -> refusal(host, address));
    }

    /**
     * Why a call to {@code url} is refused, its host resolved; empty when it may be called.
     *
     * @throws UnknownHostException when the host has no address: the call could not be made anyway
     */
    public Optional<String> refusal(URI url) throws UnknownHostException {
        String host = hostOf(url);
        if (host == null) {
            throw new UnknownHostException("no host in the URL");
        }
        if (isMetadataName(host)) {
            return Optional.of(metadataNameRefusal(host));
        }
        for (InetAddress address : resolver.resolve(host)) {
            Optional<String> refused = refusal(host, address);
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    private Optional<String> refusal(String host, InetAddress address) {
        if (allowed.stream().anyMatch(network -> network.contains(address))) {
            return Optional.empty();
        }
        String who = literal(host).isPresent() ? address.getHostAddress()
                : host + " resolves to " + address.getHostAddress() + ", which";
        if (METADATA.stream().anyMatch(network -> network.contains(address))) {
            return Optional.of("refused by the outbound guard: " + who + " is a link-local/metadata address" + ALLOW_HINT);
        }
        return denied.stream().filter(network -> network.contains(address)).findFirst()
                .map(network -> "refused by the outbound guard: " + who + " is in PENDULE_HTTP_DENY_NETWORKS (" + network
                        + ")" + ALLOW_HINT);
    }

    private static String metadataNameRefusal(String host) {
        return "refused by the outbound guard: " + host + " is a cloud metadata host name (to call the service, use its "
                + "address and allow it in PENDULE_HTTP_ALLOW_NETWORKS)";
    }

    /** Lower case, without the brackets of IPv6 nor a final dot (metadata.google.internal. is the same host). */
    private static String hostOf(URI url) {
        String host = url.getHost();
        if (host == null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static boolean isMetadataName(String host) {
        return METADATA_NAMES.contains(host);
    }

    /**
     * The address a host names without DNS: a dotted quad, an IPv6 literal, or a whole number, which the JDK reads as
     * an IPv4 address ({@code 2852039166} is 169.254.169.254). The other short and octal forms are no host to
     * {@link URI}, so the JDK client never calls them.
     */
    static Optional<InetAddress> literal(String host) {
        try {
            byte[] bytes = Network.literal(host);
            if (bytes == null && WHOLE_NUMBER.matcher(host).matches() && Long.parseLong(host) < 1L << 32) {
                long number = Long.parseLong(host);
                bytes = new byte[]{(byte) (number >>> 24), (byte) (number >>> 16), (byte) (number >>> 8), (byte) number};
            }
            return bytes == null ? Optional.empty() : Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException impossible) {
            return Optional.empty();
        }
    }
}
