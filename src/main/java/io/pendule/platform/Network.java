package io.pendule.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A network in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}; an address alone is itself), and whether an address
 * is in it. An IPv4 address seen as IPv6 ({@code ::ffff:10.1.2.3}) is matched as IPv4.
 */
public record Network(byte[] prefix, int bits) {

    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");
    /** Four decimal parts; checked once per outbound call (every run of an http job). */
    private static final Pattern DOTTED_QUAD = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /** Parses a comma-separated list; a malformed entry fails with its text. */
    public static List<Network> parseAll(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(entry -> !entry.isEmpty()).map(Network::parse).toList();
    }

    public static Network parse(String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address or CIDR network: " + cidr);
        }
        int bits;
        try {
            bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR prefix length: " + cidr);
        }
        if (bits < 0 || bits > bytes.length * 8) {
            throw new IllegalArgumentException("prefix length out of range: " + cidr);
        }
        return new Network(bytes, bits);
    }

    /** Whether {@code address} (an IP literal) is in this network; anything but a literal is not. */
    public boolean contains(String address) {
        return contains(literal(address));
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    private boolean contains(byte[] bytes) {
        if (bytes == null || bytes.length != prefix.length) {
            return false;
        }
        for (int bit = 0; bit < bits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((bytes[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of an IP literal (4 for IPv4, IPv4-mapped IPv6 included; 16 for IPv6), null for anything else. */
    public static byte[] literal(String text) {
        if (text == null) {
            return null;
        }
        String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        if (address.isEmpty() || !LITERAL.matcher(address).matches() || (!address.contains(":") && !isDottedQuad(address))) {
            return null; // never a name: InetAddress would look it up
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Parts above 255 too would be a name to InetAddress, looked up in DNS. */
    private static boolean isDottedQuad(String address) {
        Matcher parts = DOTTED_QUAD.matcher(address);
        if (!parts.matches()) {
            return false;
        }
        for (int part = 1; part <= 4; part++) {
            if (Integer.parseInt(parts.group(part)) > 255) {
                return false;
            }
        }
        return true;
    }

    /** As written in a setting: {@code 169.254.0.0/16}. */
    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(prefix).getHostAddress() + "/" + bits;
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Network network && bits == network.bits && Arrays.equals(prefix, network.prefix);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(prefix) + bits;
    }
}
