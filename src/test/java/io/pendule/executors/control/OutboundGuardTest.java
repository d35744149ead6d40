package io.pendule.executors.control;

import io.pendule.platform.Network;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbound guard on addresses and names. Names are resolved by a fixed table here, never by DNS; literals and the
 * JDK's numeric forms go through the JDK's own lookup, which reads them without DNS.
 */
class OutboundGuardTest {

    /** What the test's names resolve to; any other name is unknown. */
    private static final Map<String, String> NAMES = Map.of(
            "rebound.example", "10.0.0.1,169.254.169.254",
            "aws6.example", "fd00:ec2::254",
            "service.example", "10.1.2.3",
            "localhost", "127.0.0.1");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        if (Network.literal(host) != null || host.matches("[0-9.]+") || host.startsWith("0x")) {
            return InetAddress.getAllByName(host); // no DNS for these: the JDK reads them or refuses them
        }
        String addresses = NAMES.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        List<InetAddress> all = new ArrayList<>();
        for (String address : addresses.split(",")) {
            all.add(InetAddress.getByName(address));
        }
        return all.toArray(new InetAddress[0]);
    }

    private static OutboundGuard guard(String deny, String allow) {
        return new OutboundGuard(Network.parseAll(deny), Network.parseAll(allow), OutboundGuardTest::resolve);
    }

    private static final OutboundGuard DEFAULTS = guard("", "");

    private static Optional<String> atRun(OutboundGuard guard, String url) throws UnknownHostException {
        return guard.refusal(URI.create(url));
    }

    private static void assertRefused(OutboundGuard guard, String url, String expected) throws UnknownHostException {
        Optional<String> refusal = atRun(guard, url);
        assertTrue(refusal.isPresent(), url + " must be refused");
        assertTrue(refusal.get().contains(expected), refusal.get());
    }

    @Test
    void metadataAndLinkLocalAddressesAreRefusedWithTheReason() throws UnknownHostException {
        assertEquals(Optional.of("refused by the outbound guard: 169.254.169.254 is a link-local/metadata address; "
                + "PENDULE_HTTP_ALLOW_NETWORKS can allow it"), atRun(DEFAULTS, "http://169.254.169.254/latest/meta-data/"));
        assertRefused(DEFAULTS, "http://169.254.1.2:8080/", "169.254.1.2 is a link-local/metadata address");
        assertRefused(DEFAULTS, "http://100.100.100.200/latest/meta-data/", "link-local/metadata");
        assertRefused(DEFAULTS, "http://[fd00:ec2::254]/latest/meta-data/", "link-local/metadata");
        assertRefused(DEFAULTS, "http://[fe80::1]/", "link-local/metadata");
        assertRefused(DEFAULTS, "http://[febf:ffff::1]/", "link-local/metadata");
    }

    @Test
    void otherFormsOfTheMetadataAddressAreRefusedAsTheJdkReadsThem() throws UnknownHostException {
        assertRefused(DEFAULTS, "http://[::ffff:169.254.169.254]/", "169.254.169.254 is a link-local/metadata address");
        assertRefused(DEFAULTS, "http://[::ffff:a9fe:a9fe]/", "169.254.169.254 is a link-local/metadata address");
        assertRefused(DEFAULTS, "http://2852039166/", "169.254.169.254 is a link-local/metadata address");
        // no host to URI, so no request the JDK client would send
        assertThrows(UnknownHostException.class, () -> atRun(DEFAULTS, "http://169.254.43518/"));
        assertThrows(UnknownHostException.class, () -> atRun(DEFAULTS, "http://0251.0376.0251.0376/"));
        // a host to URI, but neither an address to the JDK nor a name it would look up
        assertThrows(UnknownHostException.class, () -> atRun(DEFAULTS, "http://0xa9fea9fe/"));
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIs() throws UnknownHostException {
        assertEquals(Optional.of("refused by the outbound guard: rebound.example resolves to 169.254.169.254, which is a "
                + "link-local/metadata address; PENDULE_HTTP_ALLOW_NETWORKS can allow it"), atRun(DEFAULTS, "http://rebound.example/"));
        assertRefused(DEFAULTS, "https://aws6.example/", "aws6.example resolves to fd00:ec2:0:0:0:0:0:254");
        assertEquals(Optional.empty(), atRun(DEFAULTS, "http://service.example/"));
        assertThrows(UnknownHostException.class, () -> atRun(DEFAULTS, "http://unknown.example/"));
    }

    @Test
    void metadataHostNamesAreRefusedWithoutAskingForTheirAddresses() throws UnknownHostException {
        for (String host : List.of("metadata.google.internal", "METADATA.google.internal.", "metadata.goog", "metadata",
                "instance-data", "instance-data.ec2.internal")) {
            assertRefused(DEFAULTS, "http://" + host + "/computeMetadata/v1/", "is a cloud metadata host name");
            assertTrue(DEFAULTS.refusalAtSave(URI.create("http://" + host + "/")).isPresent(), host);
        }
        assertRefused(guard("", "0.0.0.0/0,::/0"), "http://metadata.google.internal/", "cloud metadata host name");
    }

    @Test
    void loopbackAndOrdinaryAddressesAreAllowedByDefault() throws UnknownHostException {
        for (String url : List.of("http://127.0.0.1:8080/", "http://localhost/", "http://[::1]/", "http://10.1.2.3/",
                "http://192.168.1.1/", "https://8.8.8.8/", "http://169.255.0.1/", "http://100.100.100.201/")) {
            assertEquals(Optional.empty(), atRun(DEFAULTS, url), url);
        }
    }

    @Test
    void theDenySettingAddsNetworksAndTheAllowSettingOpensThem() throws UnknownHostException {
        OutboundGuard denyTen = guard("10.0.0.0/8, 127.0.0.2/32", "");
        assertEquals(Optional.of("refused by the outbound guard: service.example resolves to 10.1.2.3, which is in "
                + "PENDULE_HTTP_DENY_NETWORKS (10.0.0.0/8); PENDULE_HTTP_ALLOW_NETWORKS can allow it"),
                atRun(denyTen, "http://service.example/"));
        assertRefused(denyTen, "http://127.0.0.2:9000/", "127.0.0.2 is in PENDULE_HTTP_DENY_NETWORKS (127.0.0.2/32)");
        assertEquals(Optional.empty(), atRun(denyTen, "http://127.0.0.1:9000/"));

        OutboundGuard allowOne = guard("10.0.0.0/8", "10.1.2.3/32, 169.254.169.254/32");
        assertEquals(Optional.empty(), atRun(allowOne, "http://service.example/"), "allowed within a denied network");
        assertEquals(Optional.empty(), atRun(allowOne, "http://169.254.169.254/"), "the metadata address, allowed");
        assertRefused(allowOne, "http://169.254.169.253/", "link-local/metadata");
        assertRefused(allowOne, "http://10.1.2.4/", "PENDULE_HTTP_DENY_NETWORKS (10.0.0.0/8)");
        assertRefused(allowOne, "http://rebound.example/", "rebound.example resolves to 10.0.0.1");
    }

    @Test
    void atSaveLiteralsAndMetadataNamesAreJudgedAndOtherNamesLeftForTheRun() {
        OutboundGuard denyLocal = guard("127.0.0.0/8", "");
        assertTrue(DEFAULTS.refusalAtSave(URI.create("http://169.254.169.254/latest/meta-data/")).isPresent());
        assertTrue(DEFAULTS.refusalAtSave(URI.create("http://2852039166/")).orElseThrow().contains("169.254.169.254"));
        assertTrue(DEFAULTS.refusalAtSave(URI.create("http://[::ffff:169.254.169.254]/")).isPresent());
        assertTrue(denyLocal.refusalAtSave(URI.create("http://127.0.0.2:8080/")).isPresent());
        assertEquals(Optional.empty(), denyLocal.refusalAtSave(URI.create("http://localhost:8080/")), "a name: at the run");
        assertEquals(Optional.empty(), DEFAULTS.refusalAtSave(URI.create("http://rebound.example/")));
        assertEquals(Optional.empty(), DEFAULTS.refusalAtSave(URI.create("http://127.0.0.1:8080/")));
        assertEquals(Optional.empty(), DEFAULTS.refusalAtSave(URI.create("http://999.1.1.1/")), "not an address: a name");
    }

    @Test
    void aWholeNumberIsReadAsTheJdkReadsIt() throws UnknownHostException {
        for (String form : List.of("2852039166", "0", "4294967295", "167772161")) {
            assertEquals(Optional.of(InetAddress.getAllByName(form)[0]), OutboundGuard.literal(form), form);
        }
        for (String notOne : List.of("4294967296", "012", "99999999999", "1.2.3.4.5", "a.b")) {
            assertEquals(Optional.empty(), OutboundGuard.literal(notOne), notOne);
        }
    }
}
