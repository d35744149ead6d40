package io.pendule.executors.control;

import io.pendule.executors.entity.TlsSettings;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One HTTP client per distinct TLS setup, shared by every run that uses it: a client owns a selector thread and a
 * connection pool, too costly to create per request. A job's timeout is set on its request, never on the client, so
 * jobs that differ only by their timeout share a client. At most {@link #CAPACITY} clients are kept, the least recently
 * used one let go beyond (its selector thread ends once its last request is done and it is collected).
 * TLS files are read when the client is first created; changed files are picked up after a restart, or after the
 * client was let go.
 */
final class HttpClients {

    /** The JDK's default is an unbounded cached pool per client: hundreds of threads under load. */
    private static final int THREADS = 4;
    /** Distinct TLS setups kept at once: each client costs a thread; a node seldom has more than a few. */
    static final int CAPACITY = 32;
    /** The longest a connection may take to open; a job's shorter timeout bounds its whole exchange anyway. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final Map<TlsSettings, HttpClient> clients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TlsSettings, HttpClient> eldest) {
            return size() > CAPACITY;
        }
    };
    private final ExecutorService executor = Executors.newFixedThreadPool(THREADS, DaemonThreads.named("pendule-http-"));

    /** @throws IllegalStateException when the TLS files cannot be used; nothing is cached then */
    synchronized HttpClient client(TlsSettings tls) {
        return clients.computeIfAbsent(tls, this::create);
    }

    synchronized int size() {
        return clients.size();
    }

    void shutdown() {
        executor.shutdownNow();
    }

    private HttpClient create(TlsSettings tls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .executor(executor)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT);
        if (!tls.isDefault()) {
            builder.sslContext(TlsContexts.create(tls));
        }
        return builder.build();
    }
}
