package io.pendule.executors.control;

import io.pendule.executors.entity.TlsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpClientsTest {

    private final HttpClients clients = new HttpClients();

    @AfterEach
    void shutdown() {
        clients.shutdown();
    }

    @Test
    void theCacheNeverHoldsMoreThanItsCapacityAndLetsTheLeastRecentlyUsedGo() {
        HttpClient first = clients.client(tls(0));
        for (int i = 1; i < 200; i++) {
            clients.client(tls(i));
            clients.client(tls(0)); // used again and again: kept
            assertTrue(clients.size() <= HttpClients.CAPACITY, "size " + clients.size());
        }
        assertEquals(HttpClients.CAPACITY, clients.size());
        assertSame(first, clients.client(tls(0)));
        assertNotSame(clients.client(tls(1)), clients.client(tls(500)), "tls(1) went long ago and comes back new");
    }

    @Test
    void theConnectTimeoutIsCappedAt30Seconds() {
        assertEquals(java.util.Optional.of(java.time.Duration.ofSeconds(30)), clients.client(TlsSettings.DEFAULT).connectTimeout());
    }

    /** Distinct settings that build without files: with tlsNoVerifyPeer, the root CA file is not read. */
    private static TlsSettings tls(int i) {
        return new TlsSettings(true, "/ca-" + i + ".pem", null, null);
    }
}
