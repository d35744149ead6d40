package io.pendule.platform;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkTest {

    @Test
    void anIpv4NetworkHoldsItsAddressesOnly() {
        Network ten = Network.parse("10.0.0.0/8");
        assertTrue(ten.contains("10.1.2.3"));
        assertTrue(ten.contains("10.255.255.255"));
        assertFalse(ten.contains("11.0.0.1"));
        assertFalse(ten.contains("192.168.1.1"));
    }

    @Test
    void anAddressAloneIsItselfOnly() {
        Network loopback = Network.parse("127.0.0.1");
        assertTrue(loopback.contains("127.0.0.1"));
        assertFalse(loopback.contains("127.0.0.2"));
    }

    @Test
    void ipv6AndIpv4MappedAddressesAreMatched() {
        assertTrue(Network.parse("::1/128").contains("0:0:0:0:0:0:0:1"));
        assertTrue(Network.parse("fd00::/8").contains("fd12:3456::1"));
        assertFalse(Network.parse("fd00::/8").contains("fe80::1"));
        assertTrue(Network.parse("127.0.0.0/8").contains("::ffff:127.0.0.1"), "an IPv4 address seen as IPv6");
        assertFalse(Network.parse("::1/128").contains("127.0.0.1"));
    }

    @Test
    void namesAndShorthandsAreNeverAddresses() {
        Network any = Network.parse("0.0.0.0/0");
        assertFalse(any.contains("localhost"), "a name is never looked up");
        assertFalse(any.contains("127.1"), "no shorthand");
        assertFalse(any.contains("2852039166"), "no integer form");
        assertFalse(any.contains((String) null));
        assertFalse(any.contains("999.1.1.1"), "parts above 255 make a name, never looked up");
        assertTrue(any.contains("8.8.8.8"));
    }

    @Test
    void aMalformedEntryFailsWithItsText() {
        assertEquals("not an IP address or CIDR network: example.com",
                assertThrows(IllegalArgumentException.class, () -> Network.parse("example.com")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Network.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Network.parse("10.0.0.0/x"));
        assertEquals(2, Network.parseAll(" 10.0.0.0/8 , ::1/128 ,").size());
    }

    @Test
    void writesItselfAsInASetting() {
        assertEquals("169.254.0.0/16", Network.parse("169.254.0.0/16").toString());
        assertEquals("127.0.0.2/32", Network.parse("127.0.0.2").toString());
    }
}
